package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiLabelMetricsTest {
  private static final double EPS = 1e-12;

  // 3 examples, L = 5 labels
  //   example 0: true {0, 2}      scores [0.9, 0.1, 0.8, 0.3, 0.2]  top-2 {0, 2}  hits 2
  //   example 1: true {1, 3, 4}   scores [0.5, 0.4, 0.1, 0.6, 0.2]  top-2 {3, 0}  hits 1
  //   example 2: true {}          scores [0.1, 0.2, 0.3, 0.4, 0.5]  top-2 {4, 3}  hits 0
  private static final int[][] TRUTH = {{1, 0, 1, 0, 0}, {0, 1, 0, 1, 1}, {0, 0, 0, 0, 0}};
  private static final float[][] SCORES = {
      {0.9f, 0.1f, 0.8f, 0.3f, 0.2f}, {0.5f, 0.4f, 0.1f, 0.6f, 0.2f}, {0.1f, 0.2f, 0.3f, 0.4f, 0.5f}};

  @Test
  void recallAtKAveragesOverExamplesWithTrueLabels() {
    // example 2 has no true label: left out. recall@2 = (2/2 + 1/3) / 2 = 2/3
    assertEquals(2.0 / 3, MultiLabelMetrics.recallAtK(TRUTH, SCORES, 2), EPS);
    // k = 1: top-1 {0}, {3}: (1/2 + 1/3) / 2 = 5/12
    assertEquals(5.0 / 12, MultiLabelMetrics.recallAtK(TRUTH, SCORES, 1), EPS);
    // k >= L takes every label: recall 1
    assertEquals(1.0, MultiLabelMetrics.recallAtK(TRUTH, SCORES, 7), EPS);
  }

  @Test
  void precisionAtKAveragesOverAllExamplesAndDividesByK() {
    // precision@2 = (2/2 + 1/2 + 0/2) / 3 = 1/2
    assertEquals(0.5, MultiLabelMetrics.precisionAtK(TRUTH, SCORES, 2), EPS);
    // k = 7 > L: hits 2, 3, 0 over 7 each: (5/7) / 3
    assertEquals(5.0 / 21, MultiLabelMetrics.precisionAtK(TRUTH, SCORES, 7), EPS);
  }

  @Test
  void booleanAndIntTruthAgree() {
    boolean[][] truth = new boolean[3][5];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) truth[i][j] = TRUTH[i][j] == 1;
    }
    assertEquals(MultiLabelMetrics.recallAtK(TRUTH, SCORES, 2), MultiLabelMetrics.recallAtK(truth, SCORES, 2));
    assertEquals(MultiLabelMetrics.precisionAtK(TRUTH, SCORES, 3), MultiLabelMetrics.precisionAtK(truth, SCORES, 3));
  }

  @Test
  void tiesGoToTheLowerLabelIndex() {
    // scores [0.5, 0.9, 0.5, 0.5], k = 2: label 1, then the tie at 0.5 goes to label 0 (not 2 or 3)
    float[][] scores = {{0.5f, 0.9f, 0.5f, 0.5f}};
    assertEquals(1.0, MultiLabelMetrics.recallAtK(new int[][] {{1, 0, 0, 0}}, scores, 2), EPS);
    assertEquals(0.0, MultiLabelMetrics.recallAtK(new int[][] {{0, 0, 1, 0}}, scores, 2), EPS);
    // -0.0 ties 0.0, so the lower index wins
    assertEquals(1.0, MultiLabelMetrics.recallAtK(new int[][] {{1, 0}}, new float[][] {{-0.0f, 0.0f}}, 1), EPS);
  }

  @Test
  void summaryListsRecallsThenPrecisionsForEachK() {
    Map<String, Double> summary = MultiLabelMetrics.summary(TRUTH, SCORES, 1, 2);
    assertEquals(List.of("recall@1", "recall@2", "precision@1", "precision@2"), List.copyOf(summary.keySet()));
    assertEquals(5.0 / 12, summary.get("recall@1"), EPS);
    assertEquals(2.0 / 3, summary.get("recall@2"), EPS);
    assertEquals(2.0 / 3, summary.get("precision@1"), EPS); // (1 + 1 + 0) / 3
    assertEquals(0.5, summary.get("precision@2"), EPS);
  }

  @Test
  void rejectsKBelowOne() {
    var e = assertThrows(IllegalArgumentException.class, () -> MultiLabelMetrics.recallAtK(TRUTH, SCORES, 0));
    assertEquals("recall@k: k must be >= 1, got 0", e.getMessage());
    var p = assertThrows(IllegalArgumentException.class, () -> MultiLabelMetrics.precisionAtK(TRUTH, SCORES, -1));
    assertEquals("precision@k: k must be >= 1, got -1", p.getMessage());
  }

  @Test
  void rejectsMismatchedShapesEmptyInputAndNoTrueLabels() {
    var rows = assertThrows(IllegalArgumentException.class,
        () -> MultiLabelMetrics.recallAtK(new int[][] {{1, 0}}, SCORES, 1));
    assertEquals("recall@k: truth and scores must have the same length, got 1 and 3", rows.getMessage());
    var labels = assertThrows(IllegalArgumentException.class,
        () -> MultiLabelMetrics.recallAtK(new int[][] {{1, 0}}, new float[][] {{0.1f, 0.2f, 0.3f}}, 1));
    assertEquals("recall@k: truth[0] has 2 labels but scores[0] has 3; rows must have one score per label",
        labels.getMessage());
    var empty = assertThrows(IllegalArgumentException.class,
        () -> MultiLabelMetrics.precisionAtK(new int[0][], new float[0][], 1));
    assertEquals("precision@k: no examples; the inputs are empty", empty.getMessage());
    var none = assertThrows(IllegalArgumentException.class,
        () -> MultiLabelMetrics.recallAtK(new int[][] {{0, 0}}, new float[][] {{0.1f, 0.2f}}, 1));
    assertEquals("recall@k: no example has a true label; recall is undefined", none.getMessage());
    var notMultiHot = assertThrows(IllegalArgumentException.class,
        () -> MultiLabelMetrics.recallAtK(new int[][] {{0, 2}}, new float[][] {{0.1f, 0.2f}}, 1));
    assertEquals("recall@k: truth[0][1] = 2, expected 0 or 1 (multi-hot)", notMultiHot.getMessage());
    var nan = assertThrows(IllegalArgumentException.class,
        () -> MultiLabelMetrics.recallAtK(new int[][] {{0, 1}}, new float[][] {{0.1f, Float.NaN}}, 1));
    assertEquals("recall@k: scores[0][1] is NaN; scores must be numbers", nan.getMessage());
  }
}
