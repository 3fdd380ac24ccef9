package org.recurrent.rnn;

import java.util.Arrays;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * One LSTM layer in one direction over a whole padded batch, as a single fused autograd op with hand-derived
 * back-propagation through time. Matches one layer/direction of {@code torch.nn.LSTM}.
 *
 * <pre>{@code
 * gates_t = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh      (B, 4H) = [i f g o]
 * i = sigmoid(i), f = sigmoid(f), g = tanh(g), o = sigmoid(o)
 * c_t = f * c_{t-1} + i * g
 * h_t = o * tanh(c_t)
 * }</pre>
 * Shapes: x (T, B, I), W_ih (4H, I), W_hh (4H, H), biases (4H), h0/c0 (B, H) or null for zeros.
 * Outputs: y (T, B, H) with zeros after each sequence's end, h_T and c_T (B, H) at each sequence's last step.
 *
 * <p>The schedule is the one cuDNN uses: the input projection of all steps is one GEMM; each step is one GEMM
 * with the pre-packed W_hh plus one fused gate kernel; backward runs the steps in reverse with one GEMM each
 * for dh_{t-1} = dGates_t W_hh, then dW_ih, dW_hh and dX are each ONE GEMM over all steps. On more than one
 * thread the step loops, forward and backward, are split by rows of the batch for all T steps ({@link RowShares}):
 * row r's state and gradients depend only on row r's, so each thread runs its rows through every step and the
 * threads meet once per loop instead of once per step; the whole-sequence GEMMs keep their own split.
 * Derivation: docs/derivations/lstm.md.
 */
public final class LstmSequence {
  private LstmSequence() {}

  /** Returns {y, hT, cT}. */
  public static Tensor[] apply(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                               Tensor h0, Tensor c0) {
    return apply(KernelProvider.get(), x, plan, wIh, wHh, bIh, bHh, h0, c0);
  }

  /** {@link #apply} on the kernels {@code k}: tests hold a pass on several threads to the bits of one. */
  static Tensor[] apply(Kernels k, Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                        Tensor h0, Tensor c0) {
    final int T = plan.steps(), B = plan.batch(), I = x.size(2), H = wHh.size(1), G = 4 * H;
    RowMath.checkShape("LSTM input", x, T, B, I);
    RowMath.checkShape("LSTM weight_ih", wIh, G, I);
    RowMath.checkShape("LSTM weight_hh", wHh, G, H);
    RowMath.checkShape("LSTM bias_ih", bIh, G);
    RowMath.checkShape("LSTM bias_hh", bHh, G);
    RowMath.checkShape("LSTM h0", h0, B, H);
    RowMath.checkShape("LSTM c0", c0, B, H);
    if (!Autograd.needsGrad(x, wIh, wHh, bIh, bHh, h0, c0)) {
      return LstmInference.forward(k, x, plan, wIh, wHh, bIh, bHh, h0, c0);
    }

    // ---- forward -----------------------------------------------------------------------------------
    float[] xs = plan.sortTimeMajor(x.data(), I);                 // (T, B, I) sorted by length
    // Buffers that live until the end of backward come from the thread's Workspace and go back there. Every
    // element a step reads is written first, except in a ragged batch, where the rows of finished sequences must
    // read as zeros (their states enter dW_hh = dG^T H multiplied by zero gate gradients): zeroed then.
    final boolean ragged = !plan.isFullLength();
    float[] gates = Workspace.take(T * B * G, false);             // (T, B, 4H) pre-activations, then activations
    k.gemm(false, true, T * B, G, I, 1f, xs, 0, I, wIh.data(), 0, I, 0f, gates, 0, G);
    k.addRowVector(T * B, G, gates, 0, RowMath.biasSum(bIh, bHh, G), 0);
    float[] hs = Workspace.take((T + 1) * B * H, ragged);         // (T+1, B, H), hs[0] = h0
    float[] cs = Workspace.take((T + 1) * B * H, ragged);         // (T+1, B, H), cs[0] = c0
    float[] tanhC = Workspace.take(T * B * H, false);             // (T, B, H), read only where written
    if (h0 != null) plan.sortRows(h0.data(), 0, hs, 0, H);
    else Arrays.fill(hs, 0, B * H, 0f);
    if (c0 != null) plan.sortRows(c0.data(), 0, cs, 0, H);
    else Arrays.fill(cs, 0, B * H, 0f);
    StepMatmul recurrent = StepMatmul.transposed(k, wHh.data(), G, H, T);  // h (rows, H) x W_hh^T
    // split by rows of the batch for all T steps on more than one thread (RowShares, as in LstmInference)
    RowShares.run(k, plan, (r0, r1, one) -> {
      StepMatmul product = recurrent.on(one);
      for (int t = 0; t < T; t++) {
        int rows = RowShares.running(plan, t, r0, r1);
        int g0 = (t * B + r0) * G, s0 = (t * B + r0) * H, s1 = ((t + 1) * B + r0) * H;
        product.lstmStep(rows, hs, s0, gates, g0, cs, s0, cs, s1, tanhC, s0, hs, s1);  // gates_t += h W_hh^T, cell
      }
    });
    recurrent.release();
    Tensor y = Tensor.of(plan.outputsFromStates(hs, H), T, B, H);
    Tensor hT = Tensor.of(plan.finalStates(hs, H), B, H);
    Tensor cT = Tensor.of(plan.finalStates(cs, H), B, H);

    // ---- backward: the steps in reverse, then the weight gradients as single GEMMs -------------------
    Tensor[] inputs = {x, wIh, wHh, bIh, bHh, h0, c0};
    Tensor[] outputs = {y, hT, cT};
    boolean[] ran = {false};
    Autograd.record("LstmSequence", inputs, outputs, () -> {
      if (ran[0]) throw Workspace.secondBackward("LstmSequence");
      ran[0] = true;
      float[] dys = plan.sortTimeMajor(y.gradData(), H);          // (T, B, H) sorted
      float[] dhT = new float[B * H], dcT = new float[B * H];
      plan.sortRows(hT.gradData(), 0, dhT, 0, H);
      plan.sortRows(cT.gradData(), 0, dcT, 0, H);
      float[] dh = new float[B * H], dc = new float[B * H];       // running dL/dh_t, dL/dc_t (sorted rows)
      // dGates_t overwrites gates_t, which nothing reads after step t's backward (lstmBackward reads each element's
      // gates before it writes their gradients): one (T, B, 4H) buffer fewer, 26 MB at (64, 100, 256). The rows of
      // finished sequences must hold zeros for the weight gradients below; there they still hold the forward's values.
      float[] dGates = gates;
      StepMatmul recurrentBack = StepMatmul.plain(k, wHh.data(), G, H, T);  // dGates (rows, 4H) x W_hh
      // each row's backward reads and writes only that row's dh, dc and gate gradients: split as the forward is
      RowShares.run(k, plan, (r0, r1, one) -> {
        StepMatmul product = recurrentBack.on(one);
        for (int t = T - 1; t >= 0; t--) {
          int rows = RowShares.running(plan, t, r0, r1);
          int entering = RowShares.running(plan, t + 1, r0, r1);  // rows past these end at step t
          int d0 = r0 * H, e0 = d0 + entering * H;
          System.arraycopy(dhT, e0, dh, e0, (rows - entering) * H);
          System.arraycopy(dcT, e0, dc, e0, (rows - entering) * H);
          int g0 = (t * B + r0) * G, s0 = (t * B + r0) * H;
          if (rows < r1 - r0) Arrays.fill(dGates, g0 + rows * G, g0 + (r1 - r0) * G, 0f);
          for (int j = 0; j < rows * H; j++) dh[d0 + j] += dys[s0 + j];            // dh_t += dy_t
          one.lstmBackward(rows, H, gates, g0, cs, s0, tanhC, s0, dh, d0, dc, d0, dGates, g0); // dc -> dc_{t-1}
          product.multiply(rows, dGates, g0, G, dh, d0, H);                        // dh_{t-1} = dGates_t W_hh
        }
      });
      recurrentBack.release();
      GateGradients.accumulate(k, plan, T * B, G, I, H, dGates, dGates, xs, hs, x, wIh, wHh, bIh, bHh);
      float[] dh0 = h0 == null ? null : h0.gradForAccumulation();
      if (dh0 != null) plan.unsortRowsAdd(dh, 0, dh0, 0, H);
      float[] dc0 = c0 == null ? null : c0.gradForAccumulation();
      if (dc0 != null) plan.unsortRowsAdd(dc, 0, dc0, 0, H);
      Workspace.give(gates, hs, cs, tanhC);
    });
    return outputs;
  }
}
