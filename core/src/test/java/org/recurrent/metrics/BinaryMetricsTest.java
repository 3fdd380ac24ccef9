package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  private static final double EPS = 1e-12;
  // scikit-learn's documentation example for roc_auc_score and average_precision_score
  private static final int[] TRUTH = {0, 0, 1, 1};
  private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};

  @Test
  void rocAucFromAverageRanks() {
    // ascending: 0.1(-) r1, 0.35(+) r2, 0.4(-) r3, 0.8(+) r4; U = (2 + 4) - 2*3/2 = 3; AUC = 3 / (2*2) = 0.75
    assertEquals(0.75, BinaryMetrics.rocAuc(TRUTH, SCORES), EPS);
  }

  @Test
  void rocAucGivesTiedPairsHalfCredit() {
    // scores 0.2(-), 0.5(-), 0.5(+), 0.9(+): the tie at 0.5 shares ranks 2 and 3 -> 2.5 each
    // U = (2.5 + 4) - 3 = 3.5; AUC = 3.5 / 4 = 0.875 (pairs: 0.5 vs 0.5 counts 1/2, the other three count 1)
    assertEquals(0.875, BinaryMetrics.rocAuc(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.9}), EPS);
    // all scores equal: every rank is 2.5, U = 5 - 3 = 2, AUC = 2/4 = 0.5
    assertEquals(0.5, BinaryMetrics.rocAuc(TRUTH, new double[] {3, 3, 3, 3}), EPS);
    // -0.0 and 0.0 are the same score
    assertEquals(0.5, BinaryMetrics.rocAuc(new int[] {0, 1}, new double[] {0.0, -0.0}), EPS);
  }

  @Test
  void rocAucMatchesPairCountingOnRandomTiedScores() {
    Random random = new Random(7);
    int n = 301;
    int[] truth = new int[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = random.nextInt(3) == 0 ? 1 : 0;
      scores[i] = random.nextInt(20) / 4.0; // 20 distinct values: many ties
    }
    double credit = 0; // sum over (positive, negative) pairs of [s+ > s-] + 0.5 [s+ == s-]
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (truth[i] == 1 && truth[j] == 0) {
          credit += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    assertEquals(credit / pairs, BinaryMetrics.rocAuc(truth, scores), 1e-12);
  }

  @Test
  void averagePrecisionMatchesScikitLearnExample() {
    // thresholds high to low: 0.8(+): TP1 FP0 P=1 R=1/2 -> (1/2)(1); 0.4(-): R unchanged -> 0;
    // 0.35(+): TP2 FP1 P=2/3 R=1 -> (1/2)(2/3). AP = 1/2 + 1/3 = 0.8333...
    assertEquals(5.0 / 6, BinaryMetrics.averagePrecision(TRUTH, SCORES), EPS);
  }

  @Test
  void averagePrecisionEntersTiedScoresTogether() {
    // truth [1,0,1,0], scores [0.5,0.5,0.2,0.9]; thresholds high to low:
    // 0.9(-): TP0 FP1; 0.5(+,-) together: TP1 FP2 P=1/3 R=1/2 -> (1/2)(1/3); 0.2(+): TP2 FP2 P=1/2 R=1 -> (1/2)(1/2)
    // AP = 1/6 + 1/4 = 5/12
    assertEquals(5.0 / 12,
        BinaryMetrics.averagePrecision(new int[] {1, 0, 1, 0}, new double[] {0.5, 0.5, 0.2, 0.9}), EPS);
    // perfect ranking -> 1
    assertEquals(1.0, BinaryMetrics.averagePrecision(new int[] {0, 1, 1}, new double[] {0.1, 0.7, 0.9}), EPS);
  }

  @Test
  void averagePrecisionMatchesThresholdScanOnRandomTiedScores() {
    Random random = new Random(11);
    int n = 257;
    int[] truth = new int[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = random.nextInt(4) == 0 ? 1 : 0;
      scores[i] = random.nextInt(15);
    }
    // direct definition: at each distinct threshold t (high to low) count TP, FP with score >= t
    double[] thresholds = Arrays.stream(scores).distinct().sorted().toArray();
    int numPositive = Arrays.stream(truth).sum();
    double ap = 0;
    double previousRecall = 0;
    for (int k = thresholds.length - 1; k >= 0; k--) {
      int tp = 0;
      int fp = 0;
      for (int i = 0; i < n; i++) {
        if (scores[i] >= thresholds[k]) {
          if (truth[i] == 1) tp++;
          else fp++;
        }
      }
      double recall = (double) tp / numPositive;
      ap += (recall - previousRecall) * tp / (tp + fp);
      previousRecall = recall;
    }
    assertEquals(ap, BinaryMetrics.averagePrecision(truth, scores), 1e-12);
  }

  @Test
  void summaryHasStableKeysInOrder() {
    // at 0.5 only 0.8 predicts positive: predicted [0,0,0,1]; accuracy 3/4; F1 = 2*1 / (2*1 + 0 + 1) = 2/3
    Map<String, Double> summary = BinaryMetrics.summary(TRUTH, SCORES);
    assertEquals(List.of("roc_auc", "pr_auc", "accuracy@0.5", "f1@0.5"), List.copyOf(summary.keySet()));
    assertEquals(0.75, summary.get("roc_auc"), EPS);
    assertEquals(5.0 / 6, summary.get("pr_auc"), EPS);
    assertEquals(0.75, summary.get("accuracy@0.5"), EPS);
    assertEquals(2.0 / 3, summary.get("f1@0.5"), EPS);
  }

  @Test
  void thresholdIsInclusive() {
    // score exactly 0.5 predicts positive: predicted [1, 1] vs truth [0, 1] -> accuracy 1/2, F1 = 2/(2+1+0)
    assertEquals(0.5, BinaryMetrics.accuracyAt(new int[] {0, 1}, new double[] {0.5, 0.7}, 0.5), EPS);
    assertEquals(2.0 / 3, BinaryMetrics.f1At(new int[] {0, 1}, new double[] {0.5, 0.7}, 0.5), EPS);
  }

  @Test
  void thresholdedMetricsRejectBadInputInTheirOwnName() {
    var mismatch = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.accuracyAt(new int[] {0, 1}, new double[] {0.1}, 0.5));
    assertEquals("accuracy@threshold: truth and scores must have the same length, got 2 and 1",
        mismatch.getMessage());
    var empty = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.f1At(new int[0], new double[0], 0.5));
    assertEquals("f1@threshold: no examples; the inputs are empty", empty.getMessage());
    var label = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.f1At(new int[] {3, 0}, new double[] {0.9, 0.1}, 0.5));
    assertEquals("f1@threshold: truth[0] = 3, expected 0 (negative) or 1 (positive)", label.getMessage());
  }

  @Test
  void rejectsOneClassOnly() {
    var roc = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.rocAuc(new int[] {1, 1, 1}, new double[] {0.1, 0.2, 0.3}));
    assertEquals("ROC-AUC is undefined when truth has only one class (3 positives, 0 negatives); "
        + "it needs at least one of each", roc.getMessage());
    var ap = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.averagePrecision(new int[] {0, 0}, new double[] {0.1, 0.2}));
    assertEquals("average precision is undefined when truth has only one class (0 positives, 2 negatives); "
        + "it needs at least one of each", ap.getMessage());
  }

  @Test
  void rejectsLengthMismatchEmptyInputBadLabelsAndNaN() {
    var mismatch = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.rocAuc(new int[] {0, 1}, new double[] {0.1}));
    assertEquals("ROC-AUC: truth and scores must have the same length, got 2 and 1", mismatch.getMessage());
    var empty = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.averagePrecision(new int[0], new double[0]));
    assertEquals("average precision: no examples; the inputs are empty", empty.getMessage());
    var label = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.rocAuc(new int[] {0, 2}, new double[] {0.1, 0.2}));
    assertEquals("ROC-AUC: truth[1] = 2, expected 0 (negative) or 1 (positive)", label.getMessage());
    var nan = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.rocAuc(new int[] {0, 1}, new double[] {Double.NaN, 0.2}));
    assertEquals("ROC-AUC: scores[0] is NaN; scores must be numbers", nan.getMessage());
  }
}
