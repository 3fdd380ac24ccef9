package org.recurrent.kernel;

/**
 * Re-lays GEMM operands into the panels the {@link VectorGemm} micro-kernel streams through, so that its inner
 * loop reads both operands at unit stride whatever the transpose flags and leading dimensions were.
 *
 * <pre>{@code
 * B panels: op(B) (K, N) cut into ceil(N / nr) panels of nr columns, each covering all K rows;
 *           element (p, j) of panel q sits at q*K*nr + p*nr + (j - q*nr); columns past N are zero.
 * A strips: rows [i0, i0+mc) x cols [p0, p0+kc) of op(A) cut into strips of MR rows;
 *           element (i, p) of strip s sits at s*kc*MR + (p - p0)*MR + (i - i0 - s*MR); rows past mc are zero.
 * }</pre>
 * Keeping every B panel over the full K lets a pre-packed weight matrix serve any K blocking. The buffer a GEMM packs
 * B into for one call is kept per thread ({@link #callBuffer}).
 */
final class GemmPacking {
  /**
   * Rows of op(A) per micro-tile. Fewer rows take the unpacked path, so {@link Kernels#GEMM_PACKS_FROM_ROWS} states
   * this number as a contract (KernelsPackingContractTest fails if the two part).
   */
  static final int MR = 4;

  /**
   * Floats of a packing kept per calling thread for the next {@link #callBuffer}: 4 Mi floats (16 MiB). A training
   * step's weight gradients pack their whole (T·B, H) right operand (6.5 MB at (B, T, H) = (64, 100, 256)), and
   * 11 MB of such packings a step were 40% of what the step allocated, arrays the collector copied while they were
   * live. A larger packing is allocated for its call and dropped.
   */
  static final int KEPT_FLOATS = 1 << 22;

  /** The buffer {@link #callBuffer} reuses on this thread, grown to the largest request up to {@link #KEPT_FLOATS}. */
  private static final ThreadLocal<float[]> KEPT = ThreadLocal.withInitial(() -> new float[0]);

  private GemmPacking() {}

  /**
   * A buffer of at least {@code floats} for a packing that does not outlive one GEMM call: this thread's kept
   * buffer (any content), or a fresh array past {@link #KEPT_FLOATS}. Not re-entrant on one thread, and needs
   * none: the parts of a call never start another.
   */
  static float[] callBuffer(int floats) {
    if (floats > KEPT_FLOATS) return new float[floats];
    float[] kept = KEPT.get();
    if (kept.length < floats) {
      kept = new float[floats];
      KEPT.set(kept);
    }
    return kept;
  }

  /** Floats needed to pack a (K, N) op(B) into panels of {@code nr} columns. */
  static int packedBSize(int k, int n, int nr) {
    return Math.multiplyExact(panels(n, nr) * nr, k);
  }

  static int panels(int n, int nr) {
    return (n + nr - 1) / nr;
  }

  /** Packs panels {@code [q0, q1)} of op(B) into {@code dst} (layout in the class comment). */
  static void packB(boolean transB, int k, int n, int nr, float[] b, int bOff, int ldb,
                    int q0, int q1, float[] dst) {
    for (int q = q0; q < q1; q++) {
      int j0 = q * nr;
      int width = Math.min(nr, n - j0);
      int base = q * k * nr;
      if (transB) {
        // B is stored (N, K): walk each column of op(B) along its contiguous stored row
        for (int jj = 0; jj < width; jj++) {
          int src = bOff + (j0 + jj) * ldb;
          for (int p = 0; p < k; p++) dst[base + p * nr + jj] = b[src + p];
        }
      } else {
        for (int p = 0; p < k; p++) System.arraycopy(b, bOff + p * ldb + j0, dst, base + p * nr, width);
      }
      if (width < nr) {
        for (int p = 0; p < k; p++) java.util.Arrays.fill(dst, base + p * nr + width, base + (p + 1) * nr, 0f);
      }
    }
  }

  /** Packs the (mc, kc) block of op(A) at (i0, p0) into MR-row strips (layout in the class comment). */
  static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
    packA(transA, a, aOff, lda, i0, mc, p0, kc, dst, MR);
  }

  /**
   * Packs the (mc, kc) block of op(A) at (i0, p0) into strips of {@code h} rows, the layout of the class comment
   * with h for MR: the six-row tile of AVX2 reads A stored (K, M) from strips of six.
   */
  static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst,
                    int h) {
    for (int s = 0; s * h < mc; s++) {
      int rows = Math.min(h, mc - s * h);
      int base = s * kc * h;
      int iFirst = i0 + s * h;
      if (transA) {
        // A is stored (K, M): the h values for one p are adjacent in memory
        for (int p = 0; p < kc; p++) {
          int src = aOff + (p0 + p) * lda + iFirst;
          int d = base + p * h;
          for (int r = 0; r < rows; r++) dst[d + r] = a[src + r];
          for (int r = rows; r < h; r++) dst[d + r] = 0f;
        }
      } else if (rows == MR && h == MR) {
        // four row streams read in step, so the strip is written front to back
        int s0 = aOff + iFirst * lda + p0, s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda;
        for (int p = 0, d = base; p < kc; p++, d += MR) {
          dst[d] = a[s0 + p];
          dst[d + 1] = a[s1 + p];
          dst[d + 2] = a[s2 + p];
          dst[d + 3] = a[s3 + p];
        }
      } else {
        java.util.Arrays.fill(dst, base, base + kc * h, 0f);
        for (int r = 0; r < rows; r++) {
          int src = aOff + (iFirst + r) * lda + p0;
          for (int p = 0; p < kc; p++) dst[base + p * h + r] = a[src + p];
        }
      }
    }
  }
}
