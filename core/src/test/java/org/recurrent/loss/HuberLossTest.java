package org.recurrent.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.testing.GradCheck;
import org.recurrent.tensor.Tensor;

class HuberLossTest {

  @Test
  void quadraticInsideDeltaLinearOutsideAndNotSmoothL1() {
    // delta = 2: d = 1 -> 0.5 (SmoothL1 would give 0.25); d = -3 -> 2 (3 - 1) = 4
    Tensor x = Tensor.of(new float[] {1, -3}, 2).requiresGrad(true);
    Tensor l = new HuberLoss(2, Reduction.NONE).forward(x, Tensor.zeros(2));
    assertArrayEquals(new float[] {0.5f, 4f}, l.data(), 1e-7f);
    l.backward(Tensor.ones(2));
    assertArrayEquals(new float[] {1f, -2f}, x.gradData()); // clamp(d, -delta, delta)
  }

  @Test
  void backwardMatchesFiniteDifferencesOnBothSidesOfDelta() {
    double delta = 0.8;
    Random rng = new Random(5);
    Tensor x = Tensor.randn(rng, 1f, 5, 4).requiresGrad(true);
    Tensor y = x.copy();
    // even elements well inside delta (|d| <= 0.6), odd ones well outside (|d| >= 1.0): eps 5e-3 never crosses
    for (int i = 0; i < y.numel(); i++) {
      float size = i % 2 == 0 ? 0.05f + 0.55f * rng.nextFloat() : 1.0f + 2 * rng.nextFloat();
      y.data()[i] += (rng.nextBoolean() ? 1 : -1) * size;
    }
    y.requiresGrad(true);
    float[] rowMask = {1, 0, 1, 0.5f, 1};
    for (Reduction r : Reduction.values()) {
      HuberLoss huber = new HuberLoss(delta, r);
      GradCheck.create().check("huber " + r, () -> new Tensor[] {huber.forward(x, y)}, x, y);
      GradCheck.create().check("huber row mask " + r, () -> new Tensor[] {huber.forward(x, y, rowMask)}, x, y);
    }
  }

  @Test
  void rejectsNonPositiveDelta() {
    var e = assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0));
    assertEquals("HuberLoss: delta must be finite and > 0, got 0.0", e.getMessage());
  }
}
