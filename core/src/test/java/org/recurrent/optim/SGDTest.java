package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.optim.Grads.assertRel;
import static org.recurrent.optim.Grads.param;
import static org.recurrent.optim.Grads.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/** SGD's update recomputed by hand (in double) over two steps, so the momentum buffer's first step is covered. */
class SGDTest {
  private static final float[][] GRADS = {{0.5f, 1f}, {-1f, 2f}};

  /** torch.optim.SGD's documented algorithm with dampening 0, in double; returns θ after each step. */
  private static double[][] reference(double[] theta0, double lr, double mu, boolean nesterov, double wd) {
    double[] theta = theta0.clone(), b = null;
    double[][] out = new double[GRADS.length][];
    for (int t = 1; t <= GRADS.length; t++) {
      double[] g = new double[theta.length];
      for (int i = 0; i < g.length; i++) g[i] = GRADS[t - 1][i] + wd * theta[i];
      if (mu != 0) {
        if (b == null) b = g.clone();
        else for (int i = 0; i < g.length; i++) b[i] = mu * b[i] + g[i];
        for (int i = 0; i < g.length; i++) g[i] = nesterov ? g[i] + mu * b[i] : b[i];
      }
      for (int i = 0; i < g.length; i++) theta[i] -= lr * g[i];
      out[t - 1] = theta.clone();
    }
    return out;
  }

  private static void checkTwoSteps(float lr, float mu, boolean nesterov, float wd) {
    Tensor p = param(1f, -2f);
    SGD sgd = new SGD(List.of(p), lr, mu, nesterov, wd);
    double[][] expected = reference(new double[] {1, -2}, lr, mu, nesterov, wd);
    for (int t = 1; t <= 2; t++) {
      setGrad(p, GRADS[t - 1]);
      sgd.step();
      assertRel(expected[t - 1], p.data(), "step " + t);
    }
  }

  @Test
  void plainSgdWithWeightDecayMatchesHandComputation() {
    checkTwoSteps(0.1f, 0f, false, 0.01f);
  }

  @Test
  void momentumWithWeightDecayMatchesHandComputation() {
    checkTwoSteps(0.1f, 0.9f, false, 0.01f);
  }

  @Test
  void nesterovWithWeightDecayMatchesHandComputation() {
    checkTwoSteps(0.1f, 0.9f, true, 0.01f);
  }

  @Test
  void nesterovUsesLookAhead() {
    Tensor p = param(1f);
    SGD sgd = new SGD(List.of(p), 0.1f, 0.5f, true, 0f);
    setGrad(p, 2f);
    sgd.step(); // b = 2 (first step: the gradient itself), d = 2 + 0.5*2 = 3
    assertEquals(1 - 0.3, p.data()[0], 1e-6);
    setGrad(p, 1f);
    sgd.step(); // b = 0.5*2 + 1 = 2, d = 1 + 0.5*2 = 2
    assertEquals(0.7 - 0.2, p.data()[0], 1e-6);
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
  void stateHasMomentumBufferOnlyWithMomentumAndAfterAGradient() {
    Tensor p = param(1f), q = param(2f);
    SGD sgd = new SGD(List.of(p, q), 0.1f, 0.9f, false, 0f);
    assertEquals(List.of("kind", "step", "lr"), List.copyOf(sgd.stateDict().keySet()));
    setGrad(p, 1f);
    sgd.step();
    var state = sgd.stateDict();
    assertTrue(state.containsKey("0.momentum_buffer"));
    assertFalse(state.containsKey("1.momentum_buffer"));
    assertEquals(1f, state.get("0.momentum_buffer").data()[0]);
    Tensor r = param(1f);
    SGD plain = new SGD(List.of(r), 0.1f);
    setGrad(r, 1f);
    plain.step();
    assertEquals(List.of("kind", "step", "lr"), List.copyOf(plain.stateDict().keySet()));
  }

  @Test
  void rejectsBadHyperparameters() {
    Tensor p = param(1f);
    var e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -1f));
    assertEquals("learning rate must be > 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), 0.1f, 0f, true, 0f));
    assertEquals("Nesterov momentum needs momentum > 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), 0.1f, -0.5f, false, 0f));
    assertEquals("momentum must be >= 0, got -0.5", e.getMessage());
  }

  /** torch.optim.SGD(lr=1e-3, momentum=0, nesterov=False, weight_decay=0) (lr has a default since PyTorch 2.2). */
  @Test
  void defaultsArePyTorchs() {
    assertEquals(1e-3f, SGD.DEFAULT_LR);
    assertEquals(0f, SGD.DEFAULT_MOMENTUM);
    assertEquals(false, SGD.DEFAULT_NESTEROV);
    assertEquals(0f, SGD.DEFAULT_WEIGHT_DECAY);
  }
}
