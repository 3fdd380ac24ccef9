package org.recurrent.rnn;

import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * The GRU variant with the reset gate applied to the state BEFORE the recurrent product: the original
 * formulation of Cho et al. (2014), Keras {@code GRU(reset_after=False)} and the ONNX GRU default
 * ({@code linear_before_reset=0}). Same parameters and keys as {@link GruSequence}; only the candidate differs.
 *
 * <pre>{@code
 * r = sigmoid(x W_ir^T + b_ir + h_{t-1} W_hr^T + b_hr)
 * z = sigmoid(x W_iz^T + b_iz + h_{t-1} W_hz^T + b_hz)
 * n = tanh(x W_in^T + b_in + (r * h_{t-1}) W_hn^T + b_hn)
 * h_t = (1 - z) * n + z * h_{t-1}
 * }</pre>
 * Each step needs two dependent products (r first, then (r*h) W_hn^T), so it is a little slower than the
 * reset-after form. Backward adds {@code d(r*h) = dnPre W_hn}, {@code dr = d(r*h) * h_{t-1}},
 * {@code dh_{t-1} += d(r*h) * r} to the GRU gradients.
 */
public final class GruResetBeforeSequence {
  private GruResetBeforeSequence() {}

  /** Returns {y, hT}. */
  public static Tensor[] apply(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                               Tensor h0) {
    final int T = plan.steps(), B = plan.batch(), I = x.size(2), H = wHh.size(1), G = 3 * H;
    GruSequence.checkShapes(x, plan, wIh, wHh, bIh, bHh, h0);
    Kernels k = KernelProvider.get();
    float[] w = wHh.data();

    float[] xs = plan.sortTimeMajor(x.data(), I);
    float[] gx = new float[T * B * G];                            // (T, B, 3H): x-part, later [r z n]
    k.gemm(false, true, T * B, G, I, 1f, xs, 0, I, wIh.data(), 0, I, 0f, gx, 0, G);
    float[] bias = RowMath.biasSum(bIh, bHh, G);                  // b_hn sits inside tanh beside b_in: sum is exact
    k.addRowVector(T * B, G, gx, 0, bias, 0);
    float[] hs = new float[(T + 1) * B * H];
    float[] rh = new float[T * B * H];                            // (T, B, H) r * h_{t-1}, kept for dW_hn
    if (h0 != null) plan.sortRows(h0.data(), 0, hs, 0, H);
    StepMatmul gatesRz = StepMatmul.transposed(k, w, 0, 2 * H, H, H, T);     // h W_h{r,z}^T
    StepMatmul candidate = StepMatmul.transposed(k, w, 2 * H, H, H, H, T);   // (r*h) W_hn^T
    for (int t = 0; t < T; t++) {
      int rows = plan.batchSize(t);
      int g0 = t * B * G, s0 = t * B * H, s1 = (t + 1) * B * H;
      gatesRz.multiplyAdd(rows, hs, s0, H, gx, g0, G);            // [r z] pre-activations complete
      for (int row = 0; row < rows; row++) k.sigmoid(2 * H, gx, g0 + row * G, gx, g0 + row * G);
      for (int row = 0; row < rows; row++) {
        for (int j = 0; j < H; j++) rh[s0 + row * H + j] = gx[g0 + row * G + j] * hs[s0 + row * H + j];
      }
      candidate.multiplyAdd(rows, rh, s0, H, gx, g0 + 2 * H, G);  // n pre-activation complete
      for (int row = 0; row < rows; row++) {
        int a = g0 + row * G;
        k.tanh(H, gx, a + 2 * H, gx, a + 2 * H);
        for (int j = 0; j < H; j++) {
          float z = gx[a + H + j], n = gx[a + 2 * H + j];
          hs[s1 + row * H + j] = (1f - z) * n + z * hs[s0 + row * H + j];
        }
      }
    }
    gatesRz.release();
    candidate.release();
    Tensor y = Tensor.of(plan.outputsFromStates(hs, H), T, B, H);
    Tensor hT = Tensor.of(plan.finalStates(hs, H), B, H);

    Tensor[] inputs = {x, wIh, wHh, bIh, bHh, h0};
    Tensor[] outputs = {y, hT};
    Autograd.record("GruResetBeforeSequence", inputs, outputs, () -> {
      float[] dys = plan.sortTimeMajor(y.gradData(), H);
      float[] dhT = new float[B * H];
      plan.sortRows(hT.gradData(), 0, dhT, 0, H);
      float[] dh = new float[B * H];
      float[] dG = new float[T * B * G];                          // pre-activation grads; same for x and h parts
      float[] dRh = new float[B * H];
      StepMatmul candidateBack = StepMatmul.plain(k, w, 2 * H, H, H, H, T);  // dnPre W_hn
      StepMatmul gatesRzBack = StepMatmul.plain(k, w, 0, 2 * H, H, H, T);    // d[r z]Pre W_h{r,z}
      for (int t = T - 1; t >= 0; t--) {
        int rows = plan.batchSize(t);
        int entering = t + 1 < T ? plan.batchSize(t + 1) : 0;
        System.arraycopy(dhT, entering * H, dh, entering * H, (rows - entering) * H);
        int g0 = t * B * G, s0 = t * B * H;
        for (int row = 0; row < rows; row++) {
          int a = g0 + row * G, s = row * H;
          for (int j = 0; j < H; j++) {
            float z = gx[a + H + j], n = gx[a + 2 * H + j];
            float d = dh[s + j] + dys[s0 + s + j];
            dG[a + 2 * H + j] = d * (1f - z) * (1f - n * n);                    // dnPre
            dG[a + H + j] = d * (hs[s0 + s + j] - n) * z * (1f - z);            // dzPre
            dh[s + j] = d * z;                                                  // direct path to h_{t-1}
          }
        }
        candidateBack.multiply(rows, dG, g0 + 2 * H, G, dRh, 0, H);            // d(r*h)
        for (int row = 0; row < rows; row++) {
          int a = g0 + row * G, s = row * H;
          for (int j = 0; j < H; j++) {
            float r = gx[a + j];
            dG[a + j] = dRh[s + j] * hs[s0 + s + j] * r * (1f - r);            // drPre
            dh[s + j] += dRh[s + j] * r;
          }
        }
        gatesRzBack.multiplyAdd(rows, dG, g0, G, dh, 0, H);                    // + d[r z]Pre W_h{r,z}
      }
      candidateBack.release();
      gatesRzBack.release();
      GateGradients.accumulateInput(k, plan, T * B, G, I, dG, xs, x, wIh, bIh);
      float[] dWhh = wHh.gradForAccumulation();
      if (dWhh != null) {
        k.gemm(true, false, 2 * H, H, T * B, 1f, dG, 0, G, hs, 0, H, 1f, dWhh, 0, H);             // dW_h{r,z}
        k.gemm(true, false, H, H, T * B, 1f, dG, 2 * H, G, rh, 0, H, 1f, dWhh, 2 * H * H, H);    // dW_hn
      }
      float[] dbHh = bHh == null ? null : bHh.gradForAccumulation();
      if (dbHh != null) k.addColumnSums(T * B, G, dG, 0, G, dbHh, 0);
      float[] dh0 = h0 == null ? null : h0.gradForAccumulation();
      if (dh0 != null) plan.unsortRowsAdd(dh, 0, dh0, 0, H);
    });
    return outputs;
  }
}
