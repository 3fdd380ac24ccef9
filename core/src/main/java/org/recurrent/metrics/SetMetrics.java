package org.recurrent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Set-level scores of predicted label sets against true ones (medication recommendation), each a mean over rows
 * (visits) of the row's own score, as GAMENet and SafeDrug report them:
 * <pre>{@code
 * P = predicted set, Y = true set (non-empty), I = |P ∩ Y|
 * jaccard   = I / |P ∪ Y|
 * precision = I / |P|              0 when P is empty
 * recall    = I / |Y|
 * f1        = 2 precision recall / (precision + recall)     0 when both are 0
 * mean_predicted = |P|
 * }</pre>
 * Rows whose true set is empty are left out (their recall is undefined); {@link #of} says how many rows it scored.
 */
public final class SetMetrics {
  private SetMetrics() {}

  /** The means over the rows with a non-empty true set; rows is that count. */
  public record Scores(double jaccard, double precision, double recall, double f1, double meanPredicted, int rows) {
    /** {@code prefix + jaccard}, ... {@code prefix + mean_predicted}. */
    public Map<String, Double> asMap(String prefix) {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put(prefix + "jaccard", jaccard);
      out.put(prefix + "precision", precision);
      out.put(prefix + "recall", recall);
      out.put(prefix + "f1", f1);
      out.put(prefix + "mean_predicted", meanPredicted);
      return out;
    }
  }

  /** Scores of {@code predicted[i][k]} against {@code truth[i][k]}, both (N, K) indicators. */
  public static Scores of(boolean[][] truth, boolean[][] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth has " + truth.length + " rows, predictions " + predicted.length);
    }
    double j = 0, p = 0, r = 0, f = 0, size = 0;
    int rows = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i].length != predicted[i].length) {
        throw new IllegalArgumentException("row " + i + ": truth has " + truth[i].length + " labels, predictions "
            + predicted[i].length);
      }
      int y = 0, hat = 0, both = 0;
      for (int k = 0; k < truth[i].length; k++) {
        if (truth[i][k]) y++;
        if (predicted[i][k]) hat++;
        if (truth[i][k] && predicted[i][k]) both++;
      }
      if (y == 0) continue;
      rows++;
      double precision = hat == 0 ? 0 : (double) both / hat, recall = (double) both / y;
      j += (double) both / (y + hat - both);                  // |P ∪ Y| = |P| + |Y| - |P ∩ Y| >= |Y| > 0
      p += precision;
      r += recall;
      f += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      size += hat;
    }
    if (rows == 0) return new Scores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    return new Scores(j / rows, p / rows, r / rows, f / rows, size / rows, rows);
  }

  /** The sets {@code scores[i][k] >= threshold}. */
  public static boolean[][] atThreshold(float[][] scores, double threshold) {
    boolean[][] out = new boolean[scores.length][];
    for (int i = 0; i < scores.length; i++) {
      out[i] = new boolean[scores[i].length];
      for (int k = 0; k < scores[i].length; k++) out[i][k] = scores[i][k] >= threshold;
    }
    return out;
  }

  /** The sets of each row's {@code k} highest scores (ties by the lower index). */
  public static boolean[][] topK(float[][] scores, int k) {
    boolean[][] out = new boolean[scores.length][];
    for (int i = 0; i < scores.length; i++) {
      float[] s = scores[i];
      out[i] = new boolean[s.length];
      Integer[] order = new Integer[s.length];
      for (int j = 0; j < s.length; j++) order[j] = j;
      java.util.Arrays.sort(order, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
      for (int j = 0; j < Math.min(k, s.length); j++) out[i][order[j]] = true;
    }
    return out;
  }
}
