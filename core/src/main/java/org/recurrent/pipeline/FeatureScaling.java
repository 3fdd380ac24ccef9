package org.recurrent.pipeline;

import java.util.List;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.timeseries.Scaler;

/**
 * Per-feature scaling of numeric sequence inputs, fitted over every time step of the training records only
 * (so validation and test data never influence it) and stored with the model as a {@link Scaler}.
 * <pre>{@code
 * zscore: x' = (x - mean_f) / std_f       minmax: x' = (x - min_f) / (max_f - min_f)     (over training steps)
 * }</pre>
 * Raw EEG amplitudes of ±2000 µV, for example, saturate tanh/sigmoid gates without it.
 */
public record FeatureScaling(Scaler scaler) {

  static FeatureScaling fit(String kind, List<SequenceExample> train, int features) {
    if (kind.equals("none")) return new FeatureScaling(null);
    double[] offset = new double[features], scale = new double[features];
    if (kind.equals("zscore")) {
      double[] sum = new double[features], sq = new double[features];
      long n = 0;
      for (SequenceExample e : train) {
        for (int t = 0; t < e.length(); t++) {
          for (int f = 0; f < features; f++) sum[f] += e.x(t, f);
        }
        n += e.length();
      }
      for (int f = 0; f < features; f++) offset[f] = sum[f] / n;
      for (SequenceExample e : train) {
        for (int t = 0; t < e.length(); t++) {
          for (int f = 0; f < features; f++) sq[f] += (e.x(t, f) - offset[f]) * (e.x(t, f) - offset[f]);
        }
      }
      for (int f = 0; f < features; f++) {
        double std = Math.sqrt(sq[f] / n);
        scale[f] = std > 0 ? std : 1;
      }
      return new FeatureScaling(new Scaler(Scaler.Kind.Z_SCORE, offset, scale));
    }
    double[] min = new double[features], max = new double[features];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (SequenceExample e : train) {
      for (int t = 0; t < e.length(); t++) {
        for (int f = 0; f < features; f++) {
          min[f] = Math.min(min[f], e.x(t, f));
          max[f] = Math.max(max[f], e.x(t, f));
        }
      }
    }
    for (int f = 0; f < features; f++) {
      offset[f] = min[f];
      scale[f] = max[f] > min[f] ? max[f] - min[f] : 1;
    }
    return new FeatureScaling(new Scaler(Scaler.Kind.MIN_MAX, offset, scale));
  }

  List<SequenceExample> apply(List<SequenceExample> records) {
    return scaler == null ? records : records.stream().map(e -> scale(scaler, e)).toList();
  }

  static SequenceExample scale(Scaler scaler, SequenceExample e) {
    float[] x = new float[e.x().length];
    int F = e.features();
    for (int t = 0; t < e.length(); t++) {
      for (int f = 0; f < F; f++) x[t * F + f] = scaler.transform(f, e.x(t, f));
    }
    return e.withInput(SequenceExample.PRIMARY, new StepInput.Dense(F, x));
  }
}
