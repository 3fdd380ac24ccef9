package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.recurrent.tensor.Tensor;

/** Test fixtures: parameters with hand-set gradients, and the relative comparison used against hand computation. */
final class Grads {
  private Grads() {}

  static Tensor param(float... values) {
    return Tensor.of(values.clone(), values.length).requiresGrad(true);
  }

  static void setGrad(Tensor p, float... g) {
    float[] buf = p.gradForAccumulation();
    System.arraycopy(g, 0, buf, 0, g.length);
  }

  /** |actual - expected| <= 1e-6 |expected|, per entry: float32 work against a double hand computation. */
  static void assertRel(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6 * Math.abs(expected[i]), what + ", entry " + i);
    }
  }
}
