package org.recurrent.rnn;

import java.util.Arrays;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * One GRU layer in one direction over a padded batch as a fused autograd op with hand-derived BPTT. Matches one
 * layer/direction of {@code torch.nn.GRU}: the reset gate is applied AFTER the recurrent product (as cuDNN does).
 *
 * <pre>{@code
 * gx_t = x_t W_ih^T + b_ih,  gh_t = h_{t-1} W_hh^T + b_hh          (B, 3H) = [r z n]
 * r = sigmoid(gx_r + gh_r)
 * z = sigmoid(gx_z + gh_z)
 * n = tanh(gx_n + r * gh_n)
 * h_t = (1 - z) * n + z * h_{t-1}
 * }</pre>
 * Shapes: x (T, B, I), W_ih (3H, I), W_hh (3H, H), biases (3H), h0 (B, H) or null. Outputs y (T, B, H)
 * (zeros after each sequence's end) and h_T (B, H). For the variant with the reset gate applied before the
 * product (Keras {@code reset_after=False}, ONNX default) see {@link GruResetBeforeSequence}.
 * Derivation: docs/derivations/gru.md.
 */
public final class GruSequence {
  private GruSequence() {}

  /** Returns {y, hT}. */
  public static Tensor[] apply(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                               Tensor h0) {
    return apply(KernelProvider.get(), x, plan, wIh, wHh, bIh, bHh, h0);
  }

  /** {@link #apply} on the kernels {@code k}: tests hold a pass on several threads to the bits of one. */
  static Tensor[] apply(Kernels k, Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                        Tensor h0) {
    final int T = plan.steps(), B = plan.batch(), I = x.size(2), H = wHh.size(1), G = 3 * H;
    GruSequence.checkShapes(x, plan, wIh, wHh, bIh, bHh, h0);
    if (!Autograd.needsGrad(x, wIh, wHh, bIh, bHh, h0)) return GruInference.forward(k, x, plan, wIh, wHh, bIh, bHh, h0);

    float[] xs = plan.sortTimeMajor(x.data(), I);                 // (T, B, I)
    // Buffers that live until the end of backward come from the thread's Workspace (see LstmSequence): zeroed
    // where a ragged batch's finished rows must read as zeros. gh is not: each step writes its rows as 0 + b_hh
    // before the product (StepMatmul.gruStep), and the backward zeroes the finished rows of what overwrites it.
    final boolean ragged = !plan.isFullLength();
    float[] gx = Workspace.take(T * B * G, false);                // (T, B, 3H) pre-activations, then [r z n]
    k.gemm(false, true, T * B, G, I, 1f, xs, 0, I, wIh.data(), 0, I, 0f, gx, 0, G);
    if (bIh != null) k.addRowVector(T * B, G, gx, 0, bIh.data(), 0);
    float[] gh = Workspace.take(T * B * G, false);                // (T, B, 3H) recurrent pre-activations
    float[] hs = Workspace.take((T + 1) * B * H, ragged);         // (T+1, B, H), hs[0] = h0
    if (h0 != null) plan.sortRows(h0.data(), 0, hs, 0, H);
    else Arrays.fill(hs, 0, B * H, 0f);
    StepMatmul recurrent = StepMatmul.transposed(k, wHh.data(), G, H, T);
    float[] bh = bHh == null ? null : bHh.data();
    // split by rows of the batch for all T steps on more than one thread (RowShares, as in LstmInference)
    RowShares.run(k, plan, (r0, r1, one) -> {
      StepMatmul product = recurrent.on(one);
      for (int t = 0; t < T; t++) {
        int rows = RowShares.running(plan, t, r0, r1);
        int g0 = (t * B + r0) * G, s0 = (t * B + r0) * H, s1 = ((t + 1) * B + r0) * H;
        product.gruStep(rows, hs, s0, bh, gx, g0, gh, g0, hs, s1);               // gh_t, cell
      }
    });
    recurrent.release();
    Tensor y = Tensor.of(plan.outputsFromStates(hs, H), T, B, H);
    Tensor hT = Tensor.of(plan.finalStates(hs, H), B, H);

    Tensor[] inputs = {x, wIh, wHh, bIh, bHh, h0};
    Tensor[] outputs = {y, hT};
    boolean[] ran = {false};
    Autograd.record("GruSequence", inputs, outputs, () -> {
      if (ran[0]) throw Workspace.secondBackward("GruSequence");
      ran[0] = true;
      float[] dys = plan.sortTimeMajor(y.gradData(), H);
      float[] dhT = new float[B * H];
      plan.sortRows(hT.gradData(), 0, dhT, 0, H);
      float[] dh = new float[B * H];
      // dGx_t and dGh_t overwrite gx_t ([r z n]) and gh_t, which nothing reads after step t's backward (gruBackward
      // reads each element's values before it writes their gradients): two (T, B, 3H) buffers fewer, 40 MB at
      // (64, 100, 256). Finished rows must hold zeros for the weight gradients below: zeroed step by step.
      float[] dGx = gx, dGh = gh;
      StepMatmul recurrentBack = StepMatmul.plain(k, wHh.data(), G, H, T);
      // each row's backward reads and writes only that row's dh and gate gradients: split as the forward is
      RowShares.run(k, plan, (r0, r1, one) -> {
        StepMatmul product = recurrentBack.on(one);
        for (int t = T - 1; t >= 0; t--) {
          int rows = RowShares.running(plan, t, r0, r1);
          int entering = RowShares.running(plan, t + 1, r0, r1);  // rows past these end at step t
          int d0 = r0 * H, e0 = d0 + entering * H;
          System.arraycopy(dhT, e0, dh, e0, (rows - entering) * H);
          int g0 = (t * B + r0) * G, s0 = (t * B + r0) * H;
          if (rows < r1 - r0) {
            Arrays.fill(dGx, g0 + rows * G, g0 + (r1 - r0) * G, 0f);
            Arrays.fill(dGh, g0 + rows * G, g0 + (r1 - r0) * G, 0f);
          }
          for (int j = 0; j < rows * H; j++) dh[d0 + j] += dys[s0 + j];
          one.gruBackward(rows, H, gx, g0, gh, g0, hs, s0, dh, d0, dGx, g0, dGh, g0); // dh -> dh * z
          product.multiplyAdd(rows, dGh, g0, G, dh, d0, H);                         // dh_{t-1} += dGh_t W_hh
        }
      });
      recurrentBack.release();
      GateGradients.accumulate(k, plan, T * B, G, I, H, dGx, dGh, xs, hs, x, wIh, wHh, bIh, bHh);
      float[] dh0 = h0 == null ? null : h0.gradForAccumulation();
      if (dh0 != null) plan.unsortRowsAdd(dh, 0, dh0, 0, H);
      Workspace.give(gx, gh, hs);
    });
    return outputs;
  }

  /** The shapes both GRU variants take: x (T, B, I), weights (3H, I) and (3H, H), biases (3H), h0 (B, H). */
  static void checkShapes(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, Tensor h0) {
    int T = plan.steps(), B = plan.batch(), I = x.size(2), H = wHh.size(1), G = 3 * H;
    RowMath.checkShape("GRU input", x, T, B, I);
    RowMath.checkShape("GRU weight_ih", wIh, G, I);
    RowMath.checkShape("GRU weight_hh", wHh, G, H);
    RowMath.checkShape("GRU bias_ih", bIh, G);
    RowMath.checkShape("GRU bias_hh", bHh, G);
    RowMath.checkShape("GRU h0", h0, B, H);
  }
}
