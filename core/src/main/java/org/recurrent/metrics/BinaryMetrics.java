package org.recurrent.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Binary classification from scores (probabilities, logits or any ranking score; higher means "more positive") and
 * 0/1 truth. The ranking metrics are exact, O(n log n), and handle tied scores by grouping them.
 *
 * <p>ROC-AUC is the Mann-Whitney U statistic normalised by the number of (positive, negative) pairs, with average
 * ranks for ties. Ranks r_i are 1-based over all N = P + Q scores in ascending order; a group of m tied scores
 * starting after rank r gets rank {@code r + (m + 1) / 2} for each member:
 *
 * <pre>{@code
 * U       = sum_{i positive} r_i - P (P + 1) / 2
 * ROC-AUC = U / (P Q)          = P(score of random positive > random negative) + 0.5 P(tie)
 * }</pre>
 *
 * <p>PR-AUC is average precision, scikit-learn's {@code average_precision_score}: thresholds are the distinct
 * scores from high to low (tied scores enter together), and at the n-th threshold
 * {@code P_n = TP_n / (TP_n + FP_n)}, {@code R_n = TP_n / P}:
 *
 * <pre>{@code
 * AP = sum_n (R_n - R_{n-1}) P_n          R_0 = 0
 * }</pre>
 *
 * <p>No interpolation is done (unlike the trapezoidal PR area, which is optimistic). Both metrics are undefined
 * when truth holds only one class and then throw {@link IllegalArgumentException}; NaN scores are rejected.
 */
public final class BinaryMetrics {
  /** The threshold used by {@link #summary}: a score at or above it predicts the positive class. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  private BinaryMetrics() {}

  /** Area under the ROC curve; see the class comment for the rank formula and ties. */
  public static double rocAuc(int[] truth, double[] scores) {
    checkRankingInputs("ROC-AUC", truth, scores);
    TieGroups groups = TieGroups.of(truth, scores);
    long numPositive = 0;
    long numNegative = 0;
    double positiveRankSum = 0;
    long ranksBefore = 0;
    for (int g = 0; g < groups.size(); g++) {
      int p = groups.positives()[g];
      int m = p + groups.negatives()[g];
      positiveRankSum += p * (ranksBefore + (m + 1) / 2.0); // average of ranks ranksBefore+1 .. ranksBefore+m
      ranksBefore += m;
      numPositive += p;
      numNegative += m - p;
    }
    double u = positiveRankSum - numPositive * (numPositive + 1) / 2.0;
    return u / ((double) numPositive * numNegative);
  }

  /** Average precision, the PR-AUC; see the class comment for the formula and ties. */
  public static double averagePrecision(int[] truth, double[] scores) {
    checkRankingInputs("average precision", truth, scores);
    TieGroups groups = TieGroups.of(truth, scores);
    long numPositive = 0;
    for (int p : groups.positives()) numPositive += p;
    long tp = 0;
    long fp = 0;
    double ap = 0;
    for (int g = groups.size() - 1; g >= 0; g--) { // highest score first: thresholds from high to low
      int p = groups.positives()[g];
      tp += p;
      fp += groups.negatives()[g];
      if (p > 0) ap += ((double) p / numPositive) * ((double) tp / (tp + fp)); // (R_n - R_{n-1}) P_n
    }
    return ap;
  }

  /** Fraction of examples where {@code [score >= threshold]} equals the truth. */
  public static double accuracyAt(int[] truth, double[] scores, double threshold) {
    return confusionAt("accuracy@threshold", truth, scores, threshold).accuracy();
  }

  /** F1 of the positive class when {@code score >= threshold} predicts positive; 0 if tp = fp = fn = 0. */
  public static double f1At(int[] truth, double[] scores, double threshold) {
    return confusionAt("f1@threshold", truth, scores, threshold).f1(1);
  }

  /**
   * The standard metrics of a binary task, in this order: {@code roc_auc, pr_auc, accuracy@0.5, f1@0.5}. The
   * thresholded two assume the scores are probabilities; for logits use {@link #accuracyAt} with threshold 0.
   */
  public static Map<String, Double> summary(int[] truth, double[] scores) {
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("roc_auc", rocAuc(truth, scores));
    summary.put("pr_auc", averagePrecision(truth, scores));
    summary.put("accuracy@0.5", accuracyAt(truth, scores, DEFAULT_THRESHOLD));
    summary.put("f1@0.5", f1At(truth, scores, DEFAULT_THRESHOLD));
    return Collections.unmodifiableMap(summary);
  }

  private static ConfusionMatrix confusionAt(String metric, int[] truth, double[] scores, double threshold) {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(scores, "scores");
    InputChecks.requireSameLength(metric, "truth", truth.length, "scores", scores.length);
    InputChecks.requireNonEmpty(metric, truth.length);
    InputChecks.countPositives(metric, truth);
    int[] predicted = new int[scores.length];
    for (int i = 0; i < scores.length; i++) predicted[i] = scores[i] >= threshold ? 1 : 0;
    return ConfusionMatrix.of(truth, predicted, 2);
  }

  private static void checkRankingInputs(String metric, int[] truth, double[] scores) {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(scores, "scores");
    InputChecks.requireSameLength(metric, "truth", truth.length, "scores", scores.length);
    InputChecks.requireNonEmpty(metric, truth.length);
    int positives = InputChecks.countPositives(metric, truth);
    InputChecks.requireNoNaN(metric, "scores", scores);
    InputChecks.requireBothClasses(metric, positives, truth.length - positives);
  }
}
