package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class SoftmaxOpsTest {
  private static final float LN2 = (float) Math.log(2);
  private static final float LN3 = (float) Math.log(3);

  @Test
  void softmaxNormalisesEachRowOfTheLastDimension() {
    // e^0 : e^ln2 : e^ln3 = 1 : 2 : 3; the second row is shifted by 5, which softmax ignores.
    Tensor x = Tensor.of(new float[] {0, LN2, LN3, 5, 5 + LN2, 5 + LN3}, 2, 3);
    assertValues(new float[] {1 / 6f, 2 / 6f, 3 / 6f, 1 / 6f, 2 / 6f, 3 / 6f}, Ops.softmax(x), 1e-6f);
  }

  @Test
  void softmaxAndLogSoftmaxStayFiniteForLargeScores() {
    // e^1000 overflows even a double; softmax depends only on the difference 1.
    Tensor x = Tensor.of(new float[] {1000, 1001}, 2);
    double p0 = 1 / (1 + Math.E);
    assertValues(new float[] {(float) p0, (float) (1 - p0)}, Ops.softmax(x), 1e-6f);
    assertValues(new float[] {(float) Math.log(p0), (float) Math.log(1 - p0)}, Ops.logSoftmax(x), 1e-6f);
  }

  @Test
  void logSoftmaxEqualsLogOfSoftmax() {
    Tensor x = param(1, -3f, 3f, 3, 5, 7);
    Tensor expected = Ops.log(Ops.softmax(x));
    assertValues(expected.data(), Ops.logSoftmax(x), 1e-5f);
  }

  @Test
  void softmaxBackwardMatchesFiniteDifferences() {
    Tensor x = param(2, -2f, 2f, 3, 5, 7);
    GradCheck.create().check("softmax", () -> new Tensor[] {Ops.softmax(x)}, x);
  }

  @Test
  void logSoftmaxBackwardMatchesFiniteDifferences() {
    Tensor x = param(3, -2f, 2f, 3, 5, 7);
    GradCheck.create().check("logSoftmax", () -> new Tensor[] {Ops.logSoftmax(x)}, x);
  }

  @Test
  void maskedPositionsGetExactlyZeroAndTheRestRenormalise() {
    Tensor scores = Tensor.of(new float[] {0, 1e9f, LN2, LN3, 7, 8}, 2, 3);
    Tensor mask = Tensor.of(new float[] {1, 0, 1, 0, 1, 0}, 2, 3);
    // row 0 keeps e^0 : e^ln2 = 1 : 2 (the huge dropped score must not matter); row 1 keeps only position 1.
    Tensor y = Ops.maskedSoftmax(scores, mask);
    assertValues(new float[] {1 / 3f, 0, 2 / 3f, 0, 1, 0}, y, 1e-6f);
    assertEquals(0f, y.data()[1]);
    assertEquals(0f, y.data()[5]);
  }

  @Test
  void keyMaskPerBatchEntryIsSharedByAllQueries() {
    Tensor scores = Tensor.zeros(2, 2, 3);                                                   // (B, Tq, Tk)
    Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 1, 1}, 2, 3);                         // (B, Tk)
    assertValues(new float[] {0.5f, 0.5f, 0, 0.5f, 0.5f, 0, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f},
        Ops.maskedSoftmax(scores, mask), 1e-6f);
  }

  @Test
  void maskedSoftmaxBackwardMatchesFiniteDifferencesWithFullShapeMask() {
    Tensor x = param(4, -2f, 2f, 3, 5, 7);
    Tensor mask = Tensor.zeros(3, 5, 7);
    for (int i = 0; i < mask.numel(); i++) mask.data()[i] = (i % 7 == 0 || i % 3 != 0) ? 1 : 0;
    GradCheck.create().check("maskedSoftmax", () -> new Tensor[] {Ops.maskedSoftmax(x, mask)}, x);
  }

  @Test
  void maskedSoftmaxBackwardMatchesFiniteDifferencesWithKeyMask() {
    Tensor x = param(5, -2f, 2f, 3, 5, 7);                                                    // (B, Tq, Tk)
    Tensor mask = Tensor.ones(3, 7);                                                         // (B, Tk)
    for (int t = 4; t < 7; t++) mask.set(0f, 0, t);
    mask.set(0f, 2, 6);
    GradCheck.create().check("maskedSoftmax key mask", () -> new Tensor[] {Ops.maskedSoftmax(x, mask)}, x);
  }

  @Test
  void droppedScoresReceiveNoGradient() {
    Tensor x = Tensor.of(new float[] {0.3f, -1f, 2f}, 1, 3).requiresGrad(true);
    Tensor mask = Tensor.of(new float[] {1, 0, 1}, 1, 3);
    Ops.sum(Ops.mul(Ops.maskedSoftmax(x, mask), Tensor.of(new float[] {1, 5, -2}, 3))).backward();
    assertEquals(0f, x.grad().data()[1]);
  }

  @Test
  void rejectsRowWithEveryPositionMasked() {
    Tensor mask = Tensor.of(new float[] {1, 0, 0, 0}, 2, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.maskedSoftmax(Tensor.zeros(2, 2), mask));
    assertEquals("maskedSoftmax: row 1 of scores (2, 2) has every position masked; each row needs at least one "
        + "mask value of 1", e.getMessage());
  }

  @Test
  void rejectsMaskOfWrongShape() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ops.maskedSoftmax(Tensor.zeros(2, 3, 4), Tensor.ones(2, 3)));
    assertEquals("maskedSoftmax: mask must have the scores' shape (2, 3, 4) or be (B, Tk) = (2, 4), got (2, 3)",
        e.getMessage());
  }

  @Test
  void rejectsMaskValuesOtherThanZeroOrOne() {
    Tensor mask = Tensor.of(new float[] {0, Float.NEGATIVE_INFINITY}, 1, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.maskedSoftmax(Tensor.zeros(1, 2), mask));
    assertEquals("maskedSoftmax: mask values must be 1 (keep) or 0 (drop), found -Infinity; an additive mask "
        + "(0 / -inf) must be converted first", e.getMessage());
  }
}
