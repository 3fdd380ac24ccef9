package org.recurrent.kernel;

import static org.recurrent.kernel.BitTestKernels.assertBits;
import static org.recurrent.kernel.BitTestKernels.fill;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Kernels#GEMM_PACKS_FROM_ROWS}: from that many rows up, {@code gemm} and {@code packB} +
 * {@code gemmPacked} give the same bits with beta = 0 (C overwritten, as by the projections that rely on it), for
 * every implementation, both transpose flags of B and a K deeper than the vector GEMM's K block (512). The inference passes rely on it to use a cached packing where the
 * training forward called the plain GEMM. It fails when the vector GEMM's packed path starts at another row count
 * than the constant says (its micro-tile height changed alone) or when the packed product sums in another order.
 */
class KernelsPackingContractTest {

  @Test
  void fromTheStatedRowCountThePackedProductHasTheBitsOfTheGemm() {
    Kernels[] all = BitTestKernels.ALL;
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

  /**
   * Any rows of a packed product, computed alone, have the bits they have inside the whole product, for K deeper
   * than the K block and with beta 0 or 1: an inference pass projects its last chunk of steps alone, which can be
   * one to three rows (the vector GEMM's one-row path), where the training forward projects all rows at once. Fails
   * if that path sums K in one run while the many-row path stores after each K block.
   */
  @Test
  void rowsOfAPackedProductComputedAloneHaveTheirBitsInTheWhole() {
    Kernels[] all = BitTestKernels.ALL;
    SplittableRandom rnd = new SplittableRandom(8);
    int m = 9, n = 70;
    for (Kernels k : all) {
      for (int kk : new int[] {33, 600, 1100}) {
        for (float beta : new float[] {0f, 1f}) {
          float[] a = fill(rnd, m * kk), b = fill(rnd, n * kk), c0 = fill(rnd, m * n);
          PackedMatrix packed = k.packB(true, kk, n, b, 0, kk);
          float[] whole = c0.clone();
          k.gemmPacked(m, 1f, a, 0, kk, packed, beta, whole, 0, n);
          for (int[] rows : new int[][] {{0, 1}, {1, 3}, {4, 7}, {8, 9}, {2, 9}}) {
            float[] part = c0.clone();
            k.gemmPacked(rows[1] - rows[0], 1f, a, rows[0] * kk, kk, packed, beta, part, rows[0] * n, n);
            float[] expected = java.util.Arrays.copyOfRange(whole, rows[0] * n, rows[1] * n);
            float[] actual = java.util.Arrays.copyOfRange(part, rows[0] * n, rows[1] * n);
            assertBits(expected, actual, k.name() + " rows " + rows[0] + ".." + rows[1] + " of " + m + " k=" + kk
                + " beta=" + beta);
          }
        }
      }
    }
  }


}
