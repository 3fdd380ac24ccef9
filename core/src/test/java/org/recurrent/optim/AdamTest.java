package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.optim.Grads.assertRel;
import static org.recurrent.optim.Grads.param;
import static org.recurrent.optim.Grads.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/** Adam and AdamW recomputed by hand (in double) over two steps from PyTorch's documented algorithm. */
class AdamTest {
  private static final float[][] GRADS = {{0.2f, -0.7f}, {-0.4f, 0.3f}};

  /** torch.optim.Adam / AdamW's documented algorithm in double; returns θ after each step. */
  private static double[][] reference(double[] theta0, double lr, double b1, double b2, double eps, double wd,
                                      boolean decoupled) {
    int n = theta0.length;
    double[] theta = theta0.clone(), m = new double[n], v = new double[n];
    double[][] out = new double[GRADS.length][];
    for (int t = 1; t <= GRADS.length; t++) {
      for (int i = 0; i < n; i++) {
        double g = GRADS[t - 1][i];
        if (decoupled) theta[i] -= lr * wd * theta[i];
        else g += wd * theta[i];
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double mHat = m[i] / (1 - Math.pow(b1, t)), vHat = v[i] / (1 - Math.pow(b2, t));
        theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
      }
      out[t - 1] = theta.clone();
    }
    return out;
  }

  private static void checkTwoSteps(Adam adam, Tensor p, double[][] expected) {
    for (int t = 1; t <= 2; t++) {
      setGrad(p, GRADS[t - 1]);
      adam.step();
      assertRel(expected[t - 1], p.data(), "step " + t);
    }
  }

  @Test
  void adamMatchesHandComputationOverTwoSteps() {
    Tensor p = param(0.5f, -1.5f);
    checkTwoSteps(new Adam(List.of(p), 0.01f), p, reference(new double[] {0.5, -1.5}, 0.01, 0.9, 0.999, 1e-8, 0, false));
  }

  @Test
  void adamWithCoupledWeightDecayMatchesHandComputation() {
    Tensor p = param(0.5f, -1.5f);
    Adam adam = new Adam(List.of(p), 0.01f, 0.5f, 0.75f, 0.125f, 0.25f, false);
    checkTwoSteps(adam, p, reference(new double[] {0.5, -1.5}, 0.01, 0.5, 0.75, 0.125, 0.25, false));
  }

  @Test
  void adamWMatchesHandComputationOverTwoSteps() {
    Tensor p = param(0.5f, -1.5f);
    Adam adamW = new Adam(List.of(p), 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, true);
    checkTwoSteps(adamW, p, reference(new double[] {0.5, -1.5}, 0.01, 0.9, 0.999, 1e-8, 0.1, true));
  }

  @Test
  void adamWFactoryHasPyTorchDefaults() {
    Tensor p = param(0.5f, -1.5f);
    Adam adamW = Adam.adamW(List.of(p), 0.01f);
    checkTwoSteps(adamW, p, reference(new double[] {0.5, -1.5}, 0.01, 0.9, 0.999, 1e-8, 1e-2, true));
    assertEquals("AdamW", adamW.kind());
  }

  @Test
  void adamWDecaysWeightsOutsideTheMoments() {
    Tensor p = param(2f);
    Adam adamW = new Adam(List.of(p), 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, true);
    setGrad(p, 0f);
    adamW.step();
    // zero gradient: moments stay 0, only the decoupled decay acts: p = 2 - 0.1 * 0.5 * 2
    assertEquals(1.9f, p.data()[0], 1e-6f);
  }

  @Test
  void biasCorrectionCountsEachParametersOwnUpdates() {
    Tensor p = param(1f), q = param(1f);
    Adam adam = new Adam(List.of(p, q), 0.01f);
    setGrad(p, 0.5f);
    adam.step(); // q has no gradient yet: PyTorch creates no state for it and does not count the step
    setGrad(q, 0.5f);
    adam.step();
    // q's first update has t = 1: m̂ = g, v̂ = g², so it moves by lr * g / (|g| + eps) = 0.01 (not 0.0074 as with t = 2)
    assertEquals(1 - 0.01, q.data()[0], 1e-6);
    var state = adam.stateDict();
    assertEquals(2f, state.get("0.step").data()[1]);
    assertEquals(1f, state.get("1.step").data()[1]);
    assertEquals(2f, state.get("step").data()[1]);
  }

  @Test
  void stateHasPyTorchBufferNames() {
    Tensor p = param(1f, 2f);
    Adam adam = new Adam(List.of(p), 0.01f);
    setGrad(p, 0.5f, -0.5f);
    adam.step();
    assertEquals(List.of("kind", "step", "lr", "0.exp_avg", "0.exp_avg_sq", "0.step"),
        List.copyOf(adam.stateDict().keySet()));
  }

  @Test
  void rejectsBadHyperparameters() {
    Tensor p = param(1f);
    var e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1f, 1f, 0.9f, 1e-8f, 0f, false));
    assertTrue(e.getMessage().contains("beta1 must be in [0, 1), got 1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1f, 0.9f, 0.9f, 0f, 0f, false));
    assertEquals("eps must be > 0, got 0.0", e.getMessage());
  }

  /** torch.optim.Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0); AdamW's weight_decay=1e-2. */
  @Test
  void defaultsArePyTorchs() {
    assertEquals(1e-3f, Adam.DEFAULT_LR);
    assertEquals(0.9f, Adam.DEFAULT_BETA1);
    assertEquals(0.999f, Adam.DEFAULT_BETA2);
    assertEquals(1e-8f, Adam.DEFAULT_EPS);
    assertEquals(0f, Adam.DEFAULT_WEIGHT_DECAY);
    assertEquals(1e-2f, Adam.DEFAULT_ADAMW_WEIGHT_DECAY);
  }
}
