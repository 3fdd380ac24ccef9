package org.recurrent.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Ranking metrics for multi-label prediction (e.g. the diagnosis codes of a next visit), from a (N, L) score matrix
 * and multi-hot truth. With {@code top_k(i)} the k highest-scoring labels of example i and {@code Y_i} its set of
 * true labels:
 *
 * <pre>{@code
 * recall@k    = (1 / |E|) sum_{i in E} |top_k(i) ∩ Y_i| / |Y_i|        E = examples with |Y_i| >= 1
 * precision@k = (1 / N)   sum_i        |top_k(i) ∩ Y_i| / k
 * }</pre>
 *
 * <p>recall@k is Doctor AI's (Choi et al. 2016, "Doctor AI: Predicting Clinical Events via Recurrent Neural
 * Networks"): examples without true labels are left out of its mean, and if no example has one it throws.
 * precision@k averages over every example (one without true labels scores 0) and always divides by k, even when
 * k exceeds L or |Y_i|. Ties in scores are broken toward the lower label index; NaN scores are rejected.
 */
public final class MultiLabelMetrics {
  private MultiLabelMetrics() {}

  public static double recallAtK(boolean[][] truth, float[][] scores, int k) {
    String metric = "recall@k";
    check(metric, truth, scores, k);
    double sum = 0;
    int counted = 0;
    for (int i = 0; i < truth.length; i++) {
      int numTrue = countTrue(truth[i]);
      if (numTrue == 0) continue; // undefined for this example: left out of the mean
      sum += (double) hits(truth[i], scores[i], k) / numTrue;
      counted++;
    }
    if (counted == 0) {
      throw new IllegalArgumentException(metric + ": no example has a true label; recall is undefined");
    }
    return sum / counted;
  }

  public static double recallAtK(int[][] truth, float[][] scores, int k) {
    return recallAtK(multiHot("recall@k", truth), scores, k);
  }

  public static double precisionAtK(boolean[][] truth, float[][] scores, int k) {
    check("precision@k", truth, scores, k);
    double sum = 0;
    for (int i = 0; i < truth.length; i++) sum += (double) hits(truth[i], scores[i], k) / k;
    return sum / truth.length;
  }

  public static double precisionAtK(int[][] truth, float[][] scores, int k) {
    return precisionAtK(multiHot("precision@k", truth), scores, k);
  }

  /**
   * {@code recall@k} for each k in the order given, then {@code precision@k} for each k: e.g. ks = 10, 20 gives keys
   * {@code recall@10, recall@20, precision@10, precision@20}.
   */
  public static Map<String, Double> summary(boolean[][] truth, float[][] scores, int... ks) {
    if (ks.length == 0) throw new IllegalArgumentException("MultiLabelMetrics.summary: give at least one k");
    Map<String, Double> summary = new LinkedHashMap<>();
    for (int k : ks) summary.put("recall@" + k, recallAtK(truth, scores, k));
    for (int k : ks) summary.put("precision@" + k, precisionAtK(truth, scores, k));
    return Collections.unmodifiableMap(summary);
  }

  public static Map<String, Double> summary(int[][] truth, float[][] scores, int... ks) {
    return summary(multiHot("MultiLabelMetrics.summary", truth), scores, ks);
  }

  private static int hits(boolean[] truth, float[] scores, int k) {
    boolean[] top = TopK.select(scores, k);
    int hits = 0;
    for (int j = 0; j < truth.length; j++) {
      if (top[j] && truth[j]) hits++;
    }
    return hits;
  }

  private static int countTrue(boolean[] labels) {
    int count = 0;
    for (boolean label : labels) {
      if (label) count++;
    }
    return count;
  }

  private static void check(String metric, boolean[][] truth, float[][] scores, int k) {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(scores, "scores");
    InputChecks.requireK(metric, k);
    InputChecks.requireSameLength(metric, "truth", truth.length, "scores", scores.length);
    InputChecks.requireNonEmpty(metric, truth.length);
    for (int i = 0; i < truth.length; i++) {
      if (truth[i].length != scores[i].length) {
        throw new IllegalArgumentException(metric + ": truth[" + i + "] has " + truth[i].length
            + " labels but scores[" + i + "] has " + scores[i].length + "; rows must have one score per label");
      }
      InputChecks.requireNoNaN(metric, "scores[" + i + "]", scores[i]);
    }
  }

  private static boolean[][] multiHot(String metric, int[][] truth) {
    Objects.requireNonNull(truth, "truth");
    boolean[][] labels = new boolean[truth.length][];
    for (int i = 0; i < truth.length; i++) {
      labels[i] = new boolean[truth[i].length];
      for (int j = 0; j < truth[i].length; j++) {
        int v = truth[i][j];
        if (v != 0 && v != 1) {
          throw new IllegalArgumentException(metric + ": truth[" + i + "][" + j + "] = " + v
              + ", expected 0 or 1 (multi-hot)");
        }
        labels[i][j] = v == 1;
      }
    }
    return labels;
  }
}
