package org.recurrent.rnn;

import java.util.Arrays;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * One vanilla (Elman) RNN layer in one direction over a padded batch as a fused autograd op. Matches one
 * layer/direction of {@code torch.nn.RNN} with {@code nonlinearity='tanh'} or {@code 'relu'}.
 *
 * <pre>{@code
 * h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)       act = tanh or relu
 * }</pre>
 * Backward: {@code dPre_t = dh_t * act'(h_t)} (tanh: 1 - h^2; relu: [h > 0]), {@code dh_{t-1} = dPre_t W_hh}.
 * Shapes: x (T, B, I), W_ih (H, I), W_hh (H, H), biases (H), h0 (B, H) or null. Outputs y (T, B, H), h_T (B, H).
 * With relu and identity W_hh this is the IRNN of Le, Jaitly and Hinton (2015).
 */
public final class RnnSequence {
  private RnnSequence() {}

  /** Returns {y, hT}. */
  public static Tensor[] apply(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                               Tensor h0, boolean relu) {
    return apply(KernelProvider.get(), x, plan, wIh, wHh, bIh, bHh, h0, relu);
  }

  /** {@link #apply} on the kernels {@code k}: tests hold a pass on several threads to the bits of one. */
  static Tensor[] apply(Kernels k, Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                        Tensor h0, boolean relu) {
    final int T = plan.steps(), B = plan.batch(), I = x.size(2), H = wHh.size(1);
    RowMath.checkShape("RNN input", x, T, B, I);
    RowMath.checkShape("RNN weight_ih", wIh, H, I);
    RowMath.checkShape("RNN weight_hh", wHh, H, H);
    RowMath.checkShape("RNN bias_ih", bIh, H);
    RowMath.checkShape("RNN bias_hh", bHh, H);
    RowMath.checkShape("RNN h0", h0, B, H);

    float[] xs = plan.sortTimeMajor(x.data(), I);                 // (T, B, I)
    // From the thread's Workspace (see LstmSequence), back there after the backward pass, or at once when nothing
    // is recorded. Every element is written before it is read: rows 1..T by the projection (finished rows too),
    // row 0 by h0 or the zero fill; dPre is zeroed for a ragged batch, whose finished rows must add nothing.
    final boolean recording = Autograd.needsGrad(x, wIh, wHh, bIh, bHh, h0);
    final boolean ragged = !plan.isFullLength();
    float[] hs = Workspace.take((T + 1) * B * H, false);          // (T+1, B, H); rows t+1 hold pre-acts, then h_t
    k.gemm(false, true, T * B, H, I, 1f, xs, 0, I, wIh.data(), 0, I, 0f, hs, B * H, H);
    k.addRowVector(T * B, H, hs, B * H, RowMath.biasSum(bIh, bHh, H), 0);
    if (h0 != null) plan.sortRows(h0.data(), 0, hs, 0, H);
    else Arrays.fill(hs, 0, B * H, 0f);
    // an inference pass packs W_hh where the training forward does (T > 1), from the cache of unchanged weights
    StepMatmul recurrent = recording
        ? StepMatmul.transposed(k, wHh.data(), H, H, T)
        : StepMatmul.inferenceTransposed(k, wHh.data(), H, H, T > 1);
    // split by rows of the batch for all T steps on more than one thread (RowShares, as in LstmInference), where
    // the activation keeps its bits: tanh runs over a step's rows as one range, so a share's rows must start and end
    // on its vector blocks (H a whole number of them); ReLU is exact anywhere
    final boolean splittable = relu || H % k.elementwiseBlock() == 0;
    RowShares.run(k, plan, splittable, (r0, r1, one) -> {
      StepMatmul product = recurrent.on(one);
      for (int t = 0; t < T; t++) {
        int rows = RowShares.running(plan, t, r0, r1);
        int s0 = (t * B + r0) * H, s1 = ((t + 1) * B + r0) * H;
        product.multiplyAdd(rows, hs, s0, H, hs, s1, H);            // pre_t += h_{t-1} W_hh^T
        if (relu) {
          for (int j = s1; j < s1 + rows * H; j++) hs[j] = Math.max(hs[j], 0f);
        } else {
          one.tanh(rows * H, hs, s1, hs, s1);
        }
      }
    });
    recurrent.release();
    Tensor y = Tensor.of(plan.outputsFromStates(hs, H), T, B, H);
    Tensor hT = Tensor.of(plan.finalStates(hs, H), B, H);
    Tensor[] outputs = {y, hT};
    if (!recording) {
      Workspace.give(hs);
      return outputs;
    }

    Tensor[] inputs = {x, wIh, wHh, bIh, bHh, h0};
    String op = relu ? "RnnReluSequence" : "RnnTanhSequence";
    boolean[] ran = {false};
    Autograd.record(op, inputs, outputs, () -> {
      if (ran[0]) throw Workspace.secondBackward(op);
      ran[0] = true;
      float[] dys = plan.sortTimeMajor(y.gradData(), H);
      float[] dhT = new float[B * H];
      plan.sortRows(hT.gradData(), 0, dhT, 0, H);
      float[] dh = new float[B * H];
      float[] dPre = Workspace.take(T * B * H, ragged);           // (T, B, H), zero for finished rows
      StepMatmul recurrentBack = StepMatmul.plain(k, wHh.data(), H, H, T);
      // each row's backward reads and writes only that row's dh and dPre, and act' is computed element by element
      // (no vector tail to round differently): split whatever H is
      RowShares.run(k, plan, (r0, r1, one) -> {
        StepMatmul product = recurrentBack.on(one);
        for (int t = T - 1; t >= 0; t--) {
          int rows = RowShares.running(plan, t, r0, r1);
          int entering = RowShares.running(plan, t + 1, r0, r1);  // rows past these end at step t
          int d0 = r0 * H, e0 = d0 + entering * H;
          System.arraycopy(dhT, e0, dh, e0, (rows - entering) * H);
          int s0 = (t * B + r0) * H, s1 = ((t + 1) * B + r0) * H;
          for (int j = 0; j < rows * H; j++) {
            float h = hs[s1 + j];
            float d = dh[d0 + j] + dys[s0 + j];
            dPre[s0 + j] = relu ? (h > 0f ? d : 0f) : d * (1f - h * h);  // act'(pre) from act(pre)
          }
          product.multiply(rows, dPre, s0, H, dh, d0, H);                // dh_{t-1} = dPre_t W_hh
        }
      });
      recurrentBack.release();
      GateGradients.accumulate(k, plan, T * B, H, I, H, dPre, dPre, xs, hs, x, wIh, wHh, bIh, bHh);
      float[] dh0 = h0 == null ? null : h0.gradForAccumulation();
      if (dh0 != null) plan.unsortRowsAdd(dh, 0, dh0, 0, H);
      Workspace.give(hs, dPre);
    });
    return outputs;
  }
}
