package org.recurrent.kernel;

import static org.recurrent.kernel.BitTestKernels.assertBits;
import static org.recurrent.kernel.BitTestKernels.fill;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The training passes write the gate gradients over the gates ({@code lstmBackward} with dGates = act,
 * {@code gruBackward} with dGx = act and dGh = gh), which the kernels allow because each element is read before it
 * is written. Here every kernel, on rows split over two threads too and at widths with a vector tail, must give in
 * place the bits it gives into separate buffers. Fails if a kernel writes a gradient block before it has read a gate
 * block the same element needs (for instance the LSTM's i gradient stored before f, g and o were loaded).
 */
class InPlaceGateGradientsTest {
  private static final Kernels[] ALL = BitTestKernels.ALL;

  @Test
  void lstmGateGradientsWrittenOverTheGatesAreTheSame() {
    SplittableRandom rnd = new SplittableRandom(21);
    for (Kernels k : ALL) {
      for (int H : new int[] {5, 16, 37}) {
        int rows = 6, off = 3;
        float[] act = fill(rnd, off + rows * 4 * H), cPrev = fill(rnd, rows * H), tanhC = fill(rnd, rows * H);
        float[] dh = fill(rnd, rows * H), dc = fill(rnd, rows * H);
        float[] dGates = new float[off + rows * 4 * H], dcSeparate = dc.clone();
        k.lstmBackward(rows, H, act, off, cPrev, 0, tanhC, 0, dh, 0, dcSeparate, 0, dGates, off);
        float[] inPlace = act.clone(), dcInPlace = dc.clone();
        k.lstmBackward(rows, H, inPlace, off, cPrev, 0, tanhC, 0, dh, 0, dcInPlace, 0, inPlace, off);
        for (int i = 0; i < off; i++) dGates[i] = act[i];                 // untouched before the offset
        assertBits(dGates, inPlace, k.name() + " lstm dGates H=" + H);
        assertBits(dcSeparate, dcInPlace, k.name() + " lstm dc H=" + H);
      }
    }
  }

  @Test
  void gruGateGradientsWrittenOverTheActivationsAndRecurrentPreActivationsAreTheSame() {
    SplittableRandom rnd = new SplittableRandom(22);
    for (Kernels k : ALL) {
      for (int H : new int[] {5, 16, 37}) {
        int rows = 6, G = 3 * H;
        float[] act = fill(rnd, rows * G), gh = fill(rnd, rows * G), hPrev = fill(rnd, rows * H);
        float[] dh = fill(rnd, rows * H);
        float[] dGx = new float[rows * G], dGh = new float[rows * G], dhSeparate = dh.clone();
        k.gruBackward(rows, H, act, 0, gh, 0, hPrev, 0, dhSeparate, 0, dGx, 0, dGh, 0);
        float[] actInPlace = act.clone(), ghInPlace = gh.clone(), dhInPlace = dh.clone();
        k.gruBackward(rows, H, actInPlace, 0, ghInPlace, 0, hPrev, 0, dhInPlace, 0, actInPlace, 0, ghInPlace, 0);
        assertBits(dGx, actInPlace, k.name() + " gru dGx H=" + H);
        assertBits(dGh, ghInPlace, k.name() + " gru dGh H=" + H);
        assertBits(dhSeparate, dhInPlace, k.name() + " gru dh H=" + H);
      }
    }
  }
}
