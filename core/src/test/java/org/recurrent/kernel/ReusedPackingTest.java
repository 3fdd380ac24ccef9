package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.kernel.BitTestKernels.assertBits;
import static org.recurrent.kernel.BitTestKernels.fill;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Packings written into reused buffers: {@link Kernels#packB(boolean, int, int, float[], int, int, float[])} into a
 * caller's buffer that holds another packing's values (a training pass's W_hh packing comes from the Workspace), and
 * the vector GEMM's own packing of B, kept per thread from one call to the next. Either must give the bits of a
 * packing into a fresh array. Fails if a packing into a caller's buffer leaves values the product reads to what the
 * buffer held, or if the GEMM sizes or reads its kept buffer by the call that grew it. (The zero padding past N
 * is not what this can catch: its lanes are computed and dropped, so whatever they hold never reaches C.)
 */
class ReusedPackingTest {
  private static final Kernels[] ALL = BitTestKernels.ALL;

  @Test
  void aPackingIntoADirtyBufferGivesTheProductOfAFreshOne() {
    SplittableRandom rnd = new SplittableRandom(11);
    int m = 9;
    for (Kernels k : ALL) {
      for (int n : new int[] {1, 17, 40}) {
        for (int kk : new int[] {3, 600}) {
          for (boolean transB : new boolean[] {true, false}) {
            float[] a = fill(rnd, m * kk), b = fill(rnd, kk * n);
            int ldb = transB ? kk : n;
            float[] dirty = new float[k.packedFloats(kk, n) + 13];
            Arrays.fill(dirty, Float.NaN);
            float[] fresh = new float[m * n], reused = new float[m * n];
            k.gemmPacked(m, 1f, a, 0, kk, k.packB(transB, kk, n, b, 0, ldb), 0f, fresh, 0, n);
            k.gemmPacked(m, 1f, a, 0, kk, k.packB(transB, kk, n, b, 0, ldb, dirty), 0f, reused, 0, n);
            assertBits(fresh, reused, k.name() + " n=" + n + " k=" + kk + " transB=" + transB);
          }
        }
      }
    }
  }

  @Test
  void aBufferShorterThanThePackingIsRefused() {
    for (Kernels k : ALL) {
      int need = k.packedFloats(5, 7);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> k.packB(true, 5, 7, new float[35], 0, 5, new float[need - 1]));
      assertEquals("packB: buffer of " + (need - 1) + " floats, needs " + need, e.getMessage(), k.name());
    }
  }

  /** A product, then a larger one whose B is all NaN (left in the thread's kept packing), then the first again. */
  @Test
  void theGemmsKeptPackingHoldsNothingForTheNextCall() {
    SplittableRandom rnd = new SplittableRandom(12);
    for (Kernels k : ALL) {
      for (boolean transB : new boolean[] {true, false}) {
        int m = 6, n = 23, kk = 37;
        float[] a = fill(rnd, m * kk), b = fill(rnd, kk * n);
        int ldb = transB ? kk : n;
        float[] first = new float[m * n];
        k.gemm(false, transB, m, n, kk, 1f, a, 0, kk, b, 0, ldb, 0f, first, 0, n);
        int bigN = 70, bigK = 700;
        float[] nan = new float[bigK * bigN];
        Arrays.fill(nan, Float.NaN);
        k.gemm(false, transB, 8, bigN, bigK, 1f, fill(rnd, 8 * bigK), 0, bigK, nan, 0, transB ? bigK : bigN, 0f,
            new float[8 * bigN], 0, bigN);
        float[] again = new float[m * n];
        k.gemm(false, transB, m, n, kk, 1f, a, 0, kk, b, 0, ldb, 0f, again, 0, n);
        assertBits(first, again, k.name() + " transB=" + transB);
      }
    }
  }
}
