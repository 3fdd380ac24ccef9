package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.ops.EmbeddingBagMode;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

class EmbeddingBagTest {
  private static final int[] IDS = {5, 0, 3, 3, 1, 2, 5};
  private static final int[] OFFSETS = {0, 3, 3};   // bag sizes 3, 0, 4

  @Test
  void stateDictHasWeightOfShapeVByE() {
    Map<String, Tensor> state = new EmbeddingBag(11, 4, EmbeddingBagMode.SUM, new Random(1)).stateDict();
    assertEquals(List.of("weight"), List.copyOf(state.keySet()));
    assertArrayEquals(new int[] {11, 4}, state.get("weight").shape());
  }

  @Test
  void initialWeightsAreStandardNormal() {
    float[] w = new EmbeddingBag(200, 50, EmbeddingBagMode.MEAN, new Random(2)).weight().data();
    double sum = 0;
    double sumSq = 0;
    for (float v : w) {
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / w.length;
    double var = sumSq / w.length - mean * mean;
    // 10,000 draws: the standard error of the mean is 0.01 and of the variance about 0.014.
    assertEquals(0.0, mean, 0.05);
    assertEquals(1.0, var, 0.07);
  }

  @Test
  void paddingRowStartsAtZeroAndStaysWithoutGradient() {
    EmbeddingBag bag = new EmbeddingBag(5, 3, EmbeddingBagMode.MEAN, 2, new Random(3));
    Tensor w = bag.weight();
    for (int j = 0; j < 3; j++) assertEquals(0f, w.get(2, j));
    assertTrue(w.get(1, 0) != 0f, "other rows are initialised");
    Ops.sum(bag.forward(new int[] {2, 1, 2, 4}, new int[] {0})).backward();   // one bag, 2 non-padding ids
    for (int j = 0; j < 3; j++) {
      assertEquals(0f, w.grad().get(2, j));
      assertEquals(0.5f, w.grad().get(1, j));
      assertEquals(0.5f, w.grad().get(4, j));
    }
  }

  @Test
  void forwardEqualsTheEmbeddingBagOp() {
    EmbeddingBag mean = new EmbeddingBag(6, 4, EmbeddingBagMode.MEAN, 3, new Random(4));
    Tensor y = mean.forward(IDS, OFFSETS);
    assertArrayEquals(new int[] {3, 4}, y.shape());
    assertArrayEquals(Ops.embeddingBag(mean.weight(), IDS, OFFSETS, EmbeddingBagMode.MEAN, null, 3).data(), y.data());

    EmbeddingBag sum = new EmbeddingBag(6, 4, EmbeddingBagMode.SUM, new Random(5));
    Tensor a = Tensor.of(new float[] {1, -2, 0.5f, 3, 1, 1, -1}, IDS.length);
    assertArrayEquals(Ops.embeddingBag(sum.weight(), IDS, OFFSETS, EmbeddingBagMode.SUM, a, -1).data(),
        sum.forward(IDS, OFFSETS, a).data());
    assertArrayEquals(Ops.embeddingBag(sum.weight(), IDS, OFFSETS, EmbeddingBagMode.SUM).data(),
        sum.forward(IDS, OFFSETS).data());
  }

  @Test
  void stateDictRoundTripGivesIdenticalOutputs() {
    EmbeddingBag trained = new EmbeddingBag(6, 4, EmbeddingBagMode.MEAN, 0, new Random(6));
    EmbeddingBag restored = new EmbeddingBag(6, 4, EmbeddingBagMode.MEAN, 0, new Random(7));
    restored.loadStateDict(trained.stateDict());
    assertArrayEquals(trained.forward(IDS, OFFSETS).data(), restored.forward(IDS, OFFSETS).data());
  }

  @Test
  void rejectsPaddingIndexOutsideTheTable() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new EmbeddingBag(5, 3, EmbeddingBagMode.SUM, 5, new Random(1)));
    assertEquals("EmbeddingBag: paddingIdx must be in [0, 5) or -1 for none, got 5", e.getMessage());
  }

  @Test
  void rejectsNonPositiveSizesAndAMissingMode() {
    var sizes = assertThrows(IllegalArgumentException.class,
        () -> new EmbeddingBag(0, 3, EmbeddingBagMode.SUM, new Random(1)));
    assertEquals("EmbeddingBag: numEmbeddings and embeddingDim must be positive, got 0 and 3", sizes.getMessage());
    var mode = assertThrows(IllegalArgumentException.class, () -> new EmbeddingBag(5, 3, null, new Random(1)));
    assertEquals("EmbeddingBag: mode must be SUM or MEAN, got null", mode.getMessage());
  }

  @Test
  void perSampleWeightsWithMeanAreRejectedAtForward() {
    EmbeddingBag mean = new EmbeddingBag(6, 4, EmbeddingBagMode.MEAN, new Random(8));
    var e = assertThrows(IllegalArgumentException.class,
        () -> mean.forward(IDS, OFFSETS, Tensor.ones(IDS.length)));
    assertTrue(e.getMessage().startsWith("embedding_bag: perSampleWeights are only supported with mode SUM"),
        e.getMessage());
  }
}
