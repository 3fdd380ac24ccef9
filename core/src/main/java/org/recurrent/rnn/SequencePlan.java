package org.recurrent.rnn;

import java.util.Arrays;

/**
 * How a padded, variable-length batch is walked through time: the batch sorted by length, longest first, so
 * that the sequences still running at step t are always the first {@code batchSizes[t]} rows. This is the
 * layout of PyTorch's packed sequences, computed here so callers never have to sort.
 *
 * <p>A finished sequence drops out of the active prefix: its state stays at its last value and its outputs
 * are zero, which gives exactly the numbers of {@code pack_padded_sequence} / {@code pad_packed_sequence}.
 */
public final class SequencePlan {
  private final int steps;
  private final int batch;
  private final int[] lengths;     // original order
  private final int[] order;       // sorted position -> original batch index
  private final int[] batchSizes;  // (T) active rows at each step
  private final boolean identity;  // already sorted and all the same length? then no gather is needed

  private SequencePlan(int steps, int batch, int[] lengths) {
    this.steps = steps;
    this.batch = batch;
    this.lengths = lengths;
    Integer[] idx = new Integer[batch];
    for (int b = 0; b < batch; b++) idx[b] = b;
    Arrays.sort(idx, (p, q) -> Integer.compare(lengths[q], lengths[p])); // stable: ties keep input order
    this.order = new int[batch];
    boolean sorted = true;
    for (int s = 0; s < batch; s++) {
      order[s] = idx[s];
      sorted &= order[s] == s;
    }
    this.identity = sorted;
    this.batchSizes = new int[steps];
    for (int t = 0; t < steps; t++) {
      int n = 0;
      while (n < batch && lengths[order[n]] > t) n++;
      batchSizes[t] = n;
    }
  }

  /**
   * A plan for {@code batch} sequences padded to {@code steps}; {@code lengths} null means all full length.
   *
   * @throws IllegalArgumentException if a length is outside [1, steps] or the count differs from the batch
   */
  public static SequencePlan of(int steps, int batch, int[] lengths) {
    if (steps < 1) throw new IllegalArgumentException("a sequence batch needs at least one time step, got T=" + steps);
    if (batch < 1) throw new IllegalArgumentException("a sequence batch needs at least one sequence, got B=" + batch);
    int[] lens;
    if (lengths == null) {
      lens = new int[batch];
      Arrays.fill(lens, steps);
    } else {
      if (lengths.length != batch) {
        throw new IllegalArgumentException("lengths has " + lengths.length + " entries but the batch has B=" + batch);
      }
      for (int b = 0; b < batch; b++) {
        if (lengths[b] < 1 || lengths[b] > steps) {
          throw new IllegalArgumentException("lengths[" + b + "] = " + lengths[b] + " is outside [1, T=" + steps
              + "]: every sequence needs at least one step and no more than the padded time");
        }
      }
      lens = lengths.clone();
    }
    return new SequencePlan(steps, batch, lens);
  }

  public int steps() {
    return steps;
  }

  public int batch() {
    return batch;
  }

  /** Length of the sequence at original batch index b. */
  public int length(int b) {
    return lengths[b];
  }

  public int[] lengths() {
    return lengths.clone();
  }

  /** Rows active at step t (a prefix of the sorted batch). */
  public int batchSize(int t) {
    return batchSizes[t];
  }

  /** Original batch index of sorted row s. */
  public int original(int s) {
    return order[s];
  }

  /**
   * True when the batch is already in sorted order (longest first, ties in input order), so no gather is needed.
   * Sequences may still differ in length: see {@link #isFullLength()}.
   */
  public boolean isIdentity() {
    return identity;
  }

  /** True when every sequence has all {@link #steps()} steps: nothing to sort and nothing to mask. */
  public boolean isFullLength() {
    return batchSizes[steps - 1] == batch;
  }

  /**
   * (T, B, W) in original order -> (T, B, W) in sorted order, with zeros at padded positions (so whatever the
   * caller put there, even NaN, cannot leak into gradients). Returns {@code src} itself when identity.
   */
  public float[] sortTimeMajor(float[] src, int width) {
    if (identity) return src;
    float[] dst = new float[src.length];
    for (int t = 0; t < steps; t++) {
      int base = t * batch * width;
      for (int s = 0; s < batchSizes[t]; s++) {
        System.arraycopy(src, base + order[s] * width, dst, base + s * width, width);
      }
    }
    return dst;
  }

  /** Adds sorted (T, B, W) rows back into original-order {@code dst}. */
  public void unsortTimeMajorAdd(float[] sorted, float[] dst, int width) {
    for (int t = 0; t < steps; t++) {
      int base = t * batch * width;
      for (int s = 0; s < batch; s++) {
        int from = base + s * width;
        int to = base + order[s] * width;
        for (int j = 0; j < width; j++) dst[to + j] += sorted[from + j];
      }
    }
  }

  /** (B, W) original order -> sorted, copied into {@code dst} at {@code dstOff}. */
  public void sortRows(float[] src, int srcOff, float[] dst, int dstOff, int width) {
    for (int s = 0; s < batch; s++) System.arraycopy(src, srcOff + order[s] * width, dst, dstOff + s * width, width);
  }

  /** Adds sorted (B, W) rows into original-order {@code dst}. */
  public void unsortRowsAdd(float[] sorted, int sortedOff, float[] dst, int dstOff, int width) {
    for (int s = 0; s < batch; s++) {
      int from = sortedOff + s * width;
      int to = dstOff + order[s] * width;
      for (int j = 0; j < width; j++) dst[to + j] += sorted[from + j];
    }
  }

  /**
   * Outputs from the sorted per-step states: {@code states} is ((T+1), B, H) sorted with row 0 the initial
   * state. Writes y (T, B, H) original order, zero where a sequence has ended.
   */
  public float[] outputsFromStates(float[] states, int hidden) {
    float[] y = new float[steps * batch * hidden];
    for (int t = 0; t < steps; t++) {
      int rows = batchSizes[t];
      for (int s = 0; s < rows; s++) {
        System.arraycopy(states, ((t + 1) * batch + s) * hidden, y, (t * batch + order[s]) * hidden, hidden);
      }
    }
    return y;
  }

  /** Final state of each sequence (its state after its last step), original order, (B, H). */
  public float[] finalStates(float[] states, int hidden) {
    float[] out = new float[batch * hidden];
    for (int s = 0; s < batch; s++) {
      int last = lengths[order[s]];
      System.arraycopy(states, (last * batch + s) * hidden, out, order[s] * hidden, hidden);
    }
    return out;
  }

  /** Steps of sorted row s: its sequence's length. */
  public int sortedLength(int s) {
    return lengths[order[s]];
  }

  /** First step (from the end) at which sorted row s is active: its last step. */
  public int lastStepOfSorted(int s) {
    return lengths[order[s]] - 1;
  }
}
