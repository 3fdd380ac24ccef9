package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class PointwiseOpsTest {
  private final Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
  private final Tensor row = Tensor.of(new float[] {10, 20, 30}, 3);

  @Test
  void addSubMulWorkElementWiseOnEqualShapes() {
    Tensor b = Tensor.of(new float[] {6, 5, 4, 3, 2, 1}, 2, 3);
    assertValues(new float[] {7, 7, 7, 7, 7, 7}, Ops.add(a, b), 0f);
    assertValues(new float[] {-5, -3, -1, 1, 3, 5}, Ops.sub(a, b), 0f);
    assertValues(new float[] {6, 10, 12, 12, 10, 6}, Ops.mul(a, b), 0f);
  }

  @Test
  void suffixShapedSecondOperandRepeatsOverLeadingDimensions() {
    assertValues(new float[] {11, 22, 33, 14, 25, 36}, Ops.add(a, row), 0f);
    assertValues(new float[] {-9, -18, -27, -6, -15, -24}, Ops.sub(a, row), 0f);
    assertValues(new float[] {10, 40, 90, 40, 100, 180}, Ops.mul(a, row), 0f);
    assertValues(new float[] {2, 4, 6, 8, 10, 12}, Ops.mul(a, Tensor.scalar(2)), 0f);
  }

  @Test
  void scalarFormsScaleShiftAndNegate() {
    assertValues(new float[] {-2, -4, -6, -8, -10, -12}, Ops.scale(a, -2), 0f);
    assertValues(new float[] {1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f}, Ops.addScalar(a, 0.5f), 0f);
    assertValues(new float[] {-1, -2, -3, -4, -5, -6}, Ops.neg(a), 0f);
  }

  @Test
  void equalShapeBackwardMatchesFiniteDifferences() {
    Tensor x = param(1, 3, 5, 7);
    Tensor y = param(2, 3, 5, 7);
    GradCheck.create().check("add/sub/mul",
        () -> new Tensor[] {Ops.add(x, y), Ops.sub(x, y), Ops.mul(x, y)}, x, y);
  }

  @Test
  void broadcastBackwardSumsOverTheRepeats() {
    Tensor x = param(3, 3, 5, 7);
    Tensor bias = param(4, 7);
    Tensor plane = param(5, 5, 7);
    Tensor s = param(6);
    GradCheck.create().check("broadcast",
        () -> new Tensor[] {Ops.add(x, bias), Ops.sub(x, plane), Ops.mul(x, plane), Ops.mul(x, s)},
        x, bias, plane, s);
  }

  @Test
  void broadcastGradientOfAddIsTheRepeatCount() {
    Tensor x = Tensor.zeros(4, 3).requiresGrad(true);
    Tensor b = Tensor.zeros(3).requiresGrad(true);
    Ops.sum(Ops.add(x, b)).backward();
    assertValues(new float[] {4, 4, 4}, b.grad(), 0f);
  }

  @Test
  void usingOneTensorForBothOperandsAccumulatesBothPaths() {
    Tensor x = Tensor.of(new float[] {1, -2, 3}, 3).requiresGrad(true);
    Ops.sum(Ops.mul(x, x)).backward();
    assertValues(new float[] {2, -4, 6}, x.grad(), 0f);
  }

  @Test
  void scalarFormsBackwardMatchFiniteDifferences() {
    Tensor x = param(7, 3, 5, 7);
    GradCheck.create().check("scale/addScalar/neg",
        () -> new Tensor[] {Ops.scale(x, 1.7f), Ops.addScalar(x, -0.3f), Ops.neg(x)}, x);
  }

  @Test
  void rejectsSecondOperandThatIsNotASuffix() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.add(a, Tensor.zeros(2)));
    assertEquals("add: the second operand's shape must equal the first's or be a suffix of it "
        + "(broadcast over leading dimensions), got (2, 3) and (2)", e.getMessage());
    var m = assertThrows(IllegalArgumentException.class, () -> Ops.mul(row, a));
    assertEquals("mul: the second operand's shape must equal the first's or be a suffix of it "
        + "(broadcast over leading dimensions), got (3) and (2, 3)", m.getMessage());
  }
}
