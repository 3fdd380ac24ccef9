package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Kernels#GEMM_PACKS_FROM_ROWS}: from that many rows up, {@code gemm} and {@code packB} +
 * {@code gemmPacked} give the same bits with beta = 0 (C overwritten, as by the projections that rely on it), for
 * every implementation, both transpose flags of B and a K deeper than the vector GEMM's K block (512). The inference passes rely on it to use a cached packing where the
 * training forward called the plain GEMM. It fails when the vector GEMM's packed path starts at another row count
 * than the constant says (its micro-tile height changed alone) or when the packed product sums in another order.
 */
class KernelsPackingContractTest {
  private static final WorkerPool ONE = new WorkerPool(1, WorkerPool.DEFAULT_SPIN_NANOS);
  private static final WorkerPool TWO = new WorkerPool(2, WorkerPool.DEFAULT_SPIN_NANOS);

  @AfterAll
  static void stopPools() {
    ONE.close();
    TWO.close();
  }

  @Test
  void fromTheStatedRowCountThePackedProductHasTheBitsOfTheGemm() {
    Kernels[] all = {new ScalarKernels(), new VectorKernels(ONE, Long.MAX_VALUE), new VectorKernels(TWO, 0)};
    SplittableRandom rnd = new SplittableRandom(7);
    int from = Kernels.GEMM_PACKS_FROM_ROWS;
    for (Kernels k : all) {
      for (int m : new int[] {from, from + 1, 2 * from + 3, 70}) {
        for (int n : new int[] {1, 17, 40, 100}) {
          for (int kk : new int[] {1, 33, 600}) {
            for (boolean transB : new boolean[] {true, false}) {
              float[] a = fill(rnd, m * kk), b = fill(rnd, kk * n);
              float[] plain = fill(rnd, m * n), packed = fill(rnd, m * n); // overwritten, whatever they held
              int ldb = transB ? kk : n;
              k.gemm(false, transB, m, n, kk, 1f, a, 0, kk, b, 0, ldb, 0f, plain, 0, n);
              k.gemmPacked(m, 1f, a, 0, kk, k.packB(transB, kk, n, b, 0, ldb), 0f, packed, 0, n);
              assertBits(plain, packed, k.name() + " m=" + m + " n=" + n + " k=" + kk + " transB=" + transB);
            }
          }
        }
      }
    }
  }

  private static void assertBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int j = 0; j < expected.length; j++) {
      if (Float.floatToRawIntBits(expected[j]) != Float.floatToRawIntBits(actual[j])) {
        fail(what + ": first difference at " + j + ": gemm " + expected[j] + ", packed " + actual[j]);
      }
    }
  }

  private static float[] fill(SplittableRandom rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }
}
