package org.recurrent.data;

import java.util.Arrays;

/**
 * One input of one record, over its T steps, typed by what the values are:
 * <pre>{@code
 * Dense   x[t * F + f]                       F real values per step
 * Tokens  ids[t]                             one integer id per step (text)
 * Bags    ids[offsets[t] .. offsets[t+1])    a set of ids per step (an EHR visit's codes), optionally weighted
 * }</pre>
 * A record may hold several (its primary input {@value SequenceExample#PRIMARY} and side inputs, such as the
 * time since the previous visit); {@link Batcher} pads each into a {@link BatchInput} of the same type.
 *
 * <p>The three built-in types are handled by exhaustive switches, so a new built-in type is found by the compiler
 * everywhere it must be handled. An input type of one's own implements {@link Extension}: it pads itself into
 * its own {@link BatchInput.Extension}, and a model kind of one's own reads it (docs/architecture.md has a
 * worked example).
 */
public sealed interface StepInput permits StepInput.Dense, StepInput.Tokens, StepInput.Bags, StepInput.Extension {

  /** T, the steps this input covers. */
  int length();

  /** F real values per step, {@code values[t * F + f]}. */
  record Dense(int features, float[] values) implements StepInput {
    public Dense {
      if (features < 1) throw new IllegalArgumentException("dense input needs F >= 1 values per step, got " + features);
      if (values.length % features != 0) {
        throw new IllegalArgumentException("dense input of F=" + features + " holds " + values.length
            + " values, not a whole number of steps");
      }
    }

    @Override
    public int length() {
      return values.length / features;
    }
  }

  /** One id per step. */
  record Tokens(int[] ids) implements StepInput {
    public Tokens {
      for (int t = 0; t < ids.length; t++) {
        if (ids[t] < 0) throw new IllegalArgumentException("token id " + ids[t] + " at step " + t + " is negative");
      }
    }

    @Override
    public int length() {
      return ids.length;
    }
  }

  /**
   * A bag of ids per step: step t holds {@code ids[offsets[t] .. offsets[t+1])} (the last to the end), each with
   * its weight (null: all 1). An empty bag is allowed (a visit whose codes were all unknown).
   */
  record Bags(int[] ids, int[] offsets, float[] weights) implements StepInput {
    public Bags {
      for (int t = 0; t < offsets.length; t++) {
        int prev = t == 0 ? 0 : offsets[t - 1];
        if ((t == 0 && offsets[0] != 0) || offsets[t] < prev || offsets[t] > ids.length) {
          throw new IllegalArgumentException("bag offsets must start at 0, never decrease and stay within the "
              + ids.length + " ids, got " + Arrays.toString(offsets));
        }
      }
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] < 0) throw new IllegalArgumentException("bag id " + ids[i] + " at position " + i + " is negative");
      }
      if (weights != null && weights.length != ids.length) {
        throw new IllegalArgumentException("bag weights must be one per id (" + ids.length + "), got " + weights.length);
      }
    }

    @Override
    public int length() {
      return offsets.length;
    }

    /** The ids of step t. */
    public int[] bag(int t) {
      int end = t + 1 < offsets.length ? offsets[t + 1] : ids.length;
      return Arrays.copyOfRange(ids, offsets[t], end);
    }

    /** Weight of the i-th id (1 when unweighted). */
    public float weight(int i) {
      return weights == null ? 1f : weights[i];
    }
  }

  /** An input type defined outside this package: it knows how its records are padded into one batch input. */
  non-sealed interface Extension extends StepInput {
    /** Pads this type's inputs of the B records of a batch ({@code members} are all of this type). */
    BatchInput.Extension pad(java.util.List<StepInput> members);
  }
}
