package org.recurrent.data;

import java.util.Objects;

/**
 * One variable-length record: a sequence of feature vectors and its target.
 *
 * <p>Inputs are {@code x[t * features + f]}, row-major over time. Token inputs (text) use {@code features = 1}
 * with the token id stored as a float (exact for ids below 2^24).
 *
 * <p>Targets depend on the task and are read by it:
 * <ul>
 *   <li>class label: {@code y = {classIndex}};</li>
 *   <li>multi-label: {@code y} is a multi-hot vector of the K labels;</li>
 *   <li>regression / forecast: {@code y} holds the K target values;</li>
 *   <li>per-step targets (tagging, per-step prediction): {@code y[t * K + k]} for t < length.</li>
 * </ul>
 *
 * @param id       the record's identifier (a row number if the file has none), for predictions and messages
 * @param length   T, number of time steps, >= 1
 * @param features F, values per time step, >= 1
 * @param x        T*F inputs
 * @param y        the target, possibly empty for unlabelled data (prediction)
 * @param source   where the record came from, {@code file:line}, for error messages
 */
public record SequenceExample(String id, int length, int features, float[] x, float[] y, String source) {

  public SequenceExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(source, "source");
    if (length < 1) throw new IllegalArgumentException(source + ": empty sequence (length 0) for record '" + id + "'");
    if (features < 1) throw new IllegalArgumentException(source + ": features must be >= 1, got " + features);
    if (x.length != length * features) {
      throw new IllegalArgumentException(source + ": record '" + id + "' has " + x.length + " values, expected length "
          + length + " x " + features + " features = " + length * features);
    }
  }

  /** The value of feature f at step t. */
  public float x(int t, int f) {
    return x[t * features + f];
  }
}
