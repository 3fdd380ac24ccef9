package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/** Each optimizer's update recomputed by hand (in double) over two steps, so state handling is covered too. */
class OptimizerTest {

  private static Tensor param(float... values) {
    return Tensor.of(values.clone(), values.length).requiresGrad(true);
  }

  private static void setGrad(Tensor p, float... g) {
    float[] buf = p.gradForAccumulation();
    System.arraycopy(g, 0, buf, 0, g.length);
  }

  @Test
  void sgdWithMomentumAndWeightDecayMatchesHandComputation() {
    Tensor p = param(1f, -2f);
    SGD sgd = new SGD(List.of(p), 0.1f, 0.9f, false, 0.01f);
    setGrad(p, 0.5f, 1f);
    sgd.step();
    // step 1: g = grad + 0.01 p = (0.51, 0.98); v = g; p = p - 0.1 v
    double p0 = 1 - 0.1 * 0.51, p1 = -2 - 0.1 * 0.98;
    assertArrayEquals(new float[] {(float) p0, (float) p1}, p.data(), 1e-6f);
    setGrad(p, -1f, 2f);
    sgd.step();
    // step 2: g = grad + 0.01 p; v = 0.9 v + g
    double g0 = -1 + 0.01 * p0, g1 = 2 + 0.01 * p1;
    double v0 = 0.9 * 0.51 + g0, v1 = 0.9 * 0.98 + g1;
    assertArrayEquals(new float[] {(float) (p0 - 0.1 * v0), (float) (p1 - 0.1 * v1)}, p.data(), 1e-6f);
  }

  @Test
  void sgdNesterovUsesLookAhead() {
    Tensor p = param(1f);
    SGD sgd = new SGD(List.of(p), 0.1f, 0.5f, true, 0f);
    setGrad(p, 2f);
    sgd.step(); // v = 2, d = 2 + 0.5*2 = 3
    assertEquals(1 - 0.3, p.data()[0], 1e-6);
    setGrad(p, 1f);
    sgd.step(); // v = 0.5*2 + 1 = 2, d = 1 + 0.5*2 = 2
    assertEquals(0.7 - 0.2, p.data()[0], 1e-6);
  }

  @Test
  void adamMatchesHandComputationOverTwoSteps() {
    Tensor p = param(0.5f);
    Adam adam = new Adam(List.of(p), 0.01f);
    double b1 = 0.9, b2 = 0.999, eps = 1e-8, w = 0.5, m = 0, v = 0;
    float[] grads = {0.2f, -0.7f};
    for (int t = 1; t <= 2; t++) {
      setGrad(p, grads[t - 1]);
      adam.step();
      double g = grads[t - 1];
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      w -= 0.01 * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(v / (1 - Math.pow(b2, t))) + eps);
      assertEquals(w, p.data()[0], 1e-6, "step " + t);
    }
  }

  @Test
  void adamWDecaysWeightsOutsideTheMoments() {
    Tensor p = param(2f);
    Adam adamW = new Adam(List.of(p), 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, true);
    setGrad(p, 0f);
    adamW.step();
    // zero gradient: moments stay 0, only the decoupled decay acts: p = 2 - 0.1 * 0.5 * 2
    assertEquals(1.9f, p.data()[0], 1e-6f);
    Tensor q = param(2f);
    Adam coupled = new Adam(List.of(q), 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, false);
    setGrad(q, 0f);
    coupled.step();
    // coupled: g = 0.5 * 2 = 1 enters the moments, the first Adam step moves by lr * sign(g)
    assertEquals(1.9f, q.data()[0], 1e-5f);
  }

  @Test
  void parametersWithoutGradientsAreLeftAlone() {
    Tensor p = param(1f), q = param(3f);
    SGD sgd = new SGD(List.of(p, q), 0.5f);
    setGrad(p, 1f);
    sgd.step();
    assertEquals(0.5f, p.data()[0]);
    assertEquals(3f, q.data()[0]);
  }

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
  void clipGradNormLeavesSmallGradientsAndFlagsNonFinite() {
    Tensor p = param(0f);
    setGrad(p, 0.5f);
    assertEquals(0.5, GradClip.clipGradNorm(List.of(p), 1.0), 1e-9);
    assertEquals(0.5f, p.gradData()[0]);
    setGrad(p, Float.NaN);
    assertTrue(Double.isNaN(GradClip.clipGradNorm(List.of(p), 1.0)));
  }

  @Test
  void clipGradValueClamps() {
    Tensor p = param(0f, 0f, 0f);
    setGrad(p, -5f, 0.1f, 7f);
    GradClip.clipGradValue(List.of(p), 1f);
    assertArrayEquals(new float[] {-1f, 0.1f, 1f}, p.gradData());
  }

  @Test
  void rejectsBadHyperparameters() {
    Tensor p = param(1f);
    var e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -1f));
    assertTrue(e.getMessage().contains("learning rate must be > 0, got -1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1f, 1f, 0.9f, 1e-8f, 0f, false));
    assertTrue(e.getMessage().contains("beta1 must be in [0, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), 0.1f, 0f, true, 0f));
    assertTrue(e.getMessage().contains("Nesterov"), e.getMessage());
  }
}
