package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.recurrent.tensor.Tensor;

/** Small inputs for the op tests. */
final class Fixtures {
  private Fixtures() {}

  /** Uniform in [-1, 1), requiring a gradient. */
  static Tensor param(long seed, int... shape) {
    return Tensor.uniform(new Random(seed), -1f, 1f, shape).requiresGrad(true);
  }

  /** Uniform in [lo, hi), requiring a gradient. */
  static Tensor param(long seed, float lo, float hi, int... shape) {
    return Tensor.uniform(new Random(seed), lo, hi, shape).requiresGrad(true);
  }

  static void assertValues(float[] expected, Tensor actual, float tol) {
    assertEquals(expected.length, actual.numel(), "element count of " + actual.shapeString());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual.data()[i], tol, "element " + i + " of " + actual.shapeString());
    }
  }
}
