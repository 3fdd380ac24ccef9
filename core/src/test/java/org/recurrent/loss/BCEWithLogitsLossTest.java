package org.recurrent.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.testing.GradCheck;
import org.recurrent.tensor.Tensor;

class BCEWithLogitsLossTest {
  private static final double LN2 = Math.log(2);
  private static final float[] POS_WEIGHT = {0.5f, 3f, 1f}; // (C = 3)

  private static Tensor logits(long seed) {
    return Tensor.randn(new Random(seed), 2f, 4, 3).requiresGrad(true); // (N=4, C=3)
  }

  private static Tensor softTargets(long seed) {
    return Tensor.uniform(new Random(seed), 0f, 1f, 4, 3);
  }

  @Test
  void zeroLogitsGiveLn2AndGradientSigmoidMinusTargetOverN() {
    Tensor x = Tensor.zeros(1, 2).requiresGrad(true);
    Tensor loss = new BCEWithLogitsLoss().forward(x, Tensor.of(new float[] {1, 0}, 1, 2));
    assertEquals(LN2, loss.item(), 1e-6);
    loss.backward();
    assertArrayEquals(new float[] {-0.25f, 0.25f}, x.gradData(), 1e-7f); // (0.5 - y) / 2
  }

  @Test
  void posWeightScalesOnlyThePositiveTerm() {
    // x = 0: positive term 3 ln2 (p = 3), negative term ln2 unchanged; dl/dx = (1-y) - lw sigmoid(0)
    Tensor x = Tensor.zeros(1, 2).requiresGrad(true);
    Tensor loss = new BCEWithLogitsLoss().withPosWeight(new float[] {3, 3}).withReduction(Reduction.NONE)
        .forward(x, Tensor.of(new float[] {1, 0}, 1, 2));
    assertArrayEquals(new float[] {(float) (3 * LN2), (float) LN2}, loss.data(), 1e-6f);
    loss.backward(Tensor.ones(1, 2));
    assertArrayEquals(new float[] {-1.5f, 0.5f}, x.gradData(), 1e-7f);
  }

  @Test
  void extremeLogitsStayFiniteAndExact() {
    Tensor x = Tensor.of(new float[] {100, -100, -100, 100}, 1, 4);
    Tensor y = Tensor.of(new float[] {0, 1, 0, 1}, 1, 4);
    Tensor l = new BCEWithLogitsLoss().withReduction(Reduction.NONE).forward(x, y);
    assertArrayEquals(new float[] {100, 100, 0, 0}, l.data(), 1e-6f);
  }

  @Test
  void rowMaskMeanCountsKeptRowsTimesColumns() {
    Tensor x = Tensor.zeros(3, 2);
    Tensor y = Tensor.of(new float[] {1, 0, 1, 1, 0, 0}, 3, 2);
    float l = new BCEWithLogitsLoss().forward(x, y, new float[] {1, 0, 1}).item();
    assertEquals(LN2, l, 1e-6); // every kept element is ln2; denominator 2 rows * 2 columns
  }

  @Test
  void backwardMatchesFiniteDifferencesForEachReduction() {
    Tensor x = logits(1);
    Tensor y = softTargets(2);
    for (Reduction r : Reduction.values()) {
      BCEWithLogitsLoss bce = new BCEWithLogitsLoss().withReduction(r);
      GradCheck.create().check("bce " + r, () -> new Tensor[] {bce.forward(x, y)}, x);
    }
  }

  @Test
  void backwardMatchesFiniteDifferencesWithPosWeightForInputAndTarget() {
    Tensor x = logits(3);
    Tensor y = softTargets(4).requiresGrad(true);
    BCEWithLogitsLoss bce = new BCEWithLogitsLoss().withPosWeight(POS_WEIGHT);
    GradCheck.create().check("bce posWeight", () -> new Tensor[] {bce.forward(x, y)}, x, y);
  }

  @Test
  void backwardMatchesFiniteDifferencesWithElementAndRowMasks() {
    Tensor x = logits(5);
    Tensor y = softTargets(6);
    float[] elementMask = {1, 0, 1, 0.5f, 1, 1, 0, 0, 2, 1, 1, 0};
    float[] rowMask = {1, 0, 0.5f, 1};
    BCEWithLogitsLoss bce = new BCEWithLogitsLoss().withPosWeight(POS_WEIGHT);
    GradCheck.create().check("bce element mask", () -> new Tensor[] {bce.forward(x, y, elementMask)}, x);
    BCEWithLogitsLoss sum = bce.withReduction(Reduction.SUM);
    GradCheck.create().check("bce row mask sum", () -> new Tensor[] {sum.forward(x, y, rowMask)}, x);
  }

  @Test
  void rejectsPosWeightOfWrongLengthAndMismatchedShapes() {
    var pw = assertThrows(IllegalArgumentException.class,
        () -> new BCEWithLogitsLoss().withPosWeight(new float[2]).forward(Tensor.zeros(4, 3), Tensor.zeros(4, 3)));
    assertEquals("BCEWithLogitsLoss: posWeight has 2 values but logits (4, 3) have C=3 classes in the last dimension",
        pw.getMessage());
    var shape = assertThrows(IllegalArgumentException.class,
        () -> new BCEWithLogitsLoss().forward(Tensor.zeros(4, 3), Tensor.zeros(3, 4)));
    assertEquals("BCEWithLogitsLoss: input and target must have the same shape, got input (4, 3) and target (3, 4)",
        shape.getMessage());
    var negative = assertThrows(IllegalArgumentException.class,
        () -> new BCEWithLogitsLoss().withPosWeight(new float[] {1, -2}));
    assertEquals("BCEWithLogitsLoss: posWeight must be finite and >= 0, got -2.0 at class 1", negative.getMessage());
  }
}
