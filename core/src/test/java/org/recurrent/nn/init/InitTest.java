package org.recurrent.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/**
 * Distribution checks use (400, 600) tensors: 240,000 samples put the sample variance within 0.2% (uniform)
 * or 0.3% (normal) of the true one at one standard error, so the 2% tolerance is 7-10 standard errors wide,
 * while a wrong fan (fanIn alone instead of fanIn + fanOut) is off by 67%.
 */
class InitTest {
  private static final double VAR_RTOL = 0.02;

  private static double variance(float[] x) {
    double s = 0;
    for (float v : x) s += (double) v * v;
    return s / x.length; // mean is 0 by construction; checked separately where it matters
  }

  private static double maxAbs(float[] x) {
    double m = 0;
    for (float v : x) m = Math.max(m, Math.abs(v));
    return m;
  }

  /** Max |(A A^T)_ij - gain^2 [i == j]| over the rows of a row-major (rows, cols) matrix. */
  private static double rowOrthonormalityError(float[] a, int offset, int rows, int cols, double gain) {
    double worst = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < rows; j++) {
        double s = 0;
        for (int k = 0; k < cols; k++) s += (double) a[offset + i * cols + k] * a[offset + j * cols + k];
        worst = Math.max(worst, Math.abs(s - (i == j ? gain * gain : 0)));
      }
    }
    return worst;
  }

  private static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[a.length];
    for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
    return t;
  }

  @Test
  void orthogonalWideHasOrthonormalRowsAndTallHasOrthonormalColumns() {
    Tensor wide = Init.orthogonal(Tensor.zeros(5, 12), 1, new Random(1));
    assertTrue(rowOrthonormalityError(wide.data(), 0, 5, 12, 1) < 1e-5); // Q Q^T = I
    Tensor tall = Init.orthogonal(Tensor.zeros(12, 5), 1, new Random(2));
    assertTrue(rowOrthonormalityError(transpose(tall.data(), 12, 5), 0, 5, 12, 1) < 1e-5); // Q^T Q = I
    Tensor square = Init.orthogonal(Tensor.zeros(7, 7), 2, new Random(3));
    assertTrue(rowOrthonormalityError(square.data(), 0, 7, 7, 2) < 1e-5); // Q Q^T = gain^2 I
  }

  @Test
  void orthogonalFlattensTrailingDimensionsLikePyTorch() {
    Tensor t = Init.orthogonal(Tensor.zeros(4, 3, 2), 1, new Random(4)); // viewed as (4, 6)
    assertTrue(rowOrthonormalityError(t.data(), 0, 4, 6, 1) < 1e-5);
  }

  @Test
  void orthogonalPerGateMakesEveryGateBlockOrthogonal() {
    int h = 6;
    Tensor w = Init.orthogonalPerGate(Tensor.zeros(4 * h, h), 4, 1, new Random(5)); // (4H, H)
    for (int g = 0; g < 4; g++) assertTrue(rowOrthonormalityError(w.data(), g * h * h, h, h, 1) < 1e-5, "gate " + g);
    // four stacked orthogonal blocks: W^T W = 4 I, where one orthogonal (4H, H) matrix would give I
    assertTrue(rowOrthonormalityError(transpose(w.data(), 4 * h, h), 0, h, 4 * h, 2) < 1e-5);
  }

  @Test
  void xavierUniformStaysWithinItsBoundWithTheMatchingVariance() {
    double gain = 5.0 / 3;
    Tensor t = Init.xavierUniform(Tensor.zeros(400, 600), gain, new Random(6));
    double a = gain * Math.sqrt(6.0 / 1000);
    assertTrue(maxAbs(t.data()) <= a && maxAbs(t.data()) > 0.99 * a);
    assertEquals(a * a / 3, variance(t.data()), VAR_RTOL * a * a / 3);
  }

  @Test
  void xavierNormalHasZeroMeanAndGlorotVariance() {
    Tensor t = Init.xavierNormal(Tensor.zeros(400, 600), 1, new Random(7));
    double var = 2.0 / 1000;
    double mean = mean(t.data());
    assertEquals(0, mean, 5 * Math.sqrt(var / t.numel()));
    assertEquals(var, variance(t.data()), VAR_RTOL * var);
  }

  @Test
  void kaimingUniformWithSqrt5IsLinearDefaultBoundOneOverSqrtFanIn() {
    Tensor t = Init.kaimingUniform(Tensor.zeros(400, 600), Math.sqrt(5), new Random(8));
    double bound = 1 / Math.sqrt(600);
    assertTrue(maxAbs(t.data()) <= bound && maxAbs(t.data()) > 0.99 * bound);
    Tensor relu = Init.kaimingUniform(Tensor.zeros(400, 600), 0, new Random(9)); // gain sqrt(2): var 2 / fanIn
    assertEquals(2.0 / 600, variance(relu.data()), VAR_RTOL * 2.0 / 600);
  }

  @Test
  void kaimingNormalHasVarianceGainSquaredOverFanIn() {
    Tensor t = Init.kaimingNormal(Tensor.zeros(400, 600), 0, new Random(10));
    assertEquals(2.0 / 600, variance(t.data()), VAR_RTOL * 2.0 / 600);
  }

  @Test
  void fansFollowPyTorchIncludingReceptiveField() {
    assertEquals(new Init.Fans(5, 28), Init.fans(Tensor.zeros(28, 5))); // (4H, I): fanIn I, fanOut 4H
    assertEquals(new Init.Fans(12, 24), Init.fans(Tensor.zeros(8, 4, 3)));
    var e = assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(Tensor.zeros(5), 1, new Random()));
    assertEquals("xavierUniform: fan in and fan out need a tensor with at least 2 dimensions (out, in, ...), got (5)",
        e.getMessage());
  }

  @Test
  void calculateGainMatchesPyTorchTable() {
    assertEquals(5.0 / 3, Init.calculateGain("tanh"));
    assertEquals(Math.sqrt(2), Init.calculateGain("relu"));
    assertEquals(1.0, Init.calculateGain("sigmoid"));
    assertEquals(Math.sqrt(2 / (1 + 1e-4)), Init.calculateGain("leaky_relu"), 1e-15);
    assertEquals(Math.sqrt(2 / 1.25), Init.calculateGain("leaky_relu", 0.5), 1e-15);
    var e = assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("gelu"));
    assertTrue(e.getMessage().startsWith("calculateGain: unsupported nonlinearity 'gelu'"), e.getMessage());
  }

  @Test
  void identityIsScaledEyeAndNeedsASquareMatrix() {
    Tensor t = Init.identity(Tensor.full(7f, 3, 3), 0.5);
    assertArrayEquals(new float[] {0.5f, 0, 0, 0, 0.5f, 0, 0, 0, 0.5f}, t.data());
    var e = assertThrows(IllegalArgumentException.class, () -> Init.identity(Tensor.zeros(3, 4), 1));
    assertEquals("identity: needs a square 2-D tensor (H, H), got (3, 4)", e.getMessage());
  }

  @Test
  void recurrentDefaultIsUniformOneOverSqrtHidden() {
    int h = 64;
    Tensor t = Init.recurrentDefault(Tensor.zeros(400, 600), h, new Random(12));
    double k = 1 / Math.sqrt(h);
    assertTrue(maxAbs(t.data()) <= k && maxAbs(t.data()) > 0.99 * k);
    assertEquals(k * k / 3, variance(t.data()), VAR_RTOL * k * k / 3);
  }

  @Test
  void forgetGateBiasTouchesOnlyTheSecondBlock() {
    int h = 3;
    float[] before = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; // (4H): i | f | g | o
    Tensor b = Init.lstmForgetGateBias(Tensor.of(before.clone(), 4 * h), h, 1);
    assertArrayEquals(new float[] {1, 2, 3, 1, 1, 1, 7, 8, 9, 10, 11, 12}, b.data());
    var e = assertThrows(IllegalArgumentException.class, () -> Init.lstmForgetGateBias(Tensor.zeros(9), h, 1));
    assertEquals("lstmForgetGateBias: bias must be (4H) = (12) for hiddenSize 3, got (9)", e.getMessage());
  }

  @Test
  void xavierUniformPerGateUsesTheBlockFanOut() {
    int h = 100;
    int in = 300;
    Tensor w = Init.xavierUniformPerGate(Tensor.zeros(4 * h, in), 4, 1, new Random(13)); // (4H, I)
    double a = Math.sqrt(6.0 / (in + h)); // not sqrt(6 / (I + 4H))
    assertTrue(maxAbs(w.data()) <= a && maxAbs(w.data()) > 0.99 * a);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Init.orthogonalPerGate(Tensor.zeros(10, 3), 4, 1, new Random()));
    assertEquals("orthogonalPerGate: weight must be a 2-D (G*H, cols) matrix with rows divisible by gates=4, "
        + "got (10, 3)", e.getMessage());
  }

  @Test
  void sameSeedGivesSameValuesAndDifferentSeedDifferentValues() {
    for (int kind = 0; kind < 3; kind++) {
      float[] a = draw(kind, 42);
      assertArrayEquals(a, draw(kind, 42), "kind " + kind);
      assertFalse(Arrays.equals(a, draw(kind, 43)), "kind " + kind);
    }
  }

  private static float[] draw(int kind, long seed) {
    Tensor t = Tensor.zeros(6, 4);
    Random rng = new Random(seed);
    return switch (kind) {
      case 0 -> Init.xavierUniform(t, 1, rng).data();
      case 1 -> Init.normal(t, 0, 1, rng).data();
      default -> Init.orthogonal(t, 1, rng).data();
    };
  }

  @Test
  void rejectsBadArgumentsWithClearMessages() {
    var range = assertThrows(IllegalArgumentException.class, () -> Init.uniform(Tensor.zeros(2), 1, 0, new Random()));
    assertEquals("uniform: need lo <= hi, got lo=1.0, hi=0.0", range.getMessage());
    var dims = assertThrows(IllegalArgumentException.class, () -> Init.orthogonal(Tensor.zeros(4), 1, new Random()));
    assertEquals("orthogonal: needs a tensor with at least 2 dimensions, got (4)", dims.getMessage());
    var hidden = assertThrows(IllegalArgumentException.class,
        () -> Init.recurrentDefault(Tensor.zeros(4), 0, new Random()));
    assertEquals("recurrentDefault: hiddenSize must be > 0, got 0", hidden.getMessage());
  }

  private static double mean(float[] x) {
    double s = 0;
    for (float v : x) s += v;
    return s / x.length;
  }
}
