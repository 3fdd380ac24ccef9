package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class ActivationOpsTest {
  private final Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0f, 0.5f, 3f}, 5);

  @Test
  void forwardValuesMatchTheMathDefinitions() {
    float[] xs = x.data();
    float[] tanh = new float[5];
    float[] sigmoid = new float[5];
    float[] exp = new float[5];
    for (int i = 0; i < 5; i++) {
      tanh[i] = (float) Math.tanh(xs[i]);
      sigmoid[i] = (float) (1 / (1 + Math.exp(-xs[i])));
      exp[i] = (float) Math.exp(xs[i]);
    }
    assertValues(tanh, Ops.tanh(x), 1e-6f);
    assertValues(sigmoid, Ops.sigmoid(x), 1e-6f);
    assertValues(exp, Ops.exp(x), 1e-5f);
    assertValues(new float[] {0, 0, 0, 0.5f, 3}, Ops.relu(x), 0f);
    assertValues(new float[] {4, 0.25f, 0, 0.25f, 9}, Ops.square(x), 0f);
  }

  @Test
  void logInvertsExpAndFollowsPyTorchAtZero() {
    Tensor y = Ops.log(Tensor.of(new float[] {1f, (float) Math.E, 0f, 0.25f}, 4));
    assertEquals(0f, y.data()[0], 0f);
    assertEquals(1f, y.data()[1], 1e-6f);
    assertEquals(Float.NEGATIVE_INFINITY, y.data()[2]);
    assertEquals((float) Math.log(0.25), y.data()[3], 1e-6f);
  }

  @Test
  void smoothActivationsBackwardMatchesFiniteDifferences() {
    Tensor z = param(1, -2f, 2f, 3, 5, 7);
    GradCheck.create().check("tanh/sigmoid/exp/square",
        () -> new Tensor[] {Ops.tanh(z), Ops.sigmoid(z), Ops.exp(z), Ops.square(z)}, z);
  }

  @Test
  void reluBackwardMatchesFiniteDifferencesAwayFromZero() {
    Tensor z = param(2, 0.1f, 1f, 3, 5, 7);
    Tensor sign = Tensor.zeros(3, 5, 7);
    for (int i = 0; i < sign.numel(); i++) sign.data()[i] = i % 3 == 0 ? -1f : 1f;
    // |z| >= 0.1 and eps 5e-3, so no finite difference straddles the kink.
    GradCheck.create().check("relu", () -> new Tensor[] {Ops.relu(Ops.mul(z, sign))}, z);
  }

  @Test
  void reluPassesGradientOnlyWherePositive() {
    Tensor z = Tensor.of(new float[] {-1, 2, -3, 4}, 4).requiresGrad(true);
    Ops.sum(Ops.relu(z)).backward();
    assertValues(new float[] {0, 1, 0, 1}, z.grad(), 0f);
  }

  @Test
  void logBackwardMatchesFiniteDifferencesOnPositiveInputs() {
    Tensor z = param(3, 0.5f, 2f, 3, 5, 7);
    GradCheck.create().check("log", () -> new Tensor[] {Ops.log(z)}, z);
  }
}
