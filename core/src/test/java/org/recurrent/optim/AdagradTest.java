package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.optim.Grads.assertRel;
import static org.recurrent.optim.Grads.param;
import static org.recurrent.optim.Grads.setGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/** Adagrad recomputed by hand (in double) over two steps from PyTorch's documented algorithm. */
class AdagradTest {
  private static final float[][] GRADS = {{0.2f, -0.7f, 1.5f}, {-0.4f, 0.3f, 1.25f}};
  private static final double[] THETA0 = {0.5, -1.5, 2};

  /** torch.optim.Adagrad's documented algorithm in double; returns θ after each step. */
  private static double[][] reference(double lr, double lrDecay, double wd, double tau, double eps) {
    int n = THETA0.length;
    double[] theta = THETA0.clone(), sum = new double[n];
    java.util.Arrays.fill(sum, tau);
    double[][] out = new double[GRADS.length][];
    for (int t = 1; t <= GRADS.length; t++) {
      double clr = lr / (1 + (t - 1) * lrDecay);
      for (int i = 0; i < n; i++) {
        double g = GRADS[t - 1][i];
        if (wd != 0) g += wd * theta[i];
        sum[i] += g * g;
        theta[i] -= clr * g / (Math.sqrt(sum[i]) + eps);
      }
      out[t - 1] = theta.clone();
    }
    return out;
  }

  private static void checkTwoSteps(Adagrad opt, Tensor p, double[][] expected) {
    for (int t = 1; t <= 2; t++) {
      setGrad(p, GRADS[t - 1]);
      opt.step();
      assertRel(expected[t - 1], p.data(), "step " + t);
    }
  }

  @Test
  void defaultsMatchHandComputation() {
    Tensor p = param(0.5f, -1.5f, 2f);
    checkTwoSteps(new Adagrad(List.of(p), 0.1f), p, reference(0.1, 0, 0, 0, 1e-10));
  }

  @Test
  void lrDecayAndWeightDecayMatchHandComputation() {
    Tensor p = param(0.5f, -1.5f, 2f);
    checkTwoSteps(new Adagrad(List.of(p), 0.1f, 0.5f, 0.25f, 0f, 1e-10f), p, reference(0.1, 0.5, 0.25, 0, 1e-10));
  }

  @Test
  void initialAccumulatorAndLargeEpsMatchHandComputation() {
    // eps 0.125 makes sqrt(sum) + eps and sqrt(sum + eps) differ well above the tolerance
    Tensor p = param(0.5f, -1.5f, 2f);
    checkTwoSteps(new Adagrad(List.of(p), 0.1f, 0.5f, 0.25f, 0.75f, 0.125f), p, reference(0.1, 0.5, 0.25, 0.75, 0.125));
  }

  @Test
  void stateExistsFromConstructionAsInPyTorch() {
    Tensor p = param(1f, 2f);
    var state = new Adagrad(List.of(p), 0.1f, 0f, 0f, 0.5f, 1e-10f).stateDict();
    assertEquals(List.of("kind", "step", "lr", "0.sum", "0.step"), List.copyOf(state.keySet()));
    assertArrayEquals(new float[] {0.5f, 0.5f}, state.get("0.sum").data());
    assertArrayEquals(new float[] {0f, 0f}, state.get("0.step").data());
  }

  @Test
  void rejectsBadHyperparameters() {
    Tensor p = param(1f);
    var e = assertThrows(IllegalArgumentException.class, () -> new Adagrad(List.of(p), 0.1f, -1f, 0f, 0f, 1e-10f));
    assertEquals("lrDecay must be >= 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Adagrad(List.of(p), 0.1f, 0f, 0f, -0.5f, 1e-10f));
    assertEquals("initialAccumulatorValue must be >= 0, got -0.5", e.getMessage());
  }

  /** torch.optim.Adagrad(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10). */
  @Test
  void defaultsArePyTorchs() {
    assertEquals(1e-2f, Adagrad.DEFAULT_LR);
    assertEquals(0f, Adagrad.DEFAULT_LR_DECAY);
    assertEquals(0f, Adagrad.DEFAULT_WEIGHT_DECAY);
    assertEquals(0f, Adagrad.DEFAULT_INITIAL_ACCUMULATOR_VALUE);
    assertEquals(1e-10f, Adagrad.DEFAULT_EPS);
  }
}
