package org.recurrent.kernel;

import static org.recurrent.kernel.BitTestKernels.assertBits;
import static org.recurrent.kernel.BitTestKernels.fill;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#lstmStep} and {@link Kernels#gruStep}, a whole recurrent step, and {@link Kernels#stepInputs}, the
 * input projection of a chunk of steps (blocks of rows at a stride: a share of each step's batch). Held bit for bit
 * to the calls they stand for on one thread (the product, then the cell or the bias), on the vector kernels with
 * one, two and three threads (whose products split however small), so the passes built on them (the training
 * forward, the inference pass, and both split by rows) keep the bits of the unfused kernels. The shapes cover
 * batches from 1 to 33 rows and H a whole number of vector panels and not.
 */
class FusedStepTest {
  private static final WorkerPool THREE = new WorkerPool(3, WorkerPool.DEFAULT_SPIN_NANOS);
  /** Three threads, every product split however small. */
  private static final Kernels VECTOR_THREE_THREADS = new VectorKernels(THREE, 0);
  private static final int NR = VectorGemm.NR;
  private static final int[] HIDDEN = {NR, 3 * NR, NR + VectorKernels.lanes(), 5, 37};
  private static final int[] ROWS = {1, 4, 15, 16, 17, 20, 24, 25, 33};

  @AfterAll
  static void stopPool() {
    THREE.close();
  }

  private static Kernels[] split() {
    return new Kernels[] {BitTestKernels.VECTOR_TWO_THREADS, VECTOR_THREE_THREADS, BitTestKernels.VECTOR_ONE_THREAD};
  }

  @Test
  void lstmStepHasTheBitsOfTheProductThenTheCell() {
    SplittableRandom rnd = new SplittableRandom(21);
    Kernels ref = BitTestKernels.VECTOR_ONE_THREAD;
    for (int H : HIDDEN) {
      for (int rows : ROWS) {
        float[] w = fill(rnd, 4 * H * H);                    // W_hh (4H, H)
        float[] hPrev = fill(rnd, 1 + rows * H), cPrev = fill(rnd, 2 + rows * H);
        float[] gates = fill(rnd, 3 + rows * 4 * H);
        for (int i = 0; i < gates.length; i++) gates[i] *= 3; // reach the activations' flat parts too
        Step expected = new Step(gates, rows, H);
        ref.gemmPacked(rows, 1f, hPrev, 1, H, ref.packB(true, H, 4 * H, w, 0, H), 1f, expected.gates, 3, 4 * H);
        ref.lstmForward(rows, H, expected.gates, 3, cPrev, 2, expected.c, 1, expected.tanhC, 0, expected.h, 2);
        for (Kernels k : split()) {
          Step actual = new Step(gates, rows, H);
          k.lstmStep(rows, H, hPrev, 1, k.packB(true, H, 4 * H, w, 0, H), actual.gates, 3, cPrev, 2, actual.c, 1,
              actual.tanhC, 0, actual.h, 2);
          String what = "lstmStep " + k.name() + " rows=" + rows + " H=" + H;
          assertBits(expected.gates, actual.gates, what + " activations");
          assertBits(expected.c, actual.c, what + " c");
          assertBits(expected.tanhC, actual.tanhC, what + " tanh(c)");
          assertBits(expected.h, actual.h, what + " h");
        }
      }
    }
  }

  @Test
  void gruStepHasTheBitsOfTheBiasTheProductThenTheCell() {
    SplittableRandom rnd = new SplittableRandom(22);
    Kernels ref = BitTestKernels.VECTOR_ONE_THREAD;
    for (int H : HIDDEN) {
      for (int rows : ROWS) {
        for (boolean withBias : new boolean[] {true, false}) {
          float[] w = fill(rnd, 3 * H * H);                  // W_hh (3H, H)
          float[] bias = withBias ? fill(rnd, 3 * H) : null;
          float[] hPrev = fill(rnd, rows * H + 1), gx = fill(rnd, 2 + rows * 3 * H);
          for (int i = 0; i < gx.length; i++) gx[i] *= 3;
          // gh holds garbage: the step writes its rows whatever they held (NaN would survive an add or beta 1)
          float[] ghStale = new float[1 + rows * 3 * H + 2];
          Arrays.fill(ghStale, Float.NaN);
          float[] gxE = gx.clone(), ghE = ghStale.clone(), hE = new float[rows * H + 1];
          if (withBias) {
            Arrays.fill(ghE, 1, 1 + rows * 3 * H, 0f);
            ref.addRowVector(rows, 3 * H, ghE, 1, bias, 0);
          }
          ref.gemmPacked(rows, 1f, hPrev, 1, H, ref.packB(true, H, 3 * H, w, 0, H), withBias ? 1f : 0f, ghE, 1,
              3 * H);
          ref.gruForward(rows, H, gxE, 2, ghE, 1, hPrev, 1, hE, 1);
          for (Kernels k : split()) {
            float[] gxA = gx.clone(), ghA = ghStale.clone(), hA = new float[rows * H + 1];
            k.gruStep(rows, H, hPrev, 1, k.packB(true, H, 3 * H, w, 0, H), bias, gxA, 2, ghA, 1, hA, 1);
            String what = "gruStep " + k.name() + " rows=" + rows + " H=" + H + (withBias ? "" : " no bias");
            assertBits(ghE, ghA, what + " gh");
            assertBits(gxE, gxA, what + " activations");
            assertBits(hE, hA, what + " h");
          }
        }
      }
    }
  }

  @Test
  void stepInputsHaveTheBitsOfTheProductThenTheBias() {
    SplittableRandom rnd = new SplittableRandom(23);
    Kernels ref = BitTestKernels.VECTOR_ONE_THREAD;
    for (int n : new int[] {4 * NR, 3 * 37}) {                 // 4H of whole panels; 3H of H = 37
      for (int k : new int[] {5, 64, 600}) {                    // 600: two K blocks
        for (int rows : ROWS) {
          for (int extra : new int[] {0, 9}) {                  // blocks of all the batch, or of a share of it
            int stride = rows + extra, steps = 1 + (rows + extra) % 3;
            boolean withBias = (rows + steps) % 2 == 0;
            float[] w = fill(rnd, n * k);                      // W_ih (N, K)
            float[] bias = withBias ? fill(rnd, n) : null;
            int lda = k + 3;                                   // rows of A wider than K: lda is honoured
            float[] a = fill(rnd, 2 + steps * stride * lda);
            // C starts as NaN: beta 0 must overwrite the blocks' rows (a stray beta 1 or a skipped row stays NaN),
            // and the rows between blocks must stay NaN
            float[] expected = new float[1 + steps * stride * n + 1];
            Arrays.fill(expected, Float.NaN);
            float[] stale = expected.clone();
            var packed = ref.packB(true, k, n, w, 0, k);
            for (int s = 0; s < steps; s++) {
              ref.gemmPacked(rows, 1f, a, 2 + s * stride * lda, lda, packed, 0f, expected, 1 + s * stride * n, n);
              if (withBias) ref.addRowVector(rows, n, expected, 1 + s * stride * n, bias, 0);
            }
            for (Kernels kernels : split()) {
              float[] actual = stale.clone();
              kernels.stepInputs(steps, rows, stride, a, 2, lda, kernels.packB(true, k, n, w, 0, k), bias, actual,
                  1);
              assertBits(expected, actual, "stepInputs " + kernels.name() + " steps=" + steps + " rows=" + rows
                  + " stride=" + stride + " N=" + n + " K=" + k + (withBias ? "" : " no bias"));
            }
          }
        }
      }
    }
  }

  /** The outputs of one LSTM step, with guard elements around each so that an offset error shows. */
  private static final class Step {
    final float[] gates;
    final float[] c;
    final float[] tanhC;
    final float[] h;

    Step(float[] gates, int rows, int hidden) {
      this.gates = gates.clone();
      this.c = new float[1 + rows * hidden + 1];
      this.tanhC = new float[rows * hidden];
      this.h = new float[2 + rows * hidden];
    }
  }
}
