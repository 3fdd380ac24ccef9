package org.recurrent.rnn;

import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * A recurrent layer whose units come in G groups, group g reading the whole state from {@code d_g} steps back
 * (the lectures' "parallel networks with different time scales"; El Hihi and Bengio 1996, Koutnik et al. 2014's
 * Clockwork RNN in spirit), as one fused autograd op.
 *
 * <pre>{@code
 * a_t^g = x_t W_ih[g]^T + b_ih[g] + b_hh[g] + h_{t-d_g} W_hh[g]^T      (B, H_g)   h_{t} = 0 for t < 0
 * h_t   = act([a_t^1 ; ... ; a_t^G])                                   (B, H)     act = tanh or relu
 * }</pre>
 * {@code W_ih} (H, I) and {@code W_hh} (H, H) hold the groups' rows one after the other ({@code W[g]} is rows
 * {@code o_g .. o_g + H_g - 1}); with every delay 1 this is {@code torch.nn.RNN}. A gradient reaches d steps back
 * through one factor {@code W_hh^T act'} instead of d: a group of delay 8 carries a signal 400 steps back through 50
 * factors.
 *
 * <p>Backward (BPTT through the skips), for t = T-1 down to 0:
 * <pre>{@code
 * dA_t = (dy_t + dH_t) * act'(h_t)                      dH_t gathered from later steps (and dh_T at len-1)
 * dH_{t-d_g} += dA_t^g W_hh[g]                          for every group with t - d_g >= 0
 * dW_hh[g] = sum_{t >= d_g} dA_t^g^T h_{t-d_g}    dW_ih = sum_t dA_t^T x_t    db = sum_t dA_t    dx_t = dA_t W_ih
 * }</pre>
 * Variable lengths: steps {@code t >= len_b} of sequence b have h = 0 and no gradient; its final state is
 * {@code h_{len_b - 1}}. Shapes: x (T, B, I), outputs y (T, B, H) and h_T (B, H).
 */
public final class SkipRnnSequence {
  private SkipRnnSequence() {}

  /**
   * Returns {y (T, B, H), hT (B, H)}.
   *
   * @param lengths (B), each in [1, T], or null for all T
   * @param groups  H_g of each group, summing to H
   * @param delays  d_g >= 1 of each group
   */
  public static Tensor[] apply(Tensor x, int[] lengths, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                               int[] groups, int[] delays, boolean relu) {
    if (x.dim() != 3) throw new IllegalArgumentException("multi-time-scale RNN input must be (T, B, I), got " + x.shapeString());
    final int T = x.size(0), B = x.size(1), I = x.size(2), H = wHh.size(0);
    RowMath.checkShape("multi-time-scale RNN weight_ih", wIh, H, I);
    RowMath.checkShape("multi-time-scale RNN weight_hh", wHh, H, H);
    RowMath.checkShape("multi-time-scale RNN bias_ih", bIh, H);
    RowMath.checkShape("multi-time-scale RNN bias_hh", bHh, H);
    if (groups.length != delays.length || groups.length == 0) {
      throw new IllegalArgumentException("multi-time-scale RNN needs one delay per group, got " + groups.length
          + " groups and " + delays.length + " delays");
    }
    int[] offsets = new int[groups.length];
    int sum = 0;
    for (int g = 0; g < groups.length; g++) {
      if (groups[g] < 1 || delays[g] < 1) {
        throw new IllegalArgumentException("multi-time-scale RNN groups and delays must be >= 1, got group " + groups[g]
            + " with delay " + delays[g]);
      }
      offsets[g] = sum;
      sum += groups[g];
    }
    if (sum != H) throw new IllegalArgumentException("multi-time-scale RNN groups sum to " + sum + ", W_hh has H=" + H);
    final int[] len = lengths != null ? lengths.clone() : full(T, B);
    if (len.length != B) throw new IllegalArgumentException("lengths must be (B=" + B + "), got " + len.length);
    for (int b = 0; b < B; b++) {
      if (len[b] < 1 || len[b] > T) throw new IllegalArgumentException("lengths[" + b + "] = " + len[b] + " outside 1.." + T);
    }
    Kernels k = KernelProvider.get();

    float[] xs = x.data();
    float[] hs = new float[T * B * H];                                   // (T, B, H): pre-activations, then h_t
    k.gemm(false, true, T * B, H, I, 1f, xs, 0, I, wIh.data(), 0, I, 0f, hs, 0, H);
    k.addRowVector(T * B, H, hs, 0, RowMath.biasSum(bIh, bHh, H), 0);
    float[] w = wHh.data();
    for (int t = 0; t < T; t++) {
      int st = t * B * H;
      for (int g = 0; g < groups.length; g++) {
        int from = t - delays[g];
        if (from < 0) continue;                                          // h_{t-d} = 0 before the start
        // a_t^g += h_{t-d_g} W_hh[g]^T : (B, H) x (H, H_g)
        k.gemm(false, true, B, groups[g], H, 1f, hs, from * B * H, H, w, offsets[g] * H, H, 1f, hs, st + offsets[g], H);
      }
      if (relu) {
        for (int j = st; j < st + B * H; j++) hs[j] = Math.max(hs[j], 0f);
      } else {
        k.tanh(B * H, hs, st, hs, st);
      }
      for (int b = 0; b < B; b++) {
        if (t >= len[b]) java.util.Arrays.fill(hs, st + b * H, st + (b + 1) * H, 0f);   // padding: no state
      }
    }
    float[] last = new float[B * H];
    for (int b = 0; b < B; b++) System.arraycopy(hs, ((len[b] - 1) * B + b) * H, last, b * H, H);
    Tensor y = Tensor.of(hs.clone(), T, B, H);
    Tensor hT = Tensor.of(last, B, H);

    Tensor[] inputs = {x, wIh, wHh, bIh, bHh};
    Tensor[] outputs = {y, hT};
    Autograd.record(relu ? "SkipRnnReluSequence" : "SkipRnnTanhSequence", inputs, outputs, () -> {
      float[] dH = y.gradData().clone();                                 // (T, B, H): dy_t, then + dH_t from later steps
      float[] dhT = hT.gradData();
      for (int b = 0; b < B; b++) {
        int at = ((len[b] - 1) * B + b) * H;
        for (int j = 0; j < H; j++) dH[at + j] += dhT[b * H + j];
      }
      float[] dA = new float[T * B * H];                                 // (T, B, H)
      for (int t = T - 1; t >= 0; t--) {
        int st = t * B * H;
        for (int b = 0; b < B; b++) {
          if (t >= len[b]) continue;                                     // padding: dA stays 0
          for (int j = st + b * H; j < st + (b + 1) * H; j++) {
            float h = hs[j];
            dA[j] = relu ? (h > 0f ? dH[j] : 0f) : dH[j] * (1f - h * h); // act'(a) from act(a)
          }
        }
        for (int g = 0; g < groups.length; g++) {
          int to = t - delays[g];
          if (to < 0) continue;
          // dH_{t-d_g} += dA_t^g W_hh[g] : (B, H_g) x (H_g, H)
          k.gemm(false, false, B, H, groups[g], 1f, dA, st + offsets[g], H, w, offsets[g] * H, H, 1f, dH, to * B * H, H);
        }
      }
      float[] dWhh = wHh.gradForAccumulation();
      if (dWhh != null) {
        for (int g = 0; g < groups.length; g++) {
          int d = delays[g];
          if (d >= T) continue;
          // dW_hh[g] += sum_{t >= d} dA_t^g^T h_{t-d} : (H_g, (T-d)B) x ((T-d)B, H)
          k.gemm(true, false, groups[g], H, (T - d) * B, 1f, dA, d * B * H + offsets[g], H, hs, 0, H, 1f, dWhh,
              offsets[g] * H, H);
        }
      }
      float[] dWih = wIh.gradForAccumulation();
      if (dWih != null) k.gemm(true, false, H, I, T * B, 1f, dA, 0, H, xs, 0, I, 1f, dWih, 0, I);
      float[] dbIh = bIh == null ? null : bIh.gradForAccumulation();
      float[] dbHh = bHh == null ? null : bHh.gradForAccumulation();
      if (dbIh != null || dbHh != null) {
        float[] db = new float[H];
        for (int r = 0; r < T * B; r++) for (int j = 0; j < H; j++) db[j] += dA[r * H + j];
        for (int j = 0; j < H; j++) {
          if (dbIh != null) dbIh[j] += db[j];
          if (dbHh != null) dbHh[j] += db[j];
        }
      }
      float[] dx = x.gradForAccumulation();
      if (dx != null) k.gemm(false, false, T * B, I, H, 1f, dA, 0, H, wIh.data(), 0, I, 1f, dx, 0, I);
    });
    return outputs;
  }

  private static int[] full(int T, int B) {
    int[] len = new int[B];
    java.util.Arrays.fill(len, T);
    return len;
  }
}
