package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class ReductionOpsTest {
  private final Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void sumAndMeanReduceEverythingToAScalar() {
    Tensor s = Ops.sum(x);
    assertEquals(0, s.dim());
    assertEquals(21f, s.item());
    assertEquals(3.5f, Ops.mean(x).item());
  }

  @Test
  void sumOverADimensionRemovesIt() {
    Tensor rows = Ops.sum(x, 0);
    assertArrayEquals(new int[] {3}, rows.shape());
    assertValues(new float[] {5, 7, 9}, rows, 0f);
    assertValues(new float[] {6, 15}, Ops.sum(x, 1), 0f);
    assertValues(new float[] {6, 15}, Ops.sum(x, -1), 0f);
  }

  @Test
  void sumOverMiddleDimensionOfThreeDimensionalTensor() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
    // y[p, q] = x[p, 0, q] + x[p, 1, q]
    assertValues(new float[] {4, 6, 12, 14}, Ops.sum(t, 1), 0f);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Tensor t = param(1, 3, 5, 7);
    GradCheck.create().check("sum/mean",
        () -> new Tensor[] {Ops.sum(t), Ops.mean(t), Ops.sum(t, 0), Ops.sum(t, 1), Ops.sum(t, 2)}, t);
  }

  @Test
  void meanGradientIsOneOverCount() {
    Tensor t = Tensor.zeros(4, 2).requiresGrad(true);
    Ops.mean(t).backward();
    assertValues(new float[] {0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f}, t.grad(), 0f);
  }

  @Test
  void rejectsDimensionOutOfRange() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.sum(x, 2));
    assertEquals("sum: dimension 2 is out of range for a 2-d tensor of shape (2, 3) (valid -2..1)", e.getMessage());
  }
}
