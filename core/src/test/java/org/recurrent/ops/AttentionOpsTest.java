package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class AttentionOpsTest {

  @Test
  void zeroQueryAveragesTheUnmaskedValues() {
    Tensor q = Tensor.zeros(1, 1, 2);                                                        // (B, Tq, D)
    Tensor k = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);                           // (B, Tk, D)
    Tensor v = Tensor.of(new float[] {1, 10, 2, 20, 9, 90}, 1, 3, 2);                        // (B, Tk, Dv)
    assertValues(new float[] {4, 40}, Ops.scaledDotProductAttention(q, k, v, null), 1e-5f);
    Tensor mask = Tensor.of(new float[] {1, 1, 0}, 1, 3);
    assertValues(new float[] {1.5f, 15}, Ops.scaledDotProductAttention(q, k, v, mask), 1e-5f);
  }

  @Test
  void scoresAreScaledByInverseSquareRootOfKeyWidth() {
    // D = 4, q.k = 4 ln 3 for key 0 and 0 for key 1: scaled by 1/2 gives weights 3^2 : 1 = 0.9 : 0.1.
    float a = (float) Math.log(3);
    Tensor q = Tensor.of(new float[] {a, a, a, a}, 1, 1, 4);
    Tensor k = Tensor.of(new float[] {1, 1, 1, 1, 0, 0, 0, 0}, 1, 2, 4);
    Tensor v = Tensor.of(new float[] {1, 0}, 1, 2, 1);
    assertValues(new float[] {0.9f}, Ops.scaledDotProductAttention(q, k, v, null), 1e-5f);
  }

  @Test
  void backwardMatchesFiniteDifferencesWithKeyMask() {
    Tensor q = param(1, 3, 5, 7);
    Tensor k = param(2, 3, 4, 7);
    Tensor v = param(3, 3, 4, 6);
    Tensor mask = Tensor.ones(3, 4);
    mask.set(0f, 0, 3);
    mask.set(0f, 2, 0);
    mask.set(0f, 2, 1);
    Tensor y = Ops.scaledDotProductAttention(q, k, v, mask);
    assertArrayEquals(new int[] {3, 5, 6}, y.shape());
    GradCheck.create().check("attention", () -> new Tensor[] {Ops.scaledDotProductAttention(q, k, v, mask)}, q, k, v);
  }

  @Test
  void rejectsKeysOfWrongWidth() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.scaledDotProductAttention(
        Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 3), Tensor.zeros(2, 5, 6), null));
    assertEquals("attention: keys must be (B=2, Tk, D=4) and values (B=2, Tk, Dv) with the keys' Tk, got query "
        + "(2, 3, 4), keys (2, 5, 3), values (2, 5, 6)", e.getMessage());
  }
}
