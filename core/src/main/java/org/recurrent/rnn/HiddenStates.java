package org.recurrent.rnn;

import org.recurrent.tensor.Tensor;

/**
 * Where an inference pass keeps each step's hidden state h_t. When every sequence has full length (nothing to sort
 * or mask) h_t is written straight into the output y (T, B, H) and h_{t-1} is read back from it, so neither the
 * (T+1, B, H) state buffer nor the copy from it into y exists; otherwise the states are kept sorted as in the
 * training forward and {@link SequencePlan#outputsFromStates} unsorts and masks them.
 */
final class HiddenStates {
  private final SequencePlan plan;
  private final int slice;        // B * H
  private final int hidden;
  private final float[] y;        // (T, B, H) when direct, else null
  private final float[] states;   // (T+1, B, H) sorted when not direct, else null
  private final float[] initial;  // h_0 (B, H) when direct

  HiddenStates(SequencePlan plan, int hidden, Tensor h0) {
    this.plan = plan;
    this.hidden = hidden;
    this.slice = plan.batch() * hidden;
    if (plan.isFullLength()) {
      y = new float[plan.steps() * slice];
      states = null;
      initial = h0 != null ? h0.data() : new float[slice]; // read only: the GEMM never writes its left operand
    } else {
      // from the Workspace until release(): each step reads only rows still running, written by the step before
      // (or by h0 or the zero fill at t = 0), and the outputs copy only those
      y = null;
      states = Workspace.take((plan.steps() + 1) * slice, false);
      initial = null;
      if (h0 != null) plan.sortRows(h0.data(), 0, states, 0, hidden);
      else java.util.Arrays.fill(states, 0, slice, 0f);
    }
  }

  /** Gives the sorted state buffer (if any) back to the Workspace, after {@link #outputs} and {@link #finalStates}. */
  void release() {
    if (states != null) Workspace.give(states);
  }

  /** The array holding h_{t-1} for step t. */
  float[] previous(int t) {
    return y == null ? states : t == 0 ? initial : y;
  }

  /** Offset of h_{t-1} (B, H) in {@link #previous(int)}. */
  int previousOffset(int t) {
    return y == null ? t * slice : t == 0 ? 0 : (t - 1) * slice;
  }

  /** The array step t writes h_t into. */
  float[] next() {
    return y == null ? states : y;
  }

  /** Offset of h_t (B, H) in {@link #next()}. */
  int nextOffset(int t) {
    return y == null ? (t + 1) * slice : t * slice;
  }

  /** y (T, B, H) in the caller's order, zero after each sequence's end. */
  Tensor outputs() {
    int T = plan.steps(), B = plan.batch();
    return Tensor.of(y != null ? y : plan.outputsFromStates(states, hidden), T, B, hidden);
  }

  /** h at each sequence's last step (B, H), in the caller's order. */
  Tensor finalStates() {
    int T = plan.steps(), B = plan.batch();
    if (y == null) return Tensor.of(plan.finalStates(states, hidden), B, hidden);
    float[] last = new float[slice];
    System.arraycopy(y, (T - 1) * slice, last, 0, slice);
    return Tensor.of(last, B, hidden);
  }
}
