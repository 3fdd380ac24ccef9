package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class PoolingOpsTest {
  // (T=3, B=2, F=2): x[t, b] = (10t + b, -(10t + b))
  private final Tensor x = Tensor.of(new float[] {0, 0, 1, -1, 10, -10, 11, -11, 20, -20, 21, -21}, 3, 2, 2);

  @Test
  void maskedMeanAveragesOnlyTheValidSteps() {
    Tensor y = Ops.maskedMean(x, new int[] {2, 3});
    assertArrayEquals(new int[] {2, 2}, y.shape());
    // b=0: mean(0, 10) = 5; b=1: mean(1, 11, 21) = 11
    assertValues(new float[] {5, -5, 11, -11}, y, 1e-6f);
  }

  @Test
  void lastStepPicksTheFinalValidStep() {
    assertValues(new float[] {0, 0, 21, -21}, Ops.lastStep(x, new int[] {1, 3}), 0f);
    assertValues(new float[] {10, -10, 11, -11}, Ops.lastStep(x, new int[] {2, 2}), 0f);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Tensor t = param(1, 5, 3, 7);                                                            // (T, B, F)
    int[] lengths = {5, 1, 3};
    GradCheck.create().check("maskedMean/lastStep",
        () -> new Tensor[] {Ops.maskedMean(t, lengths), Ops.lastStep(t, lengths)}, t);
  }

  @Test
  void paddingStepsReceiveNoGradient() {
    Tensor t = param(2, 3, 2, 1).requiresGrad(true);
    Ops.sum(Ops.maskedMean(t, new int[] {1, 2})).backward();
    // (t, b) order: (0,0) (0,1) (1,0) (1,1) (2,0) (2,1)
    assertValues(new float[] {1, 0.5f, 0, 0.5f, 0, 0}, t.grad(), 0f);
  }

  @Test
  void rejectsLengthsOutsideOneToT() {
    var zero = assertThrows(IllegalArgumentException.class, () -> Ops.maskedMean(x, new int[] {0, 2}));
    assertEquals("maskedMean: lengths[0] = 0 is outside [1, T=3] for input (3, 2, 2)", zero.getMessage());
    var big = assertThrows(IllegalArgumentException.class, () -> Ops.lastStep(x, new int[] {2, 4}));
    assertEquals("lastStep: lengths[1] = 4 is outside [1, T=3] for input (3, 2, 2)", big.getMessage());
  }

  @Test
  void rejectsWrongLengthCountAndNonSequenceInput() {
    var count = assertThrows(IllegalArgumentException.class, () -> Ops.lastStep(x, new int[] {1}));
    assertEquals("lastStep: need one length per sequence, B=2 for input (3, 2, 2), got 1", count.getMessage());
    var dims = assertThrows(IllegalArgumentException.class, () -> Ops.maskedMean(Tensor.zeros(3, 2), new int[] {1, 1}));
    assertEquals("maskedMean: input must be time-major (T, B, F), got (3, 2)", dims.getMessage());
  }
}
