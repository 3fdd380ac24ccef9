package org.recurrent.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One variable-length record: its inputs over T steps and its target.
 *
 * <p>Inputs are named and typed ({@link StepInput}): the primary input {@value #PRIMARY} (dense features, token
 * ids or bags of ids), optionally side inputs (e.g. per-step features such as the time since the previous
 * visit). Token ids are integers, never floats.
 *
 * <p>Targets depend on the task and are read by it:
 * <ul>
 *   <li>class label: {@code y = {classIndex}};</li>
 *   <li>multi-label: {@code y} is a multi-hot vector of the K labels;</li>
 *   <li>regression / forecast: {@code y} holds the K target values;</li>
 *   <li>per-step targets (tagging, per-step regression, per-step multi-label): {@code y[t * K + k]} for t < length.</li>
 * </ul>
 *
 * @param id     the record's identifier (a row number if the file has none), for predictions and messages
 * @param length T, number of time steps of the primary input, >= 1
 * @param inputs the inputs by name, in order, the primary first
 * @param y      the target, possibly empty for unlabelled data (prediction)
 * @param source where the record came from, {@code file:line}, for error messages
 */
public record SequenceExample(String id, int length, Map<String, StepInput> inputs, float[] y, String source) {
  /** The name of the primary input. */
  public static final String PRIMARY = "x";
  /** The name of the side input: extra per-step values read beside the primary input. */
  public static final String SIDE = "side";

  public SequenceExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(source, "source");
    if (length < 1) throw new IllegalArgumentException(source + ": empty sequence (length 0) for record '" + id + "'");
    StepInput primary = inputs.get(PRIMARY);
    if (primary == null) {
      throw new IllegalArgumentException(source + ": record '" + id + "' has no primary input '" + PRIMARY + "'");
    }
    if (primary.length() != length) {
      throw new IllegalArgumentException(source + ": record '" + id + "' has " + primary.length() + " steps of input '"
          + PRIMARY + "', expected length " + length);
    }
    Map<String, StepInput> copy = new LinkedHashMap<>();
    copy.put(PRIMARY, primary);
    inputs.forEach(copy::putIfAbsent);
    inputs = Collections.unmodifiableMap(copy);
  }

  /** A record of dense features, {@code x[t * features + f]}. */
  public SequenceExample(String id, int length, int features, float[] x, float[] y, String source) {
    this(id, length, Map.of(PRIMARY, dense(id, length, features, x, source)), y, source);
  }

  /** A record of token ids, one per step. */
  public static SequenceExample tokens(String id, int[] ids, float[] y, String source) {
    return new SequenceExample(id, ids.length, Map.of(PRIMARY, new StepInput.Tokens(ids)), y, source);
  }

  private static StepInput dense(String id, int length, int features, float[] x, String source) {
    Objects.requireNonNull(x, "x");
    if (features < 1) throw new IllegalArgumentException(source + ": features must be >= 1, got " + features);
    if (x.length != length * features) {
      throw new IllegalArgumentException(source + ": record '" + id + "' has " + x.length + " values, expected length "
          + length + " x " + features + " features = " + length * features);
    }
    return new StepInput.Dense(features, x);
  }

  /** The primary input. */
  public StepInput primary() {
    return inputs.get(PRIMARY);
  }

  /** An input by name, or null. */
  public StepInput input(String name) {
    return inputs.get(name);
  }

  /** This record with one more (or a replaced) input. */
  public SequenceExample withInput(String name, StepInput input) {
    Map<String, StepInput> m = new LinkedHashMap<>(inputs);
    m.put(name, input);
    return new SequenceExample(id, length, m, y, source);
  }

  /** This record with another target. */
  public SequenceExample withTarget(float[] target) {
    return new SequenceExample(id, length, inputs, target, source);
  }

  /** F of a dense primary input; 1 for token ids and bags (one item per step). */
  public int features() {
    return primary() instanceof StepInput.Dense d ? d.features() : 1;
  }

  /** The dense primary input's values {@code x[t * F + f]}. */
  public float[] x() {
    return switch (primary()) {
      case StepInput.Dense d -> d.values();
      case StepInput.Tokens t -> throw new IllegalStateException(source + ": record '" + id + "' holds token ids; "
          + "read them with tokenIds()");
      case StepInput.Bags b -> throw new IllegalStateException(source + ": record '" + id + "' holds bags of ids");
      case StepInput.Extension e -> throw new IllegalStateException(source + ": record '" + id + "' holds "
          + e.getClass().getSimpleName() + " inputs");
    };
  }

  /** The value of feature f at step t of a dense primary input. */
  public float x(int t, int f) {
    return x()[t * features() + f];
  }

  /** The token ids of a token primary input. */
  public int[] tokenIds() {
    if (primary() instanceof StepInput.Tokens t) return t.ids();
    throw new IllegalStateException(source + ": record '" + id + "' holds no token ids");
  }
}
