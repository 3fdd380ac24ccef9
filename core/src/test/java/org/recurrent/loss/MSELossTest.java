package org.recurrent.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.testing.GradCheck;
import org.recurrent.tensor.Tensor;

/** MSELoss, and through it the mask and reduction handling shared by all same-shape losses. */
class MSELossTest {

  @Test
  void meanOfSquaresWithGradientTwoDiffOverN() {
    Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
    Tensor loss = new MSELoss().forward(x, Tensor.zeros(3));
    assertEquals(14f / 3, loss.item(), 1e-6);
    loss.backward();
    assertArrayEquals(new float[] {2f / 3, 4f / 3, 2f}, x.gradData(), 1e-6f);
  }

  @Test
  void rowMaskMeanDividesByKeptElements() {
    Tensor x = Tensor.of(new float[] {1, 1, 3, 3}, 2, 2).requiresGrad(true);
    Tensor loss = new MSELoss().forward(x, Tensor.zeros(2, 2), new float[] {1, 0});
    assertEquals(1f, loss.item(), 1e-7); // (1 + 1) / 2 kept elements; the masked row of 9s is left out
    loss.backward();
    assertArrayEquals(new float[] {1, 1, 0, 0}, x.gradData(), 1e-7f);
  }

  @Test
  void fractionalElementMaskIsAWeightedMean() {
    Tensor x = Tensor.of(new float[] {1, 2}, 2);
    float l = new MSELoss().forward(x, Tensor.zeros(2), new float[] {3, 1}).item();
    assertEquals((3 * 1 + 1 * 4) / 4f, l, 1e-6);
  }

  @Test
  void maskedElementsAreNotReadSoPaddingMayBeNaN() {
    Tensor x = Tensor.of(new float[] {2, Float.NaN}, 2).requiresGrad(true);
    Tensor loss = new MSELoss(Reduction.SUM).forward(x, Tensor.zeros(2), new float[] {1, 0});
    assertEquals(4f, loss.item());
    loss.backward();
    assertArrayEquals(new float[] {4, 0}, x.gradData());
  }

  @Test
  void fullyMaskedMeanIsZeroWithZeroGradients() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
    Tensor loss = new MSELoss().forward(x, Tensor.zeros(2, 2), new float[] {0, 0});
    assertEquals(0f, loss.item());
    loss.backward();
    assertArrayEquals(new float[4], x.gradData());
  }

  @Test
  void noneKeepsTheInputShape() {
    Tensor l = new MSELoss(Reduction.NONE).forward(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3),
        Tensor.zeros(1, 2, 3));
    assertArrayEquals(new int[] {1, 2, 3}, l.shape());
    assertArrayEquals(new float[] {1, 4, 9, 16, 25, 36}, l.data());
  }

  @Test
  void backwardMatchesFiniteDifferencesForInputAndTargetInEveryReduction() {
    Random rng = new Random(7);
    Tensor x = Tensor.randn(rng, 1f, 3, 5).requiresGrad(true);
    Tensor y = Tensor.randn(rng, 1f, 3, 5).requiresGrad(true);
    float[] rowMask = {1, 0, 0.5f};
    for (Reduction r : Reduction.values()) {
      MSELoss mse = new MSELoss(r);
      GradCheck.create().check("mse " + r, () -> new Tensor[] {mse.forward(x, y)}, x, y);
      GradCheck.create().check("mse row mask " + r, () -> new Tensor[] {mse.forward(x, y, rowMask)}, x, y);
    }
  }

  @Test
  void rejectsMismatchedShapesAndMaskLengths() {
    var shape = assertThrows(IllegalArgumentException.class,
        () -> new MSELoss().forward(Tensor.zeros(4, 6), Tensor.zeros(24)));
    assertEquals("MSELoss: input and target must have the same shape, got input (4, 6) and target (24)",
        shape.getMessage());
    var mask = assertThrows(IllegalArgumentException.class,
        () -> new MSELoss().forward(Tensor.zeros(4, 6), Tensor.zeros(4, 6), new float[5]));
    assertEquals("MSELoss: mask must have 24 values (one per element of input (4, 6)) or 4 (one per row), got 5",
        mask.getMessage());
    var negative = assertThrows(IllegalArgumentException.class,
        () -> new MSELoss().forward(Tensor.zeros(2), Tensor.zeros(2), new float[] {Float.POSITIVE_INFINITY, 1}));
    assertEquals("MSELoss: mask values must be finite and >= 0, got Infinity at index 0", negative.getMessage());
  }
}
