package org.recurrent.data;

import java.util.Arrays;
import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * One input of a padded batch, time-major, with the lengths of its own sequences (equal to the batch's for
 * inputs aligned with the targets; an encoder's source side may have its own). Padding steps are zero / empty.
 * <pre>{@code
 * Dense   values (T, B, F)
 * Tokens  ids[t * B + b]                                             (T, B)
 * Bags    bag (t, b) = ids[offsets[t*B + b] .. offsets[t*B + b + 1])  T*B bags, the last to the end
 * }</pre>
 */
public sealed interface BatchInput permits BatchInput.Dense, BatchInput.Tokens, BatchInput.Bags,
    BatchInput.Extension {

  /** T of this input. */
  int steps();

  /** (B) real steps of each sequence. */
  int[] lengths();

  /** Steps [from, from + count) of every sequence, for truncated BPTT (lengths clamped to [1, count]). */
  BatchInput slice(int from, int count);

  record Dense(Tensor values, int[] lengths) implements BatchInput {
    @Override
    public int steps() {
      return values.size(0);
    }

    @Override
    public BatchInput slice(int from, int count) {
      int B = values.size(1), F = values.size(2);
      float[] x = new float[count * B * F];
      System.arraycopy(values.data(), from * B * F, x, 0, x.length);
      return new Dense(Tensor.of(x, count, B, F), clamp(lengths, from, count));
    }
  }

  record Tokens(int[] ids, int steps, int[] lengths) implements BatchInput {
    @Override
    public BatchInput slice(int from, int count) {
      int B = lengths.length;
      return new Tokens(Arrays.copyOfRange(ids, from * B, (from + count) * B), count, clamp(lengths, from, count));
    }
  }

  /** @param weights one per id, or null for all 1 */
  record Bags(int[] ids, int[] offsets, float[] weights, int steps, int[] lengths) implements BatchInput {
    /** The id range of bag (t, b): {@code [start, end)}. */
    public int start(int t, int b) {
      return offsets[t * lengths.length + b];
    }

    public int end(int t, int b) {
      int n = t * lengths.length + b + 1;
      return n < offsets.length ? offsets[n] : ids.length;
    }

    @Override
    public BatchInput slice(int from, int count) {
      int B = lengths.length;
      int first = offsets[from * B];
      int last = (from + count) * B < offsets.length ? offsets[(from + count) * B] : ids.length;
      int[] o = new int[count * B];
      for (int n = 0; n < o.length; n++) o[n] = offsets[from * B + n] - first;
      float[] w = weights == null ? null : Arrays.copyOfRange(weights, first, last);
      return new Bags(Arrays.copyOfRange(ids, first, last), o, w, count, clamp(lengths, from, count));
    }
  }

  /** The batch form of a {@link StepInput.Extension}: it slices itself for truncated BPTT. */
  non-sealed interface Extension extends BatchInput {
  }

  /** Lengths after cutting steps [from, from + count): each clamped to [1, count]. */
  static int[] clamp(int[] lengths, int from, int count) {
    int[] out = new int[lengths.length];
    for (int b = 0; b < out.length; b++) out[b] = Math.max(1, Math.min(lengths[b] - from, count));
    return out;
  }

  /** Pads the same-named input of several records (all of one type) into one batch input. */
  static BatchInput pad(String name, List<StepInput> members) {
    int B = members.size(), T = 0;
    int[] lengths = new int[B];
    for (int b = 0; b < B; b++) {
      lengths[b] = members.get(b).length();
      T = Math.max(T, lengths[b]);
    }
    StepInput first = members.get(0);
    for (StepInput m : members) {
      if (m.getClass() != first.getClass()) {
        throw new IllegalArgumentException("input '" + name + "' is " + kind(first) + " in one record and " + kind(m)
            + " in another of the same batch");
      }
    }
    return switch (first) {
      case StepInput.Dense d -> {
        int F = d.features();
        Tensor x = Tensor.zeros(T, B, F);                                      // (T, B, F)
        for (int b = 0; b < B; b++) {
          StepInput.Dense m = (StepInput.Dense) members.get(b);
          if (m.features() != F) {
            throw new IllegalArgumentException("input '" + name + "' has " + m.features() + " values per step in one "
                + "record and " + F + " in another of the same batch");
          }
          for (int t = 0; t < m.length(); t++) System.arraycopy(m.values(), t * F, x.data(), (t * B + b) * F, F);
        }
        yield new Dense(x, lengths);
      }
      case StepInput.Tokens tk -> {
        int[] ids = new int[T * B];                                             // (T, B), padding id 0
        for (int b = 0; b < B; b++) {
          int[] own = ((StepInput.Tokens) members.get(b)).ids();
          for (int t = 0; t < own.length; t++) ids[t * B + b] = own[t];
        }
        yield new Tokens(ids, T, lengths);
      }
      case StepInput.Bags bg -> {
        int total = 0;
        boolean weighted = false;
        for (StepInput m : members) {
          total += ((StepInput.Bags) m).ids().length;
          weighted |= ((StepInput.Bags) m).weights() != null;
        }
        int[] ids = new int[total], offsets = new int[T * B];
        float[] weights = weighted ? new float[total] : null;
        int n = 0;
        for (int t = 0; t < T; t++) {
          for (int b = 0; b < B; b++) {
            offsets[t * B + b] = n;
            StepInput.Bags m = (StepInput.Bags) members.get(b);
            if (t >= m.length()) continue;                                      // padding: an empty bag
            int end = t + 1 < m.length() ? m.offsets()[t + 1] : m.ids().length;
            for (int i = m.offsets()[t]; i < end; i++, n++) {
              ids[n] = m.ids()[i];
              if (weighted) weights[n] = m.weight(i);
            }
          }
        }
        yield new Bags(ids, offsets, weights, T, lengths);
      }
      case StepInput.Extension ext -> ext.pad(members);
    };
  }

  private static String kind(StepInput s) {
    return switch (s) {
      case StepInput.Dense d -> "dense";
      case StepInput.Tokens t -> "token ids";
      case StepInput.Bags b -> "bags of ids";
      case StepInput.Extension e -> e.getClass().getSimpleName();
    };
  }
}
