package org.recurrent.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

class AutogradTest {

  /** y = a * x element-wise, recorded by hand (the ops package builds on exactly this). */
  private static Tensor scale(Tensor x, float a) {
    Tensor y = Tensor.zeros(x.shape());
    for (int i = 0; i < x.numel(); i++) y.data()[i] = a * x.data()[i];
    return Autograd.record("scale", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dx.length; i++) dx[i] += a * y.gradData()[i];
    }, x);
  }

  private static Tensor add(Tensor a, Tensor b) {
    Tensor y = Tensor.zeros(a.shape());
    for (int i = 0; i < a.numel(); i++) y.data()[i] = a.data()[i] + b.data()[i];
    return Autograd.record("add", y, () -> {
      float[] da = a.gradForAccumulation();
      float[] db = b.gradForAccumulation();
      for (int i = 0; i < y.numel(); i++) {
        if (da != null) da[i] += y.gradData()[i];
        if (db != null) db[i] += y.gradData()[i];
      }
    }, a, b);
  }

  private static Tensor sum(Tensor x) {
    float s = 0;
    for (float v : x.data()) s += v;
    Tensor y = Tensor.scalar(s);
    return Autograd.record("sum", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dx.length; i++) dx[i] += y.gradData()[0];
    }, x);
  }

  @Test
  void diamondGraphAccumulatesBothPaths() {
    Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
    // L = sum(2x + 3x) = 5 * sum(x): x feeds two branches that meet again.
    Tensor loss = sum(add(scale(x, 2), scale(x, 3)));
    assertEquals(30f, loss.item());
    loss.backward();
    assertArrayEquals(new float[] {5, 5, 5}, x.gradData());
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
    sum(scale(x, 2)).backward();
    sum(scale(x, 2)).backward();
    assertArrayEquals(new float[] {4, 4}, x.gradData());
    x.zeroGrad();
    assertArrayEquals(new float[] {0, 0}, x.gradData());
  }

  @Test
  void intermediateGradientsAreReleased() {
    Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
    Tensor mid = scale(x, 2);
    sum(mid).backward();
    assertNull(mid.gradData());
  }

  @Test
  void noGradRecordsNothingAndNests() {
    Tensor x = Tensor.of(new float[] {1}, 1).requiresGrad(true);
    try (var outer = Autograd.noGrad()) {
      try (var inner = Autograd.noGrad()) {
        assertFalse(Autograd.isEnabled());
      }
      assertFalse(Autograd.isEnabled());
      assertFalse(scale(x, 2).requiresGrad());
    }
    assertTrue(Autograd.isEnabled());
    assertTrue(scale(x, 2).requiresGrad());
  }

  @Test
  void backwardWithoutAnyGradientIsAClearError() {
    Tensor x = Tensor.of(new float[] {1}, 1);
    var e = assertThrows(IllegalStateException.class, () -> sum(x).backward());
    assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
  }

  @Test
  void backwardOfNonScalarNeedsASeed() {
    Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
    Tensor y = scale(x, 3);
    assertThrows(IllegalStateException.class, y::backward);
    y.backward(Tensor.of(new float[] {1, 10}, 2));
    assertArrayEquals(new float[] {3, 30}, x.gradData());
  }

  @Test
  void deepChainDoesNotOverflowTheStack() {
    Tensor x = Tensor.of(new float[] {1}, 1).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 50_000; i++) y = scale(y, 1f);
    sum(y).backward();
    assertArrayEquals(new float[] {1}, x.gradData());
  }
}
