package org.recurrent.baselines;

import java.util.Objects;

/**
 * A feature transform learned from the training rows only and then applied unchanged to training, validation and
 * test rows, so that no statistic of the evaluation data leaks into the model: {@code fit(train)} returns a
 * {@link Fitted} transform whose {@link Fitted#apply} is a pure function of its input.
 *
 * <p>The built-in transforms, and their composition with {@link #then} (fit the second on the first's output):
 * <pre>{@code
 * identity()     x' = x
 * log1p()        x' = log(1 + x)                 for counts; needs x > -1; nothing to fit
 * standardize()  x'_j = (x_j - mean_j) / sd_j    mean_j, sd_j over the training rows (sd with divisor n, as
 *                                                scikit-learn's StandardScaler); a constant column (sd_j at
 *                                                most 1e-12 max_i |x_ij|, i.e. rounding) has sd_j := 1
 * log1p().then(standardize())                    the usual recipe for code or word counts
 * }</pre>
 */
@FunctionalInterface
public interface FeatureTransform {
  /** Learns this transform's statistics from the training rows. */
  Fitted fit(FeatureMatrix train);

  /** A transform with its statistics fixed. */
  @FunctionalInterface
  interface Fitted {
    /** The transformed rows; {@code x} must have the columns the transform was fitted on. */
    FeatureMatrix apply(FeatureMatrix x);
  }

  /** This transform, then {@code next} fitted on this transform's output of the training rows. */
  default FeatureTransform then(FeatureTransform next) {
    Objects.requireNonNull(next, "next");
    return train -> {
      Fitted first = fit(train);
      Fitted second = next.fit(first.apply(train));
      return x -> second.apply(first.apply(x));
    };
  }

  /** {@code x' = x}. */
  static FeatureTransform identity() {
    return train -> x -> x;
  }

  /** {@code x' = log(1 + x)} elementwise; rejects a value {@code <= -1} with its position. */
  static FeatureTransform log1p() {
    return train -> x -> {
      double[] in = x.data();
      double[] out = new double[in.length];
      for (int k = 0; k < in.length; k++) {
        if (in[k] <= -1) {
          throw new IllegalArgumentException("FeatureTransform.log1p: row " + k / x.cols() + " column "
              + k % x.cols() + " is " + in[k] + ", expected a value > -1 (counts are >= 0)");
        }
        out[k] = Math.log1p(in[k]);
      }
      return FeatureMatrix.wrap(out, x.rows(), x.cols());
    };
  }

  /** Standardisation with the training rows' means and standard deviations; see the interface comment. */
  static FeatureTransform standardize() {
    return Standardization::fit;
  }

  /**
   * {@code x'_j = (x_j - mean[j]) / scale[j]}: the fitted form of {@link #standardize()}.
   *
   * @param mean  per column, the training mean
   * @param scale per column, the training standard deviation (divisor n), or 1 where that is 0
   */
  record Standardization(double[] mean, double[] scale) implements Fitted {
    public Standardization {
      mean = mean.clone();
      scale = scale.clone();
      if (mean.length != scale.length) {
        throw new IllegalArgumentException("Standardization: " + mean.length + " means but " + scale.length
            + " scales");
      }
    }

    /** mean_j = (1/n) sum_i x_ij, sd_j = sqrt((1/n) sum_i (x_ij - mean_j)^2), sd_j := 1 if only rounding. */
    static Standardization fit(FeatureMatrix train) {
      int n = train.rows(), d = train.cols();
      double[] x = train.data();
      double[] mean = new double[d];
      double[] scale = new double[d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
      }
      for (int j = 0; j < d; j++) mean[j] /= n;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          double c = x[i * d + j] - mean[j];
          scale[j] += c * c;
        }
      }
      double[] maxAbs = new double[d];
      for (int k = 0; k < x.length; k++) maxAbs[k % d] = Math.max(maxAbs[k % d], Math.abs(x[k]));
      for (int j = 0; j < d; j++) {
        double sd = Math.sqrt(scale[j] / n);
        // a constant column can leave an sd of rounding size (mean != value by an ulp); it stays at 0
        scale[j] = sd > 1e-12 * maxAbs[j] ? sd : 1;
      }
      return new Standardization(mean, scale);
    }

    @Override
    public double[] mean() {
      return mean.clone();
    }

    @Override
    public double[] scale() {
      return scale.clone();
    }

    @Override
    public FeatureMatrix apply(FeatureMatrix x) {
      int d = mean.length;
      x.requireCols("FeatureTransform.standardize", d);
      double[] in = x.data();
      double[] out = new double[in.length];
      for (int k = 0; k < in.length; k++) out[k] = (in[k] - mean[k % d]) / scale[k % d];
      return FeatureMatrix.wrap(out, x.rows(), d);
    }
  }
}
