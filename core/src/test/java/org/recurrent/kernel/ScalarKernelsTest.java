package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar reference against the definitions computed in double: GEMM as a naive triple loop, the fused cells
 * as the formulas in the {@link Kernels} Javadoc. Tolerances are float rounding of sums of K products.
 */
class ScalarKernelsTest {
  private final ScalarKernels scalar = new ScalarKernels();

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void gemmMatchesNaiveDoubleTripleLoop() {
    SplittableRandom rnd = new SplittableRandom(1);
    long seed = 0;
    for (int[] s : VectorKernelsTest.shapes()) {
      for (int t = 0; t < 4; t++) {
        boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
        int m = s[0], n = s[1], k = s[2];
        int lda = (transA ? m : k) + 1, ldb = (transB ? k : n) + 2, ldc = n + 3;
        float[] a = VectorKernelsTest.random(rnd, (transA ? k : m) * lda);
        float[] b = VectorKernelsTest.random(rnd, (transB ? n : k) * ldb);
        float[] c = VectorKernelsTest.random(rnd, m * ldc);
        float[] c0 = c.clone();
        float alpha = 0.5f + seed % 3, beta = (seed++ % 2) * 0.75f;
        scalar.gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int p = 0; p < k; p++) {
              sum += (double) (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
            }
            double expected = alpha * sum + beta * c0[i * ldc + j];
            double tol = 2.0 * (k + 2) * Math.ulp(1f) * (alpha * k + 1);
            if (Math.abs(c[i * ldc + j] - expected) > tol) {
              fail(String.format("gemm(%b, %b, %d, %d, %d) C(%d, %d) = %s, double gives %s",
                  transA, transB, m, n, k, i, j, c[i * ldc + j], expected));
            }
          }
        }
      }
    }
  }

  @Test
  void lstmStepsFollowTheDocumentedFormulas() {
    SplittableRandom rnd = new SplittableRandom(2);
    int rows = 2, H = 5;
    float[] pre = VectorKernelsTest.random(rnd, rows * 4 * H), cPrev = VectorKernelsTest.random(rnd, rows * H);
    for (int i = 0; i < pre.length; i++) pre[i] *= 3;
    float[] act = pre.clone(), c = new float[rows * H], tanhC = new float[rows * H], h = new float[rows * H];
    scalar.lstmForward(rows, H, act, 0, cPrev, 0, c, 0, tanhC, 0, h, 0);
    float[] dh = VectorKernelsTest.random(rnd, rows * H), dc = VectorKernelsTest.random(rnd, rows * H);
    float[] dcIn = dc.clone(), dGates = new float[rows * 4 * H];
    scalar.lstmBackward(rows, H, act, 0, cPrev, 0, tanhC, 0, dh, 0, dc, 0, dGates, 0);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < H; j++) {
        int g = r * 4 * H + j, s = r * H + j;
        double i = sigmoid(pre[g]), f = sigmoid(pre[g + H]), gg = Math.tanh(pre[g + 2 * H]), o = sigmoid(pre[g + 3 * H]);
        double ct = f * cPrev[s] + i * gg, tc = Math.tanh(ct);
        assertClose("i", i, act[g]);
        assertClose("f", f, act[g + H]);
        assertClose("g", gg, act[g + 2 * H]);
        assertClose("o", o, act[g + 3 * H]);
        assertClose("c", ct, c[s]);
        assertClose("tanhC", tc, tanhC[s]);
        assertClose("h", o * tc, h[s]);
        double dcT = dcIn[s] + dh[s] * o * (1 - tc * tc);
        assertClose("dI", dcT * gg * i * (1 - i), dGates[g]);
        assertClose("dF", dcT * cPrev[s] * f * (1 - f), dGates[g + H]);
        assertClose("dG", dcT * i * (1 - gg * gg), dGates[g + 2 * H]);
        assertClose("dO", dh[s] * tc * o * (1 - o), dGates[g + 3 * H]);
        assertClose("dcPrev", dcT * f, dc[s]);
      }
    }
  }

  @Test
  void gruStepsFollowTheDocumentedFormulas() {
    SplittableRandom rnd = new SplittableRandom(3);
    int rows = 2, H = 5;
    float[] gx = VectorKernelsTest.random(rnd, rows * 3 * H), gh = VectorKernelsTest.random(rnd, rows * 3 * H);
    float[] hPrev = VectorKernelsTest.random(rnd, rows * H);
    float[] act = gx.clone(), h = new float[rows * H];
    scalar.gruForward(rows, H, act, 0, gh, 0, hPrev, 0, h, 0);
    float[] dh = VectorKernelsTest.random(rnd, rows * H), dhIn = dh.clone();
    float[] dGx = new float[rows * 3 * H], dGh = new float[rows * 3 * H];
    scalar.gruBackward(rows, H, act, 0, gh, 0, hPrev, 0, dh, 0, dGx, 0, dGh, 0);
    for (int row = 0; row < rows; row++) {
      for (int j = 0; j < H; j++) {
        int g = row * 3 * H + j, s = row * H + j;
        double r = sigmoid(gx[g] + gh[g]), z = sigmoid(gx[g + H] + gh[g + H]);
        double n = Math.tanh(gx[g + 2 * H] + r * gh[g + 2 * H]);
        assertClose("r", r, act[g]);
        assertClose("z", z, act[g + H]);
        assertClose("n", n, act[g + 2 * H]);
        assertClose("h", (1 - z) * n + z * hPrev[s], h[s]);
        double dnPre = dhIn[s] * (1 - z) * (1 - n * n);
        double dzPre = dhIn[s] * (hPrev[s] - n) * z * (1 - z);
        double drPre = dnPre * gh[g + 2 * H] * r * (1 - r);
        assertClose("dGx r", drPre, dGx[g]);
        assertClose("dGx z", dzPre, dGx[g + H]);
        assertClose("dGx n", dnPre, dGx[g + 2 * H]);
        assertClose("dGh r", drPre, dGh[g]);
        assertClose("dGh z", dzPre, dGh[g + H]);
        assertClose("dGh n", dnPre * r, dGh[g + 2 * H]);
        assertClose("dh", dhIn[s] * z, dh[s]);
      }
    }
  }

  private static void assertClose(String what, double expected, float actual) {
    assertEquals(expected, actual, 1e-6, what);
  }
}
