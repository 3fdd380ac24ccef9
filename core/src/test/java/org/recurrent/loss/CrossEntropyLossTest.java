package org.recurrent.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.testing.GradCheck;
import org.recurrent.tensor.Tensor;

class CrossEntropyLossTest {
  private static final double LN2 = Math.log(2);
  private static final int N = 7;
  private static final int C = 5;
  private static final int[] TARGETS = {0, 4, -100, 2, 1, 3, -100}; // (N), two ignored rows
  private static final float[] WEIGHT = {0.5f, 2f, 1f, 0.25f, 1.5f}; // (C)
  private static final float[] MASK = {1f, 0.5f, 1f, 0f, 2f, 1f, 1f}; // (N)

  private static Tensor logits(long seed) {
    return Tensor.randn(new Random(seed), 1.5f, N, C).requiresGrad(true);
  }

  @Test
  void uniformLogitsGiveLogCAndGradientSoftmaxMinusOneHotOverN() {
    Tensor x = Tensor.zeros(2, 4).requiresGrad(true);
    Tensor loss = new CrossEntropyLoss().forward(x, new int[] {1, 3});
    assertEquals(Math.log(4), loss.item(), 1e-6);
    loss.backward();
    // (softmax - onehot) / N = (1/4 - [k == y]) / 2
    assertArrayEquals(new float[] {0.125f, -0.375f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, -0.375f},
        x.gradData(), 1e-6f);
  }

  @Test
  void meanWithClassWeightsDividesBySumOfTargetWeights() {
    // row 0: p = (1/4, 3/4), y = 0 -> ln 4; row 1: p = (1/2, 1/2), y = 1 -> ln 2
    Tensor x = Tensor.of(new float[] {0, (float) Math.log(3), 0, 0}, 2, 2);
    float unweighted = new CrossEntropyLoss().forward(x, new int[] {0, 1}).item();
    float weighted = new CrossEntropyLoss().withWeight(new float[] {1, 3}).forward(x, new int[] {0, 1}).item();
    assertEquals(1.5 * LN2, unweighted, 1e-6); // (ln4 + ln2) / 2
    assertEquals(1.25 * LN2, weighted, 1e-6); // (1 ln4 + 3 ln2) / (1 + 3)
  }

  @Test
  void labelSmoothingMixesNllWithUniformTerm() {
    // p = (1/4, 3/4), y = 0, eps = 0.5, C = 2: l = 0.5 ln4 + 0.25 (ln4 + ln(4/3))
    Tensor x = Tensor.of(new float[] {0, (float) Math.log(3)}, 1, 2);
    float l = new CrossEntropyLoss().withLabelSmoothing(0.5).forward(x, new int[] {0}).item();
    assertEquals(0.75 * Math.log(4) + 0.25 * Math.log(4.0 / 3), l, 1e-6);
  }

  @Test
  void sumAndNoneAgreeWithMeanOnKeptRows() {
    Tensor x = logits(1);
    float mean = new CrossEntropyLoss().forward(x, TARGETS).item();
    float sum = new CrossEntropyLoss().withReduction(Reduction.SUM).forward(x, TARGETS).item();
    Tensor none = new CrossEntropyLoss().withReduction(Reduction.NONE).forward(x, TARGETS);
    assertArrayEquals(new int[] {N}, none.shape());
    assertEquals(0f, none.get(2));
    assertEquals(0f, none.get(6));
    float total = 0;
    for (float v : none.data()) total += v;
    assertEquals(sum, total, 1e-5);
    assertEquals(sum / 5, mean, 1e-6); // 5 kept rows
  }

  @Test
  void binaryMaskActsExactlyLikeIgnoreIndex() {
    int[] targets = {0, 4, 1, 2, 1, 3, 0};
    float[] mask = {1, 1, 0, 1, 1, 1, 0};
    int[] ignored = {0, 4, -100, 2, 1, 3, -100};
    Tensor a = logits(2);
    Tensor b = a.detach().requiresGrad(true);
    CrossEntropyLoss ce = new CrossEntropyLoss().withWeight(WEIGHT).withLabelSmoothing(0.1);
    Tensor la = ce.forward(a, targets, mask);
    Tensor lb = ce.forward(b, ignored);
    assertEquals(lb.item(), la.item());
    la.backward();
    lb.backward();
    assertArrayEquals(b.gradData(), a.gradData());
  }

  @Test
  void maskedRowsAreNotReadSoPaddingMayHoldAnyTargetOrNaN() {
    Tensor x = Tensor.of(new float[] {0, 0, 0, Float.NaN, Float.NaN, Float.NaN}, 2, 3).requiresGrad(true);
    Tensor loss = new CrossEntropyLoss().forward(x, new int[] {2, 99}, new float[] {1, 0});
    assertEquals(Math.log(3), loss.item(), 1e-6);
    loss.backward();
    for (int k = 3; k < 6; k++) assertEquals(0f, x.gradData()[k]);
  }

  @Test
  void allRowsIgnoredGivesZeroLossAndZeroGradientsInsteadOfNaN() {
    Tensor x = logits(3);
    int[] none = new int[N];
    java.util.Arrays.fill(none, -100);
    Tensor loss = new CrossEntropyLoss().withWeight(WEIGHT).withLabelSmoothing(0.2).forward(x, none);
    assertEquals(0f, loss.item());
    loss.backward();
    assertArrayEquals(new float[N * C], x.gradData());
  }

  @Test
  void largeLogitsStayFinite() {
    Tensor x = Tensor.of(new float[] {1000, -1000, 0, 990}, 2, 2);
    float l = new CrossEntropyLoss().forward(x, new int[] {1, 0}).item();
    assertEquals((2000 + 990) / 2.0, l, 1e-3); // ln(1 + e^-2000) ~ 0, so l0 = 2000; l1 = 990 + ln(1 + e^-990)
  }

  @Test
  void backwardMatchesFiniteDifferencesPlainMean() {
    Tensor x = logits(10);
    CrossEntropyLoss ce = new CrossEntropyLoss();
    GradCheck.create().check("ce mean", () -> new Tensor[] {ce.forward(x, TARGETS)}, x);
  }

  @Test
  void backwardMatchesFiniteDifferencesWithWeightsAndIgnoredRows() {
    Tensor x = logits(11);
    CrossEntropyLoss ce = new CrossEntropyLoss().withWeight(WEIGHT);
    GradCheck.create().check("ce weight mean", () -> new Tensor[] {ce.forward(x, TARGETS)}, x);
    CrossEntropyLoss sum = ce.withReduction(Reduction.SUM);
    GradCheck.create().check("ce weight sum", () -> new Tensor[] {sum.forward(x, TARGETS)}, x);
    CrossEntropyLoss none = ce.withReduction(Reduction.NONE);
    GradCheck.create().check("ce weight none", () -> new Tensor[] {none.forward(x, TARGETS)}, x);
  }

  @Test
  void backwardMatchesFiniteDifferencesWithFractionalMask() {
    Tensor x = logits(12);
    CrossEntropyLoss ce = new CrossEntropyLoss().withWeight(WEIGHT);
    GradCheck.create().check("ce mask mean", () -> new Tensor[] {ce.forward(x, TARGETS, MASK)}, x);
  }

  @Test
  void backwardMatchesFiniteDifferencesWithLabelSmoothing() {
    Tensor x = logits(13);
    CrossEntropyLoss ce = new CrossEntropyLoss().withWeight(WEIGHT).withLabelSmoothing(0.3);
    GradCheck.create().check("ce smoothing mask mean", () -> new Tensor[] {ce.forward(x, TARGETS, MASK)}, x);
    CrossEntropyLoss none = new CrossEntropyLoss().withLabelSmoothing(0.2).withReduction(Reduction.NONE);
    GradCheck.create().check("ce smoothing none", () -> new Tensor[] {none.forward(x, TARGETS)}, x);
  }

  @Test
  void rejectsOutOfRangeTargetNamingRowTargetAndClassCount() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().forward(Tensor.zeros(3, 4), new int[] {0, 4, 1}));
    assertEquals("CrossEntropyLoss: target 4 at row 1 is out of range for C=4 classes (expected 0..3, "
        + "or ignoreIndex -100)", e.getMessage());
    var negative = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().withIgnoreIndex(0).forward(Tensor.zeros(2, 4), new int[] {0, -1}));
    assertTrue(negative.getMessage().contains("target -1 at row 1"), negative.getMessage());
  }

  @Test
  void rejectsWrongShapes() {
    var dims = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().forward(Tensor.zeros(3, 2, 4), new int[6]));
    assertEquals("CrossEntropyLoss: logits must be (N, C); flatten (T, B, C) to (T*B, C) first; got (3, 2, 4)",
        dims.getMessage());
    var targets = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().forward(Tensor.zeros(3, 4), new int[2]));
    assertEquals("CrossEntropyLoss: targets must have N=3 values (one per row of logits (3, 4)), got 2",
        targets.getMessage());
    var weight = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().withWeight(new float[3]).forward(Tensor.zeros(3, 4), new int[3]));
    assertEquals("CrossEntropyLoss: weight has 3 values but logits (3, 4) have C=4 classes", weight.getMessage());
    var mask = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().forward(Tensor.zeros(3, 4), new int[3], new float[4]));
    assertEquals("CrossEntropyLoss: mask must have N=3 values (one per row), got 4", mask.getMessage());
  }

  @Test
  void rejectsBadOptionValues() {
    var mask = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().forward(Tensor.zeros(2, 4), new int[2], new float[] {1, -1}));
    assertEquals("CrossEntropyLoss: mask values must be finite and >= 0, got -1.0 at index 1", mask.getMessage());
    var smoothing = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().withLabelSmoothing(1.5));
    assertEquals("CrossEntropyLoss: label smoothing must be in [0, 1], got 1.5", smoothing.getMessage());
    var weight = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().withWeight(new float[] {1, Float.NaN}));
    assertEquals("CrossEntropyLoss: class weights must be finite and >= 0, got NaN for class 1", weight.getMessage());
  }
}
