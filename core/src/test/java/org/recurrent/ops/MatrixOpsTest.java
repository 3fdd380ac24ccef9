package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class MatrixOpsTest {

  @Test
  void matmulForwardMatchesHandComputedProduct() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor b = Tensor.of(new float[] {1, 0, 0, 1, 2, -1}, 3, 2);
    // row 0: (1 + 6, 2 - 3); row 1: (4 + 12, 5 - 6)
    assertValues(new float[] {7, -1, 16, -1}, Ops.matmul(a, b), 0f);
  }

  @Test
  void matmulFlattensLeadingDimensionsOfTheLeftOperand() {
    Tensor a = param(1, 3, 5, 7);
    Tensor b = param(2, 7, 4);
    Tensor y = Ops.matmul(a, b);
    assertArrayEquals(new int[] {3, 5, 4}, y.shape());
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        for (int n = 0; n < 4; n++) {
          double s = 0;
          for (int k = 0; k < 7; k++) s += a.get(i, j, k) * b.get(k, n);
          assertEquals(s, y.get(i, j, n), 1e-5);
        }
      }
    }
  }

  @Test
  void matmulBackwardMatchesFiniteDifferences() {
    Tensor a = param(3, 3, 5, 7);
    Tensor b = param(4, 7, 6);
    GradCheck.create().check("matmul", () -> new Tensor[] {Ops.matmul(a, b)}, a, b);
  }

  @Test
  void matmulRejectsMismatchedInnerDimension() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ops.matmul(Tensor.zeros(2, 4), Tensor.zeros(3, 5)));
    assertEquals("matmul: second operand must be (K, N) with K = 4 (the first operand's last dimension, "
        + "shape (2, 4)), got (3, 5)", e.getMessage());
  }

  @Test
  void linearForwardMatchesHandComputedAffineMap() {
    Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
    Tensor w = Tensor.of(new float[] {1, 1, 2, -1, 0, 3}, 3, 2);
    Tensor b = Tensor.of(new float[] {0.5f, -1, 10}, 3);
    // y = x W^T + b = (1+2, 2-2, 0+6) + b
    assertValues(new float[] {3.5f, -1, 16}, Ops.linear(x, w, b), 0f);
    assertValues(new float[] {3, 0, 6}, Ops.linear(x, w, null), 0f);
  }

  @Test
  void linearBackwardMatchesFiniteDifferencesWithBias() {
    Tensor x = param(5, 3, 5, 7);
    Tensor w = param(6, 6, 7);
    Tensor b = param(7, 6);
    GradCheck.create().check("linear", () -> new Tensor[] {Ops.linear(x, w, b)}, x, w, b);
  }

  @Test
  void linearBackwardMatchesFiniteDifferencesWithoutBias() {
    Tensor x = param(8, 5, 7);
    Tensor w = param(9, 3, 7);
    GradCheck.create().check("linear no bias", () -> new Tensor[] {Ops.linear(x, w, null)}, x, w);
  }

  @Test
  void linearRejectsInputWithWrongFeatureCount() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ops.linear(Tensor.zeros(2, 4), Tensor.zeros(3, 5), null));
    assertEquals("linear: input last dimension must be 5 (weight is (3, 5)), got (2, 4)", e.getMessage());
  }

  @Test
  void linearRejectsBiasOfWrongLength() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ops.linear(Tensor.zeros(2, 5), Tensor.zeros(3, 5), Tensor.zeros(5)));
    assertEquals("linear: bias must be (3) to match weight (3, 5), got (5)", e.getMessage());
  }

  @Test
  void bmmMultipliesEachBatchEntrySeparately() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 1, 2);
    Tensor b = Tensor.of(new float[] {1, 1, 2, -1}, 2, 2, 1);
    // batch 0: 1*1 + 2*1 = 3; batch 1: 3*2 + 4*(-1) = 2
    Tensor y = Ops.bmm(a, b);
    assertArrayEquals(new int[] {2, 1, 1}, y.shape());
    assertValues(new float[] {3, 2}, y, 0f);
  }

  @Test
  void bmmBackwardMatchesFiniteDifferences() {
    Tensor a = param(10, 3, 5, 7);
    Tensor b = param(11, 3, 7, 2);
    GradCheck.create().check("bmm", () -> new Tensor[] {Ops.bmm(a, b)}, a, b);
  }

  @Test
  void bmmRejectsDifferentBatchSizes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ops.bmm(Tensor.zeros(2, 3, 4), Tensor.zeros(3, 4, 5)));
    assertEquals("bmm: operands must be (B, M, K) and (B, K, N) with equal B and K, got (2, 3, 4) and (3, 4, 5)",
        e.getMessage());
  }
}
