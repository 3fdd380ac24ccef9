package org.recurrent.metrics;

/**
 * How far predicted probabilities are from observed frequencies: the reliability diagram's bins and the expected
 * calibration error (Naeini et al. 2015; Guo et al. 2017, "On Calibration of Modern Neural Networks"). Each
 * prediction is a confidence c_i in [0, 1] (for a classifier, the probability of the class it predicts) and
 * whether it was right. M equal-width bins B_m = ((m - 1) / M, m / M], with c = 0 in the first:
 * <pre>{@code
 * acc(B_m)  = (1 / |B_m|) sum_{i in B_m} [correct_i]        conf(B_m) = (1 / |B_m|) sum_{i in B_m} c_i
 * ECE       = sum_m (|B_m| / n) |acc(B_m) - conf(B_m)|      empty bins add nothing
 * }</pre>
 * A perfectly calibrated model has ECE 0: of the predictions made with confidence 0.8, 80% are right.
 *
 * @param binCount      |B_m| per bin
 * @param binConfidence conf(B_m); NaN for an empty bin
 * @param binAccuracy   acc(B_m); NaN for an empty bin
 * @param ece           the expected calibration error, in [0, 1]
 */
public record Calibration(long[] binCount, double[] binConfidence, double[] binAccuracy, double ece) {
  /** The usual bin count (Guo et al. use M = 15). */
  public static final int DEFAULT_BINS = 15;

  /** The bins and ECE of {@code confidence} against {@code correct}, in {@code bins} equal-width bins. */
  public static Calibration of(double[] confidence, boolean[] correct, int bins) {
    String metric = "expected calibration error";
    if (bins < 1) throw new IllegalArgumentException(metric + ": bins must be at least 1, got " + bins);
    InputChecks.requireSameLength(metric, "confidence", confidence.length, "correct", correct.length);
    InputChecks.requireNonEmpty(metric, confidence.length);
    long[] count = new long[bins];
    double[] confSum = new double[bins], rightSum = new double[bins];
    for (int i = 0; i < confidence.length; i++) {
      double c = confidence[i];
      if (!(c >= 0 && c <= 1)) {
        throw new IllegalArgumentException(metric + ": confidence[" + i + "] = " + c + ", expected a probability in [0, 1]");
      }
      int m = bin(c, bins);
      count[m]++;
      confSum[m] += c;
      if (correct[i]) rightSum[m]++;
    }
    double[] conf = new double[bins], acc = new double[bins];
    double ece = 0;
    for (int m = 0; m < bins; m++) {
      conf[m] = count[m] == 0 ? Double.NaN : confSum[m] / count[m];
      acc[m] = count[m] == 0 ? Double.NaN : rightSum[m] / count[m];
      if (count[m] > 0) ece += (double) count[m] / confidence.length * Math.abs(acc[m] - conf[m]);
    }
    return new Calibration(count, conf, acc, ece);
  }

  /** The bin of confidence c: m - 1 for c in ((m - 1) / M, m / M], and 0 for c = 0. */
  static int bin(double c, int bins) {
    return Math.max(0, Math.min(bins - 1, (int) Math.ceil(c * bins) - 1));
  }

  public int bins() {
    return binCount.length;
  }

  /** The upper edge of bin m, m / M. */
  public double upperEdge(int m) {
    return (m + 1) / (double) bins();
  }
}
