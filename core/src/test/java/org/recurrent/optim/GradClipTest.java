package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.optim.Grads.param;
import static org.recurrent.optim.Grads.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

class GradClipTest {

  @Test
  void clipGradNormScalesToTheLimitAndReportsTheNorm() {
    Tensor p = param(0f, 0f), q = param(0f);
    setGrad(p, 3f, 0f);
    setGrad(q, 4f);
    double norm = GradClip.clipGradNorm(List.of(p, q), 1.0);
    assertEquals(5.0, norm, 1e-9);
    assertArrayEquals(new float[] {0.6f, 0f}, p.gradData(), 1e-5f);
    assertArrayEquals(new float[] {0.8f}, q.gradData(), 1e-5f);
  }

  @Test
  void clipGradNormLeavesSmallGradientsAndReturnsNonFiniteNormWithoutScaling() {
    Tensor p = param(0f, 0f);
    setGrad(p, 0.5f, 0f);
    assertEquals(0.5, GradClip.clipGradNorm(List.of(p), 1.0), 1e-9);
    assertEquals(0.5f, p.gradData()[0]);
    setGrad(p, Float.NaN, 3f);
    assertTrue(Double.isNaN(GradClip.clipGradNorm(List.of(p), 1.0)));
    assertEquals(3f, p.gradData()[1]);
  }

  @Test
  void errorIfNonfiniteThrowsNamingTheNormAndTheFirstBadEntry() {
    Tensor p = param(0f), q = param(0f, 0f, 0f);
    setGrad(p, 1f);
    setGrad(q, 2f, Float.POSITIVE_INFINITY, Float.NaN);
    var e = assertThrows(NonFiniteGradientException.class, () -> GradClip.clipGradNorm(List.of(p, q), 1.0, true));
    assertTrue(e.getMessage().startsWith("total gradient norm is NaN, so the gradients cannot be clipped; "
        + "first non-finite gradient: parameter 1, element 1 = Infinity"), e.getMessage());
    assertTrue(Double.isNaN(e.totalNorm()));
    assertEquals(1, e.parameterIndex());
    assertEquals(1, e.elementIndex());
    assertArrayEquals(new float[] {2f, Float.POSITIVE_INFINITY, Float.NaN}, q.gradData()); // untouched
    assertEquals(1f, p.gradData()[0]);

    setGrad(q, 2f, Float.NEGATIVE_INFINITY, 0f);
    e = assertThrows(NonFiniteGradientException.class, () -> GradClip.clipGradNorm(List.of(p, q), 1.0, true));
    assertTrue(e.getMessage().startsWith("total gradient norm is Infinity"), e.getMessage());
    assertTrue(e instanceof ArithmeticException);
  }

  @Test
  void errorIfNonfiniteStillClipsFiniteGradients() {
    Tensor p = param(0f, 0f);
    setGrad(p, 3f, 4f);
    assertEquals(5.0, GradClip.clipGradNorm(List.of(p), 2.5, true), 1e-9);
    assertArrayEquals(new float[] {1.5f, 2f}, p.gradData(), 1e-5f);
  }

  @Test
  void allFiniteChecksEveryPresentGradient() {
    Tensor p = param(0f, 0f), noGrad = param(0f);
    setGrad(p, 1e30f, -1e30f); // huge but finite: the double sum of squares does not overflow either
    assertTrue(GradClip.allFinite(List.of(p, noGrad)));
    assertTrue(Double.isFinite(GradClip.clipGradNorm(List.of(p), 1.0)));
    setGrad(p, 0f, Float.NaN);
    assertFalse(GradClip.allFinite(List.of(p, noGrad)));
  }

  @Test
  void clipGradValueClamps() {
    Tensor p = param(0f, 0f, 0f);
    setGrad(p, -5f, 0.1f, 7f);
    GradClip.clipGradValue(List.of(p), 1f);
    assertArrayEquals(new float[] {-1f, 0.1f, 1f}, p.gradData());
  }

  @Test
  void gradNormAndMaxAbsGradReadWithoutChangingAndSkipTensorsWithoutGradient() {
    Tensor p = param(0f, 0f), q = param(0f), noGrad = param(0f);
    setGrad(p, 3f, 0f);
    setGrad(q, -4f);
    assertEquals(5.0, GradClip.gradNorm(List.of(p, q, noGrad)), 1e-12);
    assertEquals(4f, GradClip.maxAbsGrad(List.of(p, q, noGrad)));
    assertArrayEquals(new float[] {3f, 0f}, p.gradData());
    assertEquals(0f, GradClip.maxAbsGrad(List.of(noGrad)));
    assertEquals(GradClip.gradNorm(List.of(p, q)), GradClip.clipGradNorm(List.of(p, q), 1.0)); // the same sum
  }

  @Test
  void rejectsNonPositiveLimits() {
    Tensor p = param(0f);
    var e = assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(List.of(p), 0));
    assertEquals("maxNorm must be > 0, got 0.0", e.getMessage());
  }
}
