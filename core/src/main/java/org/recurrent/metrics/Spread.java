package org.recurrent.metrics;

import java.util.Arrays;

/**
 * How much one number varies over repeated runs (seeds): the values, their mean, the sample standard deviation,
 * the smallest and the largest. For n values {@code x_1 .. x_n}:
 *
 * <pre>{@code
 * mean = (1/n) sum_i x_i
 * sd   = sqrt( sum_i (x_i - mean)^2 / (n - 1) )      the sample (Bessel-corrected) standard deviation, as
 *                                                     numpy.std(x, ddof=1) and R's sd(); NaN for n = 1
 * min  = min_i x_i,  max = max_i x_i
 * }</pre>
 * A NaN value (a metric undefined for one run, such as ROC-AUC with one class present) makes mean and sd NaN and is
 * left out of min and max (NaN when every value is NaN): the mean of several runs must not hide that one run had
 * no value. The sum is over the differences from the mean (two passes), not {@code sum x^2 - n mean^2}, which
 * cancels catastrophically when the runs agree to many digits.
 *
 * @param values the runs' values, in run order
 * @param mean   their arithmetic mean
 * @param sd     their sample standard deviation
 * @param min    the smallest
 * @param max    the largest
 */
public record Spread(double[] values, double mean, double sd, double min, double max) {
  public Spread {
    values = values.clone();
  }

  /** The spread of {@code values}; at least one. */
  public static Spread of(double... values) {
    if (values.length == 0) throw new IllegalArgumentException("a spread needs at least one value");
    int n = values.length;
    double sum = 0, min = Double.NaN, max = Double.NaN;
    for (double x : values) {
      sum += x;
      if (!Double.isNaN(x)) {
        min = Double.isNaN(min) ? x : Math.min(min, x);
        max = Double.isNaN(max) ? x : Math.max(max, x);
      }
    }
    double mean = sum / n;
    double squares = 0;
    for (double x : values) squares += (x - mean) * (x - mean);          // sum_i (x_i - mean)^2
    double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
    return new Spread(values, mean, sd, min, max);
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** Whether every value is the same number (NaN counting as equal to NaN). */
  public boolean constant() {
    for (double x : values) if (Double.compare(x, values[0]) != 0) return false;
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Spread s && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Spread" + Arrays.toString(values) + " mean " + mean + " sd " + sd;
  }
}
