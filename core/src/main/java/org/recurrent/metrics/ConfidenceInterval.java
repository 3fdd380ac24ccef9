package org.recurrent.metrics;

/**
 * A metric's value on the full data and a bootstrap interval around it, from {@link Bootstrap}.
 *
 * @param estimate the metric on the original (not resampled) data
 * @param lower the {@code (1 - level) / 2} percentile of the replicate values
 * @param upper the {@code (1 + level) / 2} percentile of the replicate values
 * @param level the nominal coverage, e.g. 0.95
 * @param replicatesUsed resamples whose metric value entered the percentiles
 * @param replicatesSkipped resamples dropped because they held one class only; used + skipped = requested
 */
public record ConfidenceInterval(
    double estimate, double lower, double upper, double level, int replicatesUsed, int replicatesSkipped) {

  public double width() {
    return upper - lower;
  }
}
