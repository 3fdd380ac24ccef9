package org.recurrent.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.testing.GradCheck;
import org.recurrent.tensor.Tensor;

class L1LossTest {

  @Test
  void meanOfAbsoluteDifferencesWithSignGradientAndZeroAtTheKink() {
    Tensor x = Tensor.of(new float[] {2, -1, 0.5f, 3}, 4).requiresGrad(true);
    Tensor y = Tensor.of(new float[] {0, 0, 0, 3}, 4);
    Tensor loss = new L1Loss().forward(x, y);
    assertEquals(3.5f / 4, loss.item(), 1e-7);
    loss.backward();
    assertArrayEquals(new float[] {0.25f, -0.25f, 0.25f, 0f}, x.gradData()); // sign(0) = 0, as PyTorch
  }

  @Test
  void backwardMatchesFiniteDifferencesAwayFromZero() {
    Random rng = new Random(3);
    Tensor x = Tensor.randn(rng, 1f, 4, 3).requiresGrad(true);
    Tensor y = x.copy();
    // |x - y| in [0.2, 1.2] with random sign: far from the kink compared with GradCheck's eps of 5e-3
    for (int i = 0; i < y.numel(); i++) {
      y.data()[i] += (rng.nextBoolean() ? 1 : -1) * (0.2f + rng.nextFloat());
    }
    y.requiresGrad(true);
    float[] mask = {1, 0.5f, 0, 1, 1, 1, 2, 1, 0, 1, 1, 1};
    for (Reduction r : Reduction.values()) {
      L1Loss l1 = new L1Loss(r);
      GradCheck.create().check("l1 " + r, () -> new Tensor[] {l1.forward(x, y, mask)}, x, y);
    }
  }
}
