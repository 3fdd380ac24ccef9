package org.recurrent.rnn;

import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * The after-the-loop half of BPTT shared by all cells: with the pre-activation gradients of every step in
 * hand, the parameter and input gradients are single large GEMMs over all T*B rows.
 * <pre>{@code
 * dW_ih += dGx^T X          (G, I)      dX  += dGx W_ih      (T*B, I)
 * dW_hh += dGh^T H_prev     (G, H)      db_ih += sum_rows dGx,  db_hh += sum_rows dGh
 * }</pre>
 * Rows of finished sequences hold zeros in dGx/dGh, so they add nothing.
 */
final class GateGradients {
  private GateGradients() {}

  /**
   * @param n      T*B rows
   * @param xs     (T*B, I) inputs in sorted order
   * @param hPrev  (T*B, H) the state entering each step, sorted (the first T*B rows of the (T+1, B, H) states)
   * @param dWhhRows how many leading rows of W_hh dGh covers (all G normally)
   */
  static void accumulate(Kernels k, SequencePlan plan, int n, int G, int I, int H, float[] dGx, float[] dGh,
                         float[] xs, float[] hPrev, Tensor x, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    float[] dbHh = bHh == null ? null : bHh.gradForAccumulation();
    // one gate-gradient buffer for both sides (LSTM, RNN): db_hh is the same column sums as db_ih, read once
    boolean oneBuffer = dGx == dGh;
    accumulateInput(k, plan, n, G, I, dGx, xs, x, wIh, bIh, oneBuffer ? dbHh : null);
    float[] dWhh = wHh.gradForAccumulation();
    if (dWhh != null) k.gemm(true, false, G, H, n, 1f, dGh, 0, G, hPrev, 0, H, 1f, dWhh, 0, H);
    if (dbHh != null && !oneBuffer) k.addColumnSums(n, G, dGh, 0, G, dbHh, 0);
  }

  /** The input-side half: dW_ih, db_ih and dX. */
  static void accumulateInput(Kernels k, SequencePlan plan, int n, int G, int I, float[] dGx, float[] xs,
                              Tensor x, Tensor wIh, Tensor bIh) {
    accumulateInput(k, plan, n, G, I, dGx, xs, x, wIh, bIh, null);
  }

  /** {@link #accumulateInput}, the column sums of dGx also added into {@code dbAlso} (null: nowhere else). */
  private static void accumulateInput(Kernels k, SequencePlan plan, int n, int G, int I, float[] dGx, float[] xs,
                                      Tensor x, Tensor wIh, Tensor bIh, float[] dbAlso) {
    float[] dWih = wIh.gradForAccumulation();
    if (dWih != null) k.gemm(true, false, G, I, n, 1f, dGx, 0, G, xs, 0, I, 1f, dWih, 0, I);
    float[] dbIh = bIh == null ? null : bIh.gradForAccumulation();
    if (dbIh != null && dbAlso != null) k.addColumnSumsTwice(n, G, dGx, 0, G, dbIh, 0, dbAlso, 0);
    else if (dbIh != null) k.addColumnSums(n, G, dGx, 0, G, dbIh, 0);
    else if (dbAlso != null) k.addColumnSums(n, G, dGx, 0, G, dbAlso, 0);
    float[] dx = x.gradForAccumulation();
    if (dx != null) {
      float[] dxs = Workspace.take(n * I, false);                 // overwritten: the GEMM's beta is 0
      k.gemm(false, false, n, I, G, 1f, dGx, 0, G, wIh.data(), 0, I, 0f, dxs, 0, I);
      if (plan.isIdentity()) {
        for (int j = 0; j < n * I; j++) dx[j] += dxs[j];
      } else {
        plan.unsortTimeMajorAdd(dxs, dx, I);
      }
      Workspace.give(dxs);
    }
  }
}
