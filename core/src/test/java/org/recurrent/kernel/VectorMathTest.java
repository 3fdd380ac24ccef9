package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The vector transcendentals ({@link VectorMath}: exp, sigmoid, tanh) against the scalar reference and the
 * double-precision functions, over the whole float range, the special values and the range clamps; compared
 * absolutely (exp in ulp). Measured on AVX2 (8 lanes), JDK 25: tanh and sigmoid differ from the double-precision
 * reference by at most 6.0e-8 over [-20, 20], exp by at most 0.74 ulp over [-87, 88].
 */
class VectorMathTest {
  private static final WorkerPool ONE = new WorkerPool(1, WorkerPool.DEFAULT_SPIN_NANOS);
  private static final VectorKernels SINGLE = new VectorKernels(ONE, Long.MAX_VALUE);
  private static final ScalarKernels SCALAR = new ScalarKernels();

  @AfterAll
  static void stopPool() {
    ONE.close();
  }

  /** n points evenly over [lo, hi] plus the extremes that overflow a naive formula. */
  static float[] grid(int n, float lo, float hi) {
    float[] x = new float[n + 8];
    for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * i / (n - 1);
    float[] extremes = {-100f, 100f, -50f, 50f, -1e-30f, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
    System.arraycopy(extremes, 0, x, n, 8);
    return x;
  }

  @Test
  void tanhAndSigmoidWithin2e7OfScalarWithoutNaN() {
    float[] x = grid(400_001, -20f, 20f);
    float[] expected = new float[x.length], actual = new float[x.length];
    SCALAR.tanh(x.length, x, 0, expected, 0);
    SINGLE.tanh(x.length, x, 0, actual, 0);
    VectorKernelsTest.assertAbsClose("tanh", x, expected, actual, 2e-7);
    SCALAR.sigmoid(x.length, x, 0, expected, 0);
    SINGLE.sigmoid(x.length, x, 0, actual, 0);
    VectorKernelsTest.assertAbsClose("sigmoid", x, expected, actual, 2e-7);
  }

  @Test
  void tanhKeepsRelativePrecisionNearZero() {
    float[] x = grid(10_001, -1e-3f, 1e-3f);
    float[] y = new float[x.length];
    SINGLE.tanh(x.length - 8, x, 0, y, 0);
    for (int i = 0; i < x.length - 8; i++) {
      assertTrue(Math.abs(y[i] - Math.tanh(x[i])) <= 2 * Math.ulp((float) Math.tanh(x[i])), "tanh(" + x[i] + ")");
    }
  }

  @Test
  void expWithin4UlpAndOverflowsToInfinityNotNaN() {
    float[] x = grid(200_001, -87.3f, 88.72f); // up to the overflow edge: exp(88.72) is 3.3e38, near Float.MAX_VALUE
    float[] y = new float[x.length];
    SINGLE.exp(x.length, x, 0, y, 0);
    double worst = 0;
    for (int i = 0; i < x.length - 8; i++) {
      double e = Math.exp(x[i]);
      worst = Math.max(worst, Math.abs(y[i] - e) / Math.ulp((float) e));
    }
    assertTrue(worst <= 4, "exp max error " + worst + " ulp");
    assertEquals(Float.POSITIVE_INFINITY, y[x.length - 7]); // exp(100)
    assertEquals(0f, y[x.length - 8]); // exp(-100): 0 as documented (no subnormals), not NaN
  }

  /**
   * NaN, the infinities and the zeros in the vector body: NaN stays NaN, the infinities saturate, tanh(±0) is 0
   * (+0.0 for both, as before the clamps changed). The range clamps are a compare and a blend instead of FloatVector.max/min (which AVX2 builds from several
   * instructions); a clamp written the other way round (keep the constant unless x is inside) turns NaN into the
   * constant, and this fails.
   */
  @Test
  void specialValuesPassTheRangeClampsAsJavaMaxAndMinDid() {
    float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, 100f, -100f, 88.5f};
    int n = 2 * VectorKernels.lanes();
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = specials[i % specials.length];
    float[] t = new float[n], s = new float[n], e = new float[n];
    SINGLE.tanh(n, x, 0, t, 0);
    SINGLE.sigmoid(n, x, 0, s, 0);
    SINGLE.exp(n, x, 0, e, 0);
    for (int i = 0; i < specials.length; i++) {
      String at = "x = " + x[i];
      if (Float.isNaN(x[i])) {
        assertTrue(Float.isNaN(t[i]) && Float.isNaN(s[i]) && Float.isNaN(e[i]), at + ": " + t[i] + " " + s[i] + " " + e[i]);
        continue;
      }
      assertEquals((float) Math.tanh(x[i]), t[i], 0f, "tanh " + at);
      assertEquals(x[i] > 0 ? 1f : x[i] < -88f ? 0f : 0.5f, s[i], 0f, "sigmoid " + at); // exact at these inputs
    }
    assertEquals(Float.POSITIVE_INFINITY, e[1]);
    assertEquals(0f, e[2]);
    assertEquals(1f, e[3]);
    assertEquals(Float.POSITIVE_INFINITY, e[5]);
    assertEquals(0f, e[6]);
  }

  /**
   * sigmoid(x) is exp(x) to within 4 ulp from -80 down to its last subnormals at -88.72, the range where the
   * exponent of exp(-x) is clamped at 127: a clamp of exp(-x) itself (as at exp(88) before) gave one constant,
   * 6.05e-39, over (-88.72, -88), and without the clamp n = 128 makes 2^n the bits of +inf and sigmoid 0 there
   * (further out the exponent bits wrap; sigmoid(-inf) then came out NaN, which the special-values test sees).
   */
  @Test
  void sigmoidFollowsExpIntoTheSubnormals() {
    float[] x = grid(20_001, -88.72f, -80f);
    float[] y = new float[x.length];
    SINGLE.sigmoid(x.length - 8, x, 0, y, 0);
    for (int i = 0; i < x.length - 8; i++) {
      float expected = (float) (1.0 / (1.0 + Math.exp(-(double) x[i])));
      assertTrue(Math.abs(y[i] - expected) <= 4 * Math.ulp(expected), "sigmoid(" + x[i] + ") = " + y[i]
          + ", expected " + expected);
    }
  }

  /**
   * A value's exp is the same in the vector body and in the tail: the tail once used Math.exp, which gives a
   * subnormal for exp(-100) where the body gives 0, so the answer depended on the position and the lane count.
   */
  @Test
  void expOfAValueDoesNotDependOnItsPositionInTheArray() {
    float[] values = {-100f, -87.5f, -20f, 0.3f, 88.5f, 88.7f, 100f};
    int n = 3 * VectorKernels.lanes() + 5; // every value once in the vector body and once in the tail
    for (float v : values) {
      float[] x = new float[n];
      java.util.Arrays.fill(x, v);
      float[] y = new float[n];
      SINGLE.exp(n, x, 0, y, 0);
      for (int i = 1; i < n; i++) assertEquals(y[0], y[i], "exp(" + v + ") at index " + i + " against index 0");
    }
  }

  @Test
  void elementWiseHonoursOffsetsAndTailsAndWorksInPlace() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (int n : VectorKernelsTest.SIZES) {
      float[] x = VectorKernelsTest.random(rnd, n + 5);
      float[] expected = x.clone(), actual = x.clone();
      SCALAR.tanh(n, x, 3, expected, 3);
      SINGLE.tanh(n, x, 3, actual, 3); // same region of a copy: in place
      for (int i = 0; i < x.length; i++) {
        boolean inside = i >= 3 && i < 3 + n;
        assertEquals(inside ? expected[i] : x[i], actual[i], 2e-7, "tanh n=" + n + " index " + i);
      }
    }
  }
}
