package org.recurrent.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;

/**
 * Percentile bootstrap confidence intervals for a binary metric such as {@link BinaryMetrics#rocAuc}.
 *
 * <pre>{@code
 * for b = 1..B:  draw N indices uniformly with replacement -> (truth*, scores*)
 *                if truth* holds one class only: skip (counted in replicatesSkipped, not redrawn)
 *                else theta_b = metric(truth*, scores*)
 * sort the kept theta_b;  lower = quantile((1 - level) / 2),  upper = quantile((1 + level) / 2)
 * }</pre>
 *
 * <p>Quantiles interpolate linearly between order statistics ({@code numpy.percentile}'s default): for q in [0, 1]
 * and m kept values, {@code h = q (m - 1)}, {@code Q = v[floor h] + (h - floor h)(v[floor h + 1] - v[floor h])}.
 * Resamples with one class are skipped rather than redrawn because ROC-AUC and average precision are undefined
 * on them; a large skip count says the minority class is too small for the interval to be trusted.
 *
 * <p>Deterministic for a seed: all draws come from {@code new java.util.Random(seed)}, whose algorithm the JDK
 * specifies, so a seed gives the same interval on every JVM.
 */
public final class Bootstrap {
  public static final int DEFAULT_REPLICATES = 1000;
  public static final double DEFAULT_LEVEL = 0.95;
  /**
   * The most replicates asked for: percentile intervals settle long before (Efron and Tibshirani suggest 1,000 to
   * 2,000), and 10^9 would run for hours and hold an 8 GB array of values.
   */
  public static final int MAX_REPLICATES = 100_000;

  private Bootstrap() {}

  /** {@link #DEFAULT_REPLICATES} resamples at {@link #DEFAULT_LEVEL}. */
  public static ConfidenceInterval confidenceInterval(
      ToDoubleBiFunction<int[], double[]> metric, int[] truth, double[] scores, long seed) {
    return confidenceInterval(metric, truth, scores, DEFAULT_REPLICATES, DEFAULT_LEVEL, seed);
  }

  public static ConfidenceInterval confidenceInterval(ToDoubleBiFunction<int[], double[]> metric, int[] truth,
      double[] scores, int replicates, double level, long seed) {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(scores, "scores");
    if (replicates < 1 || replicates > MAX_REPLICATES) {
      throw new IllegalArgumentException("Bootstrap: replicates must be in 1.." + MAX_REPLICATES + ", got " + replicates);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("Bootstrap: level must be in (0, 1), got " + level);
    }
    InputChecks.requireSameLength("Bootstrap", "truth", truth.length, "scores", scores.length);
    InputChecks.requireNonEmpty("Bootstrap", truth.length);
    InputChecks.countPositives("Bootstrap", truth);
    double estimate = metric.applyAsDouble(truth, scores);

    int n = truth.length;
    Random random = new Random(seed);
    double[] values = new double[replicates];
    int used = 0;
    for (int b = 0; b < replicates; b++) {
      int[] truthSample = new int[n]; // fresh arrays: the metric may keep or modify what it is given
      double[] scoreSample = new double[n];
      int positives = 0;
      for (int i = 0; i < n; i++) {
        int j = random.nextInt(n);
        truthSample[i] = truth[j];
        scoreSample[i] = scores[j];
        positives += truth[j];
      }
      if (positives == 0 || positives == n) continue; // one class only: skipped, not redrawn
      values[used++] = metric.applyAsDouble(truthSample, scoreSample);
    }
    if (used == 0) {
      throw new IllegalArgumentException("Bootstrap: all " + replicates
          + " resamples held one class only; the data need more examples of the minority class");
    }
    double[] kept = Arrays.copyOf(values, used);
    Arrays.sort(kept);
    return new ConfidenceInterval(estimate, quantile(kept, (1 - level) / 2), quantile(kept, (1 + level) / 2), level,
        used, replicates - used);
  }

  /** Linear interpolation between order statistics of the sorted {@code values}; see the class comment. */
  static double quantile(double[] sorted, double q) {
    double h = q * (sorted.length - 1);
    int below = (int) Math.floor(h);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }
}
