package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Vector kernels against the scalar reference over sizes that do and do not line up with the vector lanes and
 * the 4 x 16 micro-tile. GEMM results may differ by float summation order, so the tolerance is proportional to
 * K and to the magnitudes summed. The element-wise transcendentals are in {@link VectorMathTest}.
 */
class VectorKernelsTest {
  static final int[] SIZES = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 127, 257};
  private static final float EPS = Math.ulp(1f);

  private static final WorkerPool ONE = new WorkerPool(1, WorkerPool.DEFAULT_SPIN_NANOS);
  private static final WorkerPool TWO = new WorkerPool(2, WorkerPool.DEFAULT_SPIN_NANOS);
  private static final VectorKernels SINGLE = new VectorKernels(ONE, Long.MAX_VALUE);
  /** Every GEMM split over two threads, however small. */
  private static final VectorKernels THREADED = new VectorKernels(TWO, 0);
  private static final ScalarKernels SCALAR = new ScalarKernels();

  @AfterAll
  static void stopPools() {
    ONE.close();
    TWO.close();
  }

  /** (m, n, k) triples: every size appears in every role, paired with sizes far from it in the list. */
  static List<int[]> shapes() {
    List<int[]> shapes = new ArrayList<>();
    for (int i = 0; i < SIZES.length; i++) {
      shapes.add(new int[] {SIZES[i], SIZES[(i + 5) % SIZES.length], SIZES[(i + 10) % SIZES.length]});
      shapes.add(new int[] {SIZES[(i + 10) % SIZES.length], SIZES[i], SIZES[(i + 5) % SIZES.length]});
      shapes.add(new int[] {SIZES[(i + 5) % SIZES.length], SIZES[(i + 10) % SIZES.length], SIZES[i]});
    }
    return shapes;
  }

  static float[] random(SplittableRandom rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }

  /**
   * One gemm call on both kernels with padded operands: offsets 3/5/7, leading dimensions wider than the rows.
   * Entries of C outside the (m, n) window must stay as they were.
   */
  static void checkGemm(Kernels kernels, boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float beta, boolean nanC, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
    int lda = aCols + 3, ldb = bCols + 1, ldc = n + 2, aOff = 3, bOff = 5, cOff = 7;
    float[] a = random(rnd, aOff + aRows * lda);
    float[] b = random(rnd, bOff + bRows * ldb);
    float[] c0 = random(rnd, cOff + m * ldc + 4);
    if (nanC) java.util.Arrays.fill(c0, Float.NaN);
    float[] expected = c0.clone(), actual = c0.clone();
    SCALAR.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
    kernels.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, actual, cOff, ldc);
    String what = String.format("gemm(transA=%b, transB=%b, m=%d, n=%d, k=%d, alpha=%s, beta=%s)",
        transA, transB, m, n, k, alpha, beta);
    assertGemmClose(what, m, n, k, alpha, beta, cOff, ldc, c0, expected, actual);
  }

  /** |actual - expected| <= 2 (k + 2) eps (|alpha| k + |beta| |c0|) inside the window, untouched outside. */
  static void assertGemmClose(String what, int m, int n, int k, float alpha, float beta, int cOff, int ldc,
                              float[] c0, float[] expected, float[] actual) {
    for (int idx = 0; idx < actual.length; idx++) {
      int rel = idx - cOff;
      boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
      if (!inside) {
        if (Float.floatToIntBits(actual[idx]) != Float.floatToIntBits(c0[idx])) {
          fail(what + ": wrote outside C at index " + idx);
        }
        continue;
      }
      float old = beta == 0f ? 0f : Math.abs(c0[idx]);
      double tol = 2.0 * (k + 2) * EPS * (Math.abs(alpha) * k + Math.abs(beta) * old) + 1e-30;
      if (!(Math.abs(actual[idx] - expected[idx]) <= tol)) {
        fail(String.format("%s: C(%d, %d) = %s, scalar gives %s (tolerance %.3g)",
            what, rel / ldc, rel % ldc, actual[idx], expected[idx], tol));
      }
    }
  }

  @Test
  void gemmMatchesScalarForAllTransposesAndAwkwardSizes() {
    long seed = 1;
    for (int[] s : shapes()) {
      for (int t = 0; t < 4; t++) checkGemm(SINGLE, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0f, false, seed++);
    }
  }

  @Test
  void gemmScalesByAlphaAndAccumulatesBeta() {
    float[][] alphaBeta = {{0.5f, 1f}, {-1.5f, 0.25f}, {2f, -1f}, {0f, 0.5f}};
    long seed = 100;
    for (int[] s : shapes()) {
      for (float[] ab : alphaBeta) {
        checkGemm(SINGLE, seed % 2 == 0, seed % 3 == 0, s[0], s[1], s[2], ab[0], ab[1], false, seed++);
      }
    }
  }

  @Test
  void gemmWithBetaZeroOverwritesNaNInC() {
    long seed = 200;
    for (int[] s : shapes()) checkGemm(SINGLE, seed % 2 == 0, seed % 3 == 0, s[0], s[1], s[2], 1.25f, 0f, true, seed++);
  }

  @Test
  void gemmWithKZeroOnlyScalesC() {
    checkGemm(SINGLE, false, true, 5, 9, 0, 1f, 0.5f, false, 7);
    checkGemm(SINGLE, false, false, 5, 9, 0, 1f, 0f, true, 8);
  }

  @Test
  void threadedGemmMatchesScalarWhenSplitOverRowsOrColumns() {
    long seed = 300;
    for (int[] s : shapes()) {
      for (int t = 0; t < 4; t++) checkGemm(THREADED, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 0.75f, 0.5f, false, seed++);
    }
    checkGemm(THREADED, false, true, 300, 40, 70, 1f, 0f, false, seed++); // tall: split over rows
    checkGemm(THREADED, true, false, 20, 333, 70, 1f, 0f, false, seed); // wide: split over columns
  }

  static void checkGemmPacked(Kernels kernels, boolean transB, int m, int n, int k, float alpha, float beta, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int ldb = (transB ? k : n) + 3, lda = k + 2, ldc = n + 1, aOff = 2, bOff = 4, cOff = 1;
    float[] a = random(rnd, aOff + m * lda);
    float[] b = random(rnd, bOff + (transB ? n : k) * ldb);
    float[] c0 = random(rnd, cOff + m * ldc + 3);
    float[] expected = c0.clone(), actual = c0.clone();
    SCALAR.gemmPacked(m, alpha, a, aOff, lda, SCALAR.packB(transB, k, n, b, bOff, ldb), beta, expected, cOff, ldc);
    PackedMatrix packed = kernels.packB(transB, k, n, b, bOff, ldb);
    assertEquals(k, packed.k());
    assertEquals(n, packed.n());
    kernels.gemmPacked(m, alpha, a, aOff, lda, packed, beta, actual, cOff, ldc);
    String what = String.format("gemmPacked(transB=%b, m=%d, n=%d, k=%d)", transB, m, n, k);
    assertGemmClose(what, m, n, k, alpha, beta, cOff, ldc, c0, expected, actual);
  }

  @Test
  void gemmPackedMatchesScalarIncludingSingleRows() {
    long seed = 400;
    for (int[] s : shapes()) {
      for (int m : new int[] {1, 2, 3, s[0]}) {
        checkGemmPacked(SINGLE, true, m, s[1], s[2], 1f, 0f, seed++);
        checkGemmPacked(THREADED, false, m, s[1], s[2], -0.5f, 1f, seed++);
      }
    }
  }

  @Test
  void gemmPackedRejectsMatrixPackedByOtherKernels() {
    PackedMatrix foreign = SCALAR.packB(false, 2, 2, new float[4], 0, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SINGLE.gemmPacked(1, 1f, new float[2], 0, 2, foreign, 0f, new float[2], 0, 2));
    assertTrue(e.getMessage().startsWith("gemmPacked: matrix was packed by other kernels"), e.getMessage());
  }

  @Test
  void concurrentCallersGetCorrectResultsWithoutDeadlock() throws Exception {
    ExecutorService users = Executors.newFixedThreadPool(3);
    try {
      List<Callable<Void>> jobs = new ArrayList<>();
      for (int u = 0; u < 3; u++) {
        long seed = 500 + u;
        jobs.add(() -> {
          for (int rep = 0; rep < 40; rep++) checkGemm(THREADED, rep % 2 == 0, true, 64, 96, 33, 1f, 0f, false, seed + rep);
          return null;
        });
      }
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (Future<Void> f : users.invokeAll(jobs)) f.get();
      });
    } finally {
      users.shutdownNow();
    }
  }

  // ---- fused cells ----------------------------------------------------------------------------------

  @Test
  void lstmStepsMatchScalar() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int H : new int[] {1, 7, 8, 9, 17, 33}) {
      int rows = 3;
      float[] gates = random(rnd, 1 + rows * 4 * H), cPrev = random(rnd, 2 + rows * H);
      for (int i = 0; i < gates.length; i++) gates[i] *= 4;
      float[][] s = {gates.clone(), new float[rows * H + 3], new float[rows * H], new float[rows * H + 1]};
      float[][] v = {gates.clone(), new float[rows * H + 3], new float[rows * H], new float[rows * H + 1]};
      SCALAR.lstmForward(rows, H, s[0], 1, cPrev, 2, s[1], 3, s[2], 0, s[3], 1);
      SINGLE.lstmForward(rows, H, v[0], 1, cPrev, 2, v[1], 3, v[2], 0, v[3], 1);
      for (int t = 0; t < 4; t++) assertArrayClose("lstmForward H=" + H + " output " + t, s[t], v[t], 1e-6);

      float[] dh = random(rnd, rows * H), dc = random(rnd, rows * H);
      float[] dcS = dc.clone(), dcV = dc.clone();
      float[] dGatesS = new float[rows * 4 * H + 2], dGatesV = new float[rows * 4 * H + 2];
      SCALAR.lstmBackward(rows, H, s[0], 1, cPrev, 2, s[2], 0, dh, 0, dcS, 0, dGatesS, 2);
      SINGLE.lstmBackward(rows, H, s[0], 1, cPrev, 2, s[2], 0, dh, 0, dcV, 0, dGatesV, 2);
      assertArrayClose("lstmBackward dGates H=" + H, dGatesS, dGatesV, 1e-6);
      assertArrayClose("lstmBackward dc H=" + H, dcS, dcV, 1e-6);
    }
  }

  @Test
  void gruStepsMatchScalar() {
    SplittableRandom rnd = new SplittableRandom(12);
    for (int H : new int[] {1, 7, 8, 9, 17, 33}) {
      int rows = 3;
      float[] gx = random(rnd, 2 + rows * 3 * H), gh = random(rnd, 1 + rows * 3 * H), hPrev = random(rnd, rows * H);
      float[] gxS = gx.clone(), gxV = gx.clone(), hS = new float[rows * H + 2], hV = new float[rows * H + 2];
      SCALAR.gruForward(rows, H, gxS, 2, gh, 1, hPrev, 0, hS, 2);
      SINGLE.gruForward(rows, H, gxV, 2, gh, 1, hPrev, 0, hV, 2);
      assertArrayClose("gruForward activations H=" + H, gxS, gxV, 1e-6);
      assertArrayClose("gruForward h H=" + H, hS, hV, 1e-6);

      float[] dh = random(rnd, rows * H);
      float[] dhS = dh.clone(), dhV = dh.clone();
      float[] dGxS = new float[1 + rows * 3 * H], dGxV = new float[1 + rows * 3 * H];
      float[] dGhS = new float[rows * 3 * H], dGhV = new float[rows * 3 * H];
      SCALAR.gruBackward(rows, H, gxS, 2, gh, 1, hPrev, 0, dhS, 0, dGxS, 1, dGhS, 0);
      SINGLE.gruBackward(rows, H, gxS, 2, gh, 1, hPrev, 0, dhV, 0, dGxV, 1, dGhV, 0);
      assertArrayClose("gruBackward dGx H=" + H, dGxS, dGxV, 1e-6);
      assertArrayClose("gruBackward dGh H=" + H, dGhS, dGhV, 1e-6);
      assertArrayClose("gruBackward dh H=" + H, dhS, dhV, 1e-6);
    }
  }

  /**
   * Above {@link VectorKernels#MIN_PARALLEL_UNITS} the cell kernels and activations split their rows (or
   * vector-wide chunks) over the threads. Rows never interact, so the split must give exactly the single-thread
   * bits: a row lost, done twice or offset wrongly in one share shows up here.
   */
  @Test
  void rowSplitOverThreadsGivesTheSingleThreadBits() {
    SplittableRandom rnd = new SplittableRandom(13);
    int rows = 37, H = 41; // 37 x 3 x 41 units: above the threshold for GRU and LSTM, odd shares, a lane tail
    assertTrue(rows * 3 * H >= VectorKernels.MIN_PARALLEL_UNITS);
    float[] gates = random(rnd, 1 + rows * 4 * H), cPrev = random(rnd, 2 + rows * H);
    for (int i = 0; i < gates.length; i++) gates[i] *= 4;
    float[][] one = {gates.clone(), new float[rows * H + 3], new float[rows * H], new float[rows * H + 1]};
    float[][] two = {gates.clone(), new float[rows * H + 3], new float[rows * H], new float[rows * H + 1]};
    SINGLE.lstmForward(rows, H, one[0], 1, cPrev, 2, one[1], 3, one[2], 0, one[3], 1);
    THREADED.lstmForward(rows, H, two[0], 1, cPrev, 2, two[1], 3, two[2], 0, two[3], 1);
    for (int t = 0; t < 4; t++) assertArrayEquals(one[t], two[t], "lstmForward output " + t);

    float[] dh = random(rnd, rows * H), dc = random(rnd, rows * H);
    float[] dcOne = dc.clone(), dcTwo = dc.clone();
    float[] dGatesOne = new float[rows * 4 * H + 2], dGatesTwo = new float[rows * 4 * H + 2];
    SINGLE.lstmBackward(rows, H, one[0], 1, cPrev, 2, one[2], 0, dh, 0, dcOne, 0, dGatesOne, 2);
    THREADED.lstmBackward(rows, H, one[0], 1, cPrev, 2, one[2], 0, dh, 0, dcTwo, 0, dGatesTwo, 2);
    assertArrayEquals(dGatesOne, dGatesTwo, "lstmBackward dGates");
    assertArrayEquals(dcOne, dcTwo, "lstmBackward dc");

    float[] gx = random(rnd, 2 + rows * 3 * H), gh = random(rnd, 1 + rows * 3 * H), hPrev = random(rnd, rows * H);
    float[] gxOne = gx.clone(), gxTwo = gx.clone(), hOne = new float[rows * H + 2], hTwo = new float[rows * H + 2];
    SINGLE.gruForward(rows, H, gxOne, 2, gh, 1, hPrev, 0, hOne, 2);
    THREADED.gruForward(rows, H, gxTwo, 2, gh, 1, hPrev, 0, hTwo, 2);
    assertArrayEquals(gxOne, gxTwo, "gruForward activations");
    assertArrayEquals(hOne, hTwo, "gruForward h");
    float[] dhOne = dh.clone(), dhTwo = dh.clone();
    float[] dGxOne = new float[1 + rows * 3 * H], dGxTwo = new float[1 + rows * 3 * H];
    float[] dGhOne = new float[rows * 3 * H], dGhTwo = new float[rows * 3 * H];
    SINGLE.gruBackward(rows, H, gxOne, 2, gh, 1, hPrev, 0, dhOne, 0, dGxOne, 1, dGhOne, 0);
    THREADED.gruBackward(rows, H, gxOne, 2, gh, 1, hPrev, 0, dhTwo, 0, dGxTwo, 1, dGhTwo, 0);
    assertArrayEquals(dGxOne, dGxTwo, "gruBackward dGx");
    assertArrayEquals(dGhOne, dGhTwo, "gruBackward dGh");
    assertArrayEquals(dhOne, dhTwo, "gruBackward dh");

    int n = VectorKernels.MIN_PARALLEL_UNITS * 2 + 13; // chunks split over threads, a scalar tail at the end
    float[] x = random(rnd, n + 7);
    for (int i = 0; i < x.length; i++) x[i] *= 6;
    float[] tanhOne = x.clone(), tanhTwo = x.clone(), sigOne = x.clone(), sigTwo = x.clone();
    SINGLE.tanh(n, x, 3, tanhOne, 4);
    THREADED.tanh(n, x, 3, tanhTwo, 4);
    assertArrayEquals(tanhOne, tanhTwo, "tanh");
    SINGLE.sigmoid(n, x, 5, sigOne, 2);
    THREADED.sigmoid(n, x, 5, sigTwo, 2);
    assertArrayEquals(sigOne, sigTwo, "sigmoid");
    float[] expected = x.clone();
    SCALAR.tanh(n, x, 3, expected, 4);
    assertAbsClose("threaded tanh against scalar", x, expected, tanhTwo, 2e-7);
  }

  static void assertAbsClose(String what, float[] x, float[] expected, float[] actual, double tol) {
    for (int i = 0; i < x.length; i++) {
      if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
        fail(what + "(" + x[i] + ") = " + actual[i] + ", scalar gives " + expected[i]);
      }
    }
  }

  static void assertArrayClose(String what, float[] expected, float[] actual, double tol) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertFalse(Float.isNaN(actual[i]), what + ": NaN at " + i);
      if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
        fail(what + ": index " + i + " is " + actual[i] + ", scalar gives " + expected[i]);
      }
    }
  }
}
