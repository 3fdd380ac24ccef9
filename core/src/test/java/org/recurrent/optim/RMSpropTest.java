package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.optim.Grads.assertRel;
import static org.recurrent.optim.Grads.param;
import static org.recurrent.optim.Grads.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/** RMSprop recomputed by hand (in double) over two steps from PyTorch's documented algorithm, per option. */
class RMSpropTest {
  private static final float[][] GRADS = {{0.2f, -0.7f, 1.5f}, {-0.4f, 0.3f, 1.25f}};
  private static final double[] THETA0 = {0.5, -1.5, 2};

  /** torch.optim.RMSprop's documented algorithm in double; returns θ after each step. */
  private static double[][] reference(double lr, double alpha, double eps, double wd, double mu, boolean centered) {
    int n = THETA0.length;
    double[] theta = THETA0.clone(), v = new double[n], b = new double[n], gAve = new double[n];
    double[][] out = new double[GRADS.length][];
    for (int t = 1; t <= GRADS.length; t++) {
      for (int i = 0; i < n; i++) {
        double g = GRADS[t - 1][i];
        if (wd != 0) g += wd * theta[i];
        v[i] = alpha * v[i] + (1 - alpha) * g * g;
        double vTilde = v[i];
        if (centered) {
          gAve[i] = alpha * gAve[i] + (1 - alpha) * g;
          vTilde -= gAve[i] * gAve[i];
        }
        if (mu > 0) {
          b[i] = mu * b[i] + g / (Math.sqrt(vTilde) + eps);
          theta[i] -= lr * b[i];
        } else {
          theta[i] -= lr * g / (Math.sqrt(vTilde) + eps);
        }
      }
      out[t - 1] = theta.clone();
    }
    return out;
  }

  private static void checkTwoSteps(RMSprop opt, Tensor p, double[][] expected) {
    for (int t = 1; t <= 2; t++) {
      setGrad(p, GRADS[t - 1]);
      opt.step();
      assertRel(expected[t - 1], p.data(), "step " + t);
    }
  }

  private static Tensor theta() {
    return param(0.5f, -1.5f, 2f);
  }

  @Test
  void plainMatchesHandComputationWithPyTorchDefaults() {
    Tensor p = theta();
    checkTwoSteps(new RMSprop(List.of(p), 0.01f), p, reference(0.01, 0.99, 1e-8, 0, 0, false));
  }

  @Test
  void momentumMatchesHandComputation() {
    Tensor p = theta();
    checkTwoSteps(new RMSprop(List.of(p), 0.01f, 0.99f, 1e-8f, 0f, 0.9f, false), p,
        reference(0.01, 0.99, 1e-8, 0, 0.9, false));
  }

  @Test
  void centeredMatchesHandComputation() {
    Tensor p = theta();
    checkTwoSteps(new RMSprop(List.of(p), 0.01f, 0.5f, 1e-8f, 0f, 0f, true), p,
        reference(0.01, 0.5, 1e-8, 0, 0, true));
  }

  @Test
  void weightDecayMatchesHandComputation() {
    Tensor p = theta();
    checkTwoSteps(new RMSprop(List.of(p), 0.01f, 0.99f, 1e-8f, 0.25f, 0f, false), p,
        reference(0.01, 0.99, 1e-8, 0.25, 0, false));
  }

  @Test
  void allOptionsTogetherMatchHandComputation() {
    Tensor p = theta();
    checkTwoSteps(new RMSprop(List.of(p), 0.01f, 0.75f, 0.125f, 0.25f, 0.5f, true), p,
        reference(0.01, 0.75, 0.125, 0.25, 0.5, true));
  }

  @Test
  void epsIsAddedToTheSquareRootNotUnderIt() {
    Tensor p = param(1f);
    RMSprop opt = new RMSprop(List.of(p), 0.1f, 0.5f, 0.25f, 0f, 0f, false);
    setGrad(p, 1f);
    opt.step();
    // v = 0.5 * 1 = 0.5; PyTorch: 1 - 0.1 / (sqrt(0.5) + 0.25) = 0.895469; eps under the root would give 0.891201
    double expected = 1 - 0.1 / (Math.sqrt(0.5) + 0.25);
    assertEquals(expected, p.data()[0], 1e-6);
    assertNotEquals(1 - 0.1 / Math.sqrt(0.5 + 0.25), p.data()[0], 1e-3);
  }

  @Test
  void stateHasBuffersForTheChosenOptionsOnly() {
    Tensor p = param(1f);
    RMSprop opt = new RMSprop(List.of(p), 0.1f, 0.99f, 1e-8f, 0f, 0.9f, true);
    setGrad(p, 1f);
    opt.step();
    assertEquals(List.of("kind", "step", "lr", "0.square_avg", "0.momentum_buffer", "0.grad_avg", "0.step"),
        List.copyOf(opt.stateDict().keySet()));
    Tensor q = param(1f);
    RMSprop plain = new RMSprop(List.of(q), 0.1f);
    setGrad(q, 1f);
    plain.step();
    assertEquals(List.of("kind", "step", "lr", "0.square_avg", "0.step"), List.copyOf(plain.stateDict().keySet()));
  }

  @Test
  void rejectsBadHyperparameters() {
    Tensor p = param(1f);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new RMSprop(List.of(p), 0.01f, 1.5f, 1e-8f, 0f, 0f, false));
    assertEquals("alpha must be in [0, 1], got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RMSprop(List.of(p), 0.01f, 0.99f, 1e-8f, 0f, -1f, false));
    assertEquals("momentum must be >= 0, got -1.0", e.getMessage());
  }

  /** torch.optim.RMSprop(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False). */
  @Test
  void defaultsArePyTorchs() {
    assertEquals(1e-2f, RMSprop.DEFAULT_LR);
    assertEquals(0.99f, RMSprop.DEFAULT_ALPHA);
    assertEquals(1e-8f, RMSprop.DEFAULT_EPS);
    assertEquals(0f, RMSprop.DEFAULT_WEIGHT_DECAY);
    assertEquals(0f, RMSprop.DEFAULT_MOMENTUM);
    assertEquals(false, RMSprop.DEFAULT_CENTERED);
  }
}
