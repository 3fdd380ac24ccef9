package org.recurrent.rnn;

import java.util.Arrays;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;

/**
 * One time step of each recurrence for streaming inference: no autograd, no sequence plan, results written into
 * the caller's arrays. This is what {@code LSTMCell}, {@code GRUCell} and {@code RNNCell} run when no gradient is
 * recorded. Each method issues the same kernel calls, with the same arguments and in the same order, as the
 * matching sequence op ({@link LstmSequence}, {@link GruSequence}, {@link GruResetBeforeSequence},
 * {@link RnnSequence}) at T = 1, so it gives the same bits; what it drops is their bookkeeping: the plan, the
 * (T+1)-row state buffers, the copies into output tensors and the backward closure. Shapes: x (B, I), states
 * (B, H); weights as in the sequence ops (W_ih (G, I), W_hh (G, H), biases (G) or null).
 *
 * <p>Scratch (gates, the bias sum, tanh(c), a zero state for a null one) is per thread and grows to the largest
 * shape seen, so a step allocates nothing once warm. A null state reads as zeros. Outputs must not share an
 * array with the inputs they replace (the products read the whole previous state before the gate kernels write).
 */
public final class CellStep {
  private CellStep() {}

  /** Per-thread buffers; each grows and is then reused by every step on that thread. */
  private static final class Scratch {
    float[] gates = new float[0];
    float[] gh = new float[0];
    float[] bias = new float[0];
    float[] tanhC = new float[0];
    float[] zeros = new float[0]; // never written after allocation: the zero state

    static float[] atLeast(float[] a, int n) {
      return a.length >= n ? a : new float[n];
    }

    float[] zeros(int n) {
      return zeros = atLeast(zeros, n);
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** The bias sum as {@link RowMath#biasSum} computes it ((0 + b_ih) + b_hh), into {@code b}. */
  private static void biasSum(float[] bIh, float[] bHh, int width, float[] b) {
    Arrays.fill(b, 0, width, 0f);
    if (bIh != null) for (int j = 0; j < width; j++) b[j] += bIh[j];
    if (bHh != null) for (int j = 0; j < width; j++) b[j] += bHh[j];
  }

  /**
   * LSTM step, as {@link LstmSequence} at T = 1:
   * <pre>{@code
   * gates = x W_ih^T + (b_ih + b_hh) + h W_hh^T        (B, 4H) = [i f g o]
   * c' = sigmoid(f) * c + sigmoid(i) * tanh(g),   h' = sigmoid(o) * tanh(c')
   * }</pre>
   * {@code h}, {@code c} may be null (zeros); h' goes to {@code hOut}, c' to {@code cOut}, each (B, H).
   */
  public static void lstm(int B, int I, int H, float[] x, float[] wIh, float[] wHh, float[] bIh, float[] bHh,
                          float[] h, float[] c, float[] hOut, float[] cOut) {
    int G = 4 * H;
    Kernels k = KernelProvider.get();
    Scratch s = SCRATCH.get();
    float[] gates = s.gates = Scratch.atLeast(s.gates, B * G);
    float[] bias = s.bias = Scratch.atLeast(s.bias, G);
    float[] tanhC = s.tanhC = Scratch.atLeast(s.tanhC, B * H);
    if (h == null || c == null) {
      float[] zeros = s.zeros(B * H);
      if (h == null) h = zeros;
      if (c == null) c = zeros;
    }
    k.gemm(false, true, B, G, I, 1f, x, 0, I, wIh, 0, I, 0f, gates, 0, G);
    biasSum(bIh, bHh, G, bias);
    k.addRowVector(B, G, gates, 0, bias, 0);
    k.gemm(false, true, B, G, H, 1f, h, 0, H, wHh, 0, H, 1f, gates, 0, G);   // gates += h W_hh^T
    k.lstmForward(B, H, gates, 0, c, 0, cOut, 0, tanhC, 0, hOut, 0);
  }

  /**
   * GRU step with the reset gate after the recurrent product, as {@link GruSequence} at T = 1:
   * <pre>{@code
   * gx = x W_ih^T + b_ih,  gh = h W_hh^T + b_hh        (B, 3H) = [r z n]
   * r = sigmoid(gx_r + gh_r), z = sigmoid(gx_z + gh_z), n = tanh(gx_n + r * gh_n),  h' = (1 - z) * n + z * h
   * }</pre>
   */
  public static void gru(int B, int I, int H, float[] x, float[] wIh, float[] wHh, float[] bIh, float[] bHh,
                         float[] h, float[] hOut) {
    int G = 3 * H;
    Kernels k = KernelProvider.get();
    Scratch s = SCRATCH.get();
    float[] gx = s.gates = Scratch.atLeast(s.gates, B * G);
    float[] gh = s.gh = Scratch.atLeast(s.gh, B * G);
    if (h == null) h = s.zeros(B * H);
    k.gemm(false, true, B, G, I, 1f, x, 0, I, wIh, 0, I, 0f, gx, 0, G);
    if (bIh != null) k.addRowVector(B, G, gx, 0, bIh, 0);
    if (bHh != null) {
      Arrays.fill(gh, 0, B * G, 0f);                                    // the sequence op's fresh buffer
      k.addRowVector(B, G, gh, 0, bHh, 0);
      k.gemm(false, true, B, G, H, 1f, h, 0, H, wHh, 0, H, 1f, gh, 0, G);
    } else {
      k.gemm(false, true, B, G, H, 1f, h, 0, H, wHh, 0, H, 0f, gh, 0, G);
    }
    k.gruForward(B, H, gx, 0, gh, 0, h, 0, hOut, 0);
  }

  /**
   * GRU step with the reset gate before the recurrent product, as {@link GruResetBeforeSequence} at T = 1:
   * {@code n = tanh(x W_in^T + b_in + (r * h) W_hn^T + b_hn)}, the rest as {@link #gru}.
   */
  public static void gruResetBefore(int B, int I, int H, float[] x, float[] wIh, float[] wHh, float[] bIh,
                                    float[] bHh, float[] h, float[] hOut) {
    int G = 3 * H;
    Kernels k = KernelProvider.get();
    Scratch s = SCRATCH.get();
    float[] gx = s.gates = Scratch.atLeast(s.gates, B * G);
    float[] bias = s.bias = Scratch.atLeast(s.bias, G);
    float[] rh = s.tanhC = Scratch.atLeast(s.tanhC, B * H);
    if (h == null) h = s.zeros(B * H);
    k.gemm(false, true, B, G, I, 1f, x, 0, I, wIh, 0, I, 0f, gx, 0, G);
    biasSum(bIh, bHh, G, bias);
    k.addRowVector(B, G, gx, 0, bias, 0);
    k.gemm(false, true, B, 2 * H, H, 1f, h, 0, H, wHh, 0, H, 1f, gx, 0, G);   // [r z] += h W_h{r,z}^T
    for (int row = 0; row < B; row++) k.sigmoid(2 * H, gx, row * G, gx, row * G);
    for (int row = 0; row < B; row++) {
      for (int j = 0; j < H; j++) rh[row * H + j] = gx[row * G + j] * h[row * H + j];   // r * h
    }
    k.gemm(false, true, B, H, H, 1f, rh, 0, H, wHh, 2 * H * H, H, 1f, gx, 2 * H, G);  // n += (r*h) W_hn^T
    for (int row = 0; row < B; row++) {
      int a = row * G;
      k.tanh(H, gx, a + 2 * H, gx, a + 2 * H);
      for (int j = 0; j < H; j++) {
        float z = gx[a + H + j], n = gx[a + 2 * H + j];
        hOut[row * H + j] = (1f - z) * n + z * h[row * H + j];           // h' = (1 - z) * n + z * h
      }
    }
  }

  /** Elman step, as {@link RnnSequence} at T = 1: {@code h' = act(x W_ih^T + (b_ih + b_hh) + h W_hh^T)}. */
  public static void rnn(int B, int I, int H, float[] x, float[] wIh, float[] wHh, float[] bIh, float[] bHh,
                         float[] h, boolean relu, float[] hOut) {
    Kernels k = KernelProvider.get();
    Scratch s = SCRATCH.get();
    float[] bias = s.bias = Scratch.atLeast(s.bias, H);
    if (h == null) h = s.zeros(B * H);
    k.gemm(false, true, B, H, I, 1f, x, 0, I, wIh, 0, I, 0f, hOut, 0, H);   // pre-activation in hOut
    biasSum(bIh, bHh, H, bias);
    k.addRowVector(B, H, hOut, 0, bias, 0);
    k.gemm(false, true, B, H, H, 1f, h, 0, H, wHh, 0, H, 1f, hOut, 0, H);   // pre += h W_hh^T
    if (relu) {
      for (int j = 0; j < B * H; j++) hOut[j] = Math.max(hOut[j], 0f);
    } else {
      k.tanh(B * H, hOut, 0, hOut, 0);
    }
  }
}
