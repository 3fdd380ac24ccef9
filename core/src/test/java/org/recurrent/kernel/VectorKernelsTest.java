package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels against the scalar reference over sizes that do not line up with SIMD lanes, every
 * transpose combination, offsets and leading dimensions wider than the matrices.
 */
class VectorKernelsTest {
  static final int[] SIZES = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 127, 257};
  final Kernels scalar = new ScalarKernels();
  final Kernels vector = new VectorKernels(2);  // two threads: the split over blocks is exercised too
  final Random rnd = new Random(3);

  private float[] random(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = rnd.nextFloat() * 2 - 1;
    return x;
  }

  @Test
  void gemmMatchesScalarForAllTransposesAndAwkwardSizes() {
    int cases = 0;
    for (int si = 0; si < SIZES.length; si++) {
      int m = SIZES[si], n = SIZES[(si + 5) % SIZES.length], k = SIZES[(si + 9) % SIZES.length];
      for (int mode = 0; mode < 4; mode++) {
        boolean ta = (mode & 1) != 0, tb = (mode & 2) != 0;
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 5, off = 4;
        float[] a = random(off + (ta ? k : m) * lda), b = random(off + (tb ? n : k) * ldb);
        float[] c0 = random(off + m * ldc);
        float[] cs = c0.clone(), cv = c0.clone();
        scalar.gemm(ta, tb, m, n, k, 0.7f, a, off, lda, b, off, ldb, 0.3f, cs, off, ldc);
        vector.gemm(ta, tb, m, n, k, 0.7f, a, off, lda, b, off, ldb, 0.3f, cv, off, ldc);
        float tol = 1e-6f * k + 1e-6f;
        for (int i = 0; i < cs.length; i++) {
          assertEquals(cs[i], cv[i], tol, "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " at " + i);
        }
        cases++;
      }
    }
    assertEquals(SIZES.length * 4, cases);
  }

  @Test
  void betaZeroOverwritesNaN() {
    int m = 9, n = 17, k = 5;
    float[] a = random(m * k), b = random(k * n), c = new float[m * n];
    Arrays.fill(c, Float.NaN);
    vector.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    for (float v : c) assertTrue(Float.isFinite(v));
  }

  @Test
  void packedGemmMatchesPlainGemm() {
    int m = 33, n = 100, k = 17;
    float[] a = random(m * k), w = random(n * k);
    float[] plain = new float[m * n], packed = new float[m * n];
    vector.gemm(false, true, m, n, k, 1f, a, 0, k, w, 0, k, 0f, plain, 0, n);
    vector.gemmPacked(m, 1f, a, 0, k, vector.packB(true, k, n, w, 0, k), 0f, packed, 0, n);
    for (int i = 0; i < plain.length; i++) assertEquals(plain[i], packed[i], 1e-5f);
  }

  /** tanh and sigmoid within 2e-7 absolute of the scalar reference on [-20, 20] and at +-100; exp within 4 ulp. */
  @Test
  void elementwiseFunctionsMatchScalarIncludingExtremes() {
    int n = 1031;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = -20f + 40f * i / (n - 1);
    x[0] = -100f;
    x[1] = 100f;
    float[] ys = new float[n], yv = new float[n];
    scalar.tanh(n, x, 0, ys, 0);
    vector.tanh(n, x, 0, yv, 0);
    for (int i = 0; i < n; i++) assertEquals(ys[i], yv[i], 2e-7f, "tanh(" + x[i] + ")");
    scalar.sigmoid(n, x, 0, ys, 0);
    vector.sigmoid(n, x, 0, yv, 0);
    for (int i = 0; i < n; i++) assertEquals(ys[i], yv[i], 2e-7f, "sigmoid(" + x[i] + ")");
    float[] small = new float[n];
    for (int i = 0; i < n; i++) small[i] = -10f + 20f * i / (n - 1);
    scalar.exp(n, small, 0, ys, 0);
    vector.exp(n, small, 0, yv, 0);
    for (int i = 0; i < n; i++) assertEquals(ys[i], yv[i], 4 * Math.ulp(ys[i]), "exp(" + small[i] + ")");
  }
}
