package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class ShapeOpsTest {
  private final Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void concatJoinsAlongTheGivenDimension() {
    Tensor y = Tensor.of(new float[] {7, 8}, 2, 1);
    Tensor c1 = Ops.concat(List.of(x, y), 1);
    assertArrayEquals(new int[] {2, 4}, c1.shape());
    assertValues(new float[] {1, 2, 3, 7, 4, 5, 6, 8}, c1, 0f);
    Tensor c0 = Ops.concat(List.of(x, Tensor.of(new float[] {9, 9, 9}, 1, 3)), 0);
    assertValues(new float[] {1, 2, 3, 4, 5, 6, 9, 9, 9}, c0, 0f);
  }

  @Test
  void concatBackwardMatchesFiniteDifferences() {
    Tensor a = param(1, 3, 5, 7);
    Tensor b = param(2, 3, 2, 7);
    Tensor c = param(3, 3, 1, 7);
    GradCheck.create().check("concat",
        () -> new Tensor[] {Ops.concat(List.of(a, b, c), 1), Ops.concat(List.of(a, a), -1)}, a, b, c);
  }

  @Test
  void concatRejectsMismatchedOtherDimensions() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ops.concat(List.of(x, Tensor.zeros(3, 1)), 1));
    assertEquals("concat: tensor 1 has shape (3, 1) but tensor 0 has (2, 3); all dimensions except 1 must match",
        e.getMessage());
  }

  @Test
  void splitCutsConsecutivePieces() {
    List<Tensor> parts = Ops.split(x, new int[] {1, 2}, 1);
    assertArrayEquals(new int[] {2, 1}, parts.get(0).shape());
    assertValues(new float[] {1, 4}, parts.get(0), 0f);
    assertValues(new float[] {2, 3, 5, 6}, parts.get(1), 0f);
  }

  @Test
  void splitBackwardMatchesFiniteDifferences() {
    Tensor t = param(4, 3, 5, 7);
    GradCheck.create().check("split", () -> Ops.split(t, new int[] {2, 0, 3}, 1).toArray(new Tensor[0]), t);
    GradCheck.create().check("split last", () -> Ops.split(t, new int[] {4, 3}, -1).toArray(new Tensor[0]), t);
  }

  @Test
  void splitRejectsSizesThatDoNotAddUp() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.split(x, new int[] {1, 1}, 1));
    assertEquals("split: sizes (1, 1) add up to 2 but dimension 1 of (2, 3) is 3", e.getMessage());
  }

  @Test
  void sliceAndSelectCopyTheRequestedRange() {
    assertValues(new float[] {2, 3, 5, 6}, Ops.slice(x, 1, 1, 3), 0f);
    Tensor row = Ops.select(x, 0, 1);
    assertArrayEquals(new int[] {3}, row.shape());
    assertValues(new float[] {4, 5, 6}, row, 0f);
    assertValues(new float[] {2, 5}, Ops.select(x, -1, 1), 0f);
  }

  @Test
  void sliceAndSelectBackwardMatchFiniteDifferences() {
    Tensor t = param(5, 3, 5, 7);
    GradCheck.create().check("slice/select",
        () -> new Tensor[] {Ops.slice(t, 1, 1, 4), Ops.slice(t, 2, 0, 7), Ops.select(t, 0, 2), Ops.select(t, 2, 6)},
        t);
  }

  @Test
  void sliceAndSelectRejectOutOfRangeIndices() {
    var s = assertThrows(IllegalArgumentException.class, () -> Ops.slice(x, 1, 2, 4));
    assertEquals("slice: range [2, 4) is not within [0, 3] of dimension 1 of (2, 3)", s.getMessage());
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.select(x, 0, 2));
    assertEquals("select: index 2 is out of range for dimension 0 of size 2 in (2, 3)", e.getMessage());
  }

  @Test
  void reshapeInfersOneDimensionAndSharesData() {
    Tensor r = Ops.reshape(x, 3, -1);
    assertArrayEquals(new int[] {3, 2}, r.shape());
    assertSame(x.data(), r.data());
  }

  @Test
  void reshapeBackwardMatchesFiniteDifferences() {
    Tensor t = param(6, 3, 5, 7);
    Tensor w = param(7, 7);
    GradCheck.create().check("reshape", () -> new Tensor[] {Ops.mul(Ops.reshape(t, -1, 7), w)}, t);
  }

  @Test
  void reshapeRejectsWrongElementCountAndSecondInferredDimension() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.reshape(x, 4, 2));
    assertEquals("reshape: shape (4, 2) holds 8 elements but the input (2, 3) has 6", e.getMessage());
    var two = assertThrows(IllegalArgumentException.class, () -> Ops.reshape(x, -1, -1));
    assertEquals("reshape: (-1, -1) may hold one -1 and otherwise non-negative sizes (input (2, 3))", two.getMessage());
    var inf = assertThrows(IllegalArgumentException.class, () -> Ops.reshape(x, 4, -1));
    assertEquals("reshape: cannot infer the -1 in (4, -1) for 6 elements (input (2, 3))", inf.getMessage());
  }

  @Test
  void transposeSwapsTwoDimensions() {
    Tensor t = Ops.transpose(x, 0, 1);
    assertArrayEquals(new int[] {3, 2}, t.shape());
    assertValues(new float[] {1, 4, 2, 5, 3, 6}, t, 0f);
    Tensor cube = param(8, 3, 5, 7);
    Tensor swapped = Ops.transpose(cube, 2, 0);
    assertArrayEquals(new int[] {7, 5, 3}, swapped.shape());
    assertEquals(cube.get(2, 4, 6), swapped.get(6, 4, 2));
    assertEquals(cube.get(1, 3, 0), swapped.get(0, 3, 1));
  }

  @Test
  void transposeBackwardMatchesFiniteDifferences() {
    Tensor t = param(9, 3, 5, 7);
    GradCheck.create().check("transpose",
        () -> new Tensor[] {Ops.transpose(t, 0, 2), Ops.transpose(t, 1, 2), Ops.transpose(t, 1, 1)}, t);
  }
}
