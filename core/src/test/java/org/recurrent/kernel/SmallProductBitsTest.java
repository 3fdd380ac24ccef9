package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.recurrent.kernel.BitTestKernels.fill;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The GEMM's path for fewer than four rows of A and an unpacked, transposed B (a streaming cell step at batch 1 to 3)
 * gives each output column the same bits whether it is computed with its neighbours (four dot products at once) or
 * alone (n = 1), on one thread and split over two, for K on and off the vector lanes. Streaming outputs are promised
 * to be the bits of the sequence op at T = 1, which the documented examples rely on. Fails when the four-at-once
 * dot products sum the lanes or the tail in another order, or read a neighbour's row.
 */
class SmallProductBitsTest {

  @Test
  void aColumnHasTheSameBitsAloneAsAmongItsNeighbours() {
    Kernels[] all = {BitTestKernels.VECTOR_ONE_THREAD, BitTestKernels.VECTOR_TWO_THREADS};
    SplittableRandom rnd = new SplittableRandom(3);
    for (Kernels k : all) {
      for (int m = 1; m < Kernels.GEMM_PACKS_FROM_ROWS; m++) {
        for (int n : new int[] {1, 3, 4, 9, 70}) {
          for (int kk : new int[] {1, 5, 16, 37, 256}) {
            for (float beta : new float[] {0f, 1f}) {
              float[] a = fill(rnd, m * kk), b = fill(rnd, n * kk), c0 = fill(rnd, m * n);
              float[] together = c0.clone();
              k.gemm(false, true, m, n, kk, 1f, a, 0, kk, b, 0, kk, beta, together, 0, n);
              for (int j = 0; j < n; j++) {
                float[] alone = new float[m];
                for (int i = 0; i < m; i++) alone[i] = c0[i * n + j];
                k.gemm(false, true, m, 1, kk, 1f, a, 0, kk, b, j * kk, kk, beta, alone, 0, 1);
                for (int i = 0; i < m; i++) {
                  if (Float.floatToRawIntBits(alone[i]) != Float.floatToRawIntBits(together[i * n + j])) {
                    fail(k.name() + " m=" + m + " n=" + n + " k=" + kk + " beta=" + beta + ": (" + i + ", " + j
                        + ") alone " + alone[i] + ", among neighbours " + together[i * n + j]);
                  }
                }
              }
            }
          }
        }
      }
    }
  }

}
