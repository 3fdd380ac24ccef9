package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.EmbeddingBagMode.MEAN;
import static org.recurrent.ops.EmbeddingBagMode.SUM;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class EmbeddingBagOpsTest {
  private static final int NO_PADDING = -1;
  private final Tensor table = Tensor.of(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, 4, 2);   // (V=4, E=2): (v, 10v)

  // V=11, E=5; bag sizes 4, 0, 1, 5, 4 (M=14): an empty bag, id 3 repeated across bags and 5 within one;
  // with padding 7 the third bag is all padding and the fourth holds one padding id.
  private static final int V = 11;
  private static final int E = 5;
  private static final int PAD = 7;
  private static final int[] IDS = {3, 7, 3, 10, 7, 0, 5, 5, 7, 2, 9, 3, 1, 3};
  private static final int[] OFFSETS = {0, 4, 4, 5, 10};
  // bag sizes 0, 3, 6, 5, 0: empty first and last bags (the last offset equals M)
  private static final int[] EDGE_OFFSETS = {0, 0, 3, 9, 14};

  @Test
  void sumsEachBagAndGivesZeroRowsForEmptyBags() {
    Tensor y = Ops.embeddingBag(table, new int[] {1, 3, 2, 2, 2}, new int[] {0, 2, 2, 3}, SUM);
    assertArrayEquals(new int[] {4, 2}, y.shape());
    assertValues(new float[] {4, 40, 0, 0, 2, 20, 4, 40}, y, 0f);
  }

  @Test
  void averagesEachBagAndGivesZeroRowsForEmptyBags() {
    Tensor y = Ops.embeddingBag(table, new int[] {1, 2, 2, 0, 3, 3}, new int[] {0, 0, 3, 6}, MEAN);
    assertValues(new float[] {0, 0, 5f / 3, 50f / 3, 2, 20, 0, 0}, y, 1e-6f);
  }

  @Test
  void paddingIdsAreSkippedAndNotCountedByMean() {
    Tensor w = Tensor.of(new float[] {5, 50, 1, 10, 2, 20, 3, 30}, 4, 2);   // the padding row 0 is not zero
    int[] ids = {2, 0, 3, 0, 0, 1};   // padding 0: bag 0 = {2, 3}, bag 1 = all padding, bag 2 = {1}
    int[] offsets = {0, 3, 5};
    assertValues(new float[] {2.5f, 25, 0, 0, 1, 10}, Ops.embeddingBag(w, ids, offsets, MEAN, null, 0), 0f);
    assertValues(new float[] {5, 50, 0, 0, 1, 10}, Ops.embeddingBag(w, ids, offsets, SUM, null, 0), 0f);
    // without a padding index the same ids count: bag 0 = {2, 0, 3}, bag 1 = {0, 0}
    assertValues(new float[] {10f / 3, 100f / 3, 5, 50, 1, 10}, Ops.embeddingBag(w, ids, offsets, MEAN), 1e-5f);
  }

  @Test
  void perSampleWeightsScaleEachRowOfTheSum() {
    Tensor a = Tensor.of(new float[] {2, -1, 0.5f, 3}, 4);
    Tensor y = Ops.embeddingBag(table, new int[] {1, 3, 2, 3}, new int[] {0, 2}, SUM, a, NO_PADDING);
    assertValues(new float[] {2 - 3, 20 - 30, 1 + 9, 10 + 90}, y, 1e-6f);
  }

  @Test
  void meanBackwardDividesByTheNonPaddingCount() {
    Tensor w = param(1, 4, 2);
    // padding 0; bag 0 = {1, 1, 2} (+ one padding id) counts 3, bag 1 = {3} counts 1, bag 2 is empty
    Ops.sum(Ops.embeddingBag(w, new int[] {1, 0, 1, 2, 3}, new int[] {0, 4, 5}, MEAN, null, 0)).backward();
    assertValues(new float[] {0, 0, 2f / 3, 2f / 3, 1f / 3, 1f / 3, 1, 1}, w.grad(), 1e-6f);
  }

  @Test
  void perSampleWeightGradientIsTheRowDotTheOutputGradientAndZeroForPadding() {
    Tensor a = param(2, 5);
    Tensor w = Tensor.of(new float[] {5, 50, 1, 10, 2, 20, 3, 30}, 4, 2);   // the padding row 0 is not zero
    Tensor y = Ops.embeddingBag(w, new int[] {1, 0, 3, 2, 3}, new int[] {0, 2}, SUM, a, 0);
    y.backward(Tensor.of(new float[] {1, 2, -1, 0.5f}, 2, 2));   // dy[0] = (1, 2), dy[1] = (-1, 0.5)
    // da_i = dy[bag(i)] . W[ids[i]]: 1 + 20, padding, -3 + 15, -2 + 10, -3 + 15
    assertValues(new float[] {21, 0, 12, 8, 12}, a.grad(), 0f);
  }

  @Test
  void backwardMatchesFiniteDifferencesForSum() {
    Tensor w = param(3, V, E);
    GradCheck.create().check("embedding_bag SUM",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, OFFSETS, SUM)}, w);
  }

  @Test
  void backwardMatchesFiniteDifferencesForMean() {
    Tensor w = param(4, V, E);
    GradCheck.create().check("embedding_bag MEAN",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, OFFSETS, MEAN)}, w);
  }

  @Test
  void backwardMatchesFiniteDifferencesForSumWithPadding() {
    Tensor w = param(5, V, E);
    GradCheck.create().check("embedding_bag SUM, padding 7",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, OFFSETS, SUM, null, PAD)}, w);
  }

  @Test
  void backwardMatchesFiniteDifferencesForMeanWithPaddingAndEmptyEdgeBags() {
    Tensor w = param(6, V, E);
    GradCheck.create().check("embedding_bag MEAN, padding 7",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, OFFSETS, MEAN, null, PAD)}, w);
    GradCheck.create().check("embedding_bag MEAN, padding 3, empty first and last bags",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, EDGE_OFFSETS, MEAN, null, 3)}, w);
  }

  @Test
  void backwardMatchesFiniteDifferencesForWeightAndPerSampleWeights() {
    Tensor w = param(7, V, E);
    Tensor a = param(8, -2f, 2f, IDS.length);
    GradCheck.create().check("embedding_bag SUM, per-sample weights",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, OFFSETS, SUM, a, NO_PADDING)}, w, a);
    GradCheck.create().check("embedding_bag SUM, per-sample weights, padding 7",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, OFFSETS, SUM, a, PAD)}, w, a);
    GradCheck.create().check("embedding_bag SUM, per-sample weights, padding 3, empty first and last bags",
        () -> new Tensor[] {Ops.embeddingBag(w, IDS, EDGE_OFFSETS, SUM, a, 3)}, w, a);
  }

  @Test
  void perSampleWeightsAloneReceiveAGradient() {
    Tensor w = table.copy();   // the table is a constant here
    Tensor a = param(9, 3);
    GradCheck.create().check("embedding_bag, gradient for per-sample weights only",
        () -> new Tensor[] {Ops.embeddingBag(w, new int[] {3, 1, 3}, new int[] {0, 1}, SUM, a, NO_PADDING)}, a);
  }

  @Test
  void paddingRowReceivesNoGradient() {
    Tensor w = param(10, V, E);
    Ops.sum(Ops.embeddingBag(w, IDS, OFFSETS, MEAN, null, PAD)).backward();
    for (int j = 0; j < E; j++) assertEquals(0f, w.grad().get(PAD, j), "dW[padding, " + j + "]");
    // id 3: twice in bag 0 (3 non-padding ids of 4), twice in bag 4 (4 ids)
    assertEquals(2f / 3 + 2f / 4, w.grad().get(3, 0), 1e-6f, "dW[3, 0]");
  }

  @Test
  void sumEqualsEmbeddingLookupSummedOverEachBag() {
    Tensor w = param(11, V, E);
    int[] ids = {4, 9, 9, 0, 2, 7};   // two bags of three
    Tensor bags = Ops.embeddingBag(w, ids, new int[] {0, 3}, SUM);
    Tensor lookup = Ops.sum(Ops.embedding(w, ids, 2, 3), 1);
    assertArrayEquals(lookup.data(), bags.data(), 1e-6f);
  }

  @Test
  void backwardUsesTheIdsAndOffsetsGivenAtForward() {
    Tensor w = param(12, 4, 2);
    int[] ids = {1, 2};
    int[] offsets = {0, 1};
    Tensor y = Ops.embeddingBag(w, ids, offsets, SUM);
    ids[0] = 3;
    offsets[1] = 0;
    Ops.sum(y).backward();
    assertValues(new float[] {0, 0, 1, 1, 1, 1, 0, 0}, w.grad(), 0f);
  }

  @Test
  void noIdsAndNoBagsGiveAnEmptyOutput() {
    assertArrayEquals(new int[] {0, 2}, Ops.embeddingBag(table, new int[0], new int[0], SUM).shape());
    assertValues(new float[] {0, 0, 0, 0}, Ops.embeddingBag(table, new int[0], new int[] {0, 0}, MEAN), 0f);
  }

  @Test
  void rejectsOffsetsThatDoNotStartAtZeroOrThatDecrease() {
    assertMessage("embedding_bag: offsets must start at 0 and never decrease, got offsets[0]=1",
        () -> Ops.embeddingBag(table, new int[] {1, 2, 3}, new int[] {1, 2}, SUM));
    assertMessage("embedding_bag: offsets must start at 0 and never decrease, got offsets[3]=7 after offsets[2]=9",
        () -> Ops.embeddingBag(table, new int[10], new int[] {0, 2, 9, 7}, SUM));
  }

  @Test
  void rejectsAnOffsetPastTheEndOfTheIds() {
    assertMessage("embedding_bag: offsets[2]=4 is past the end of the 3 ids; a bag must start in [0, 3] "
        + "(offsets are bag starts, without the final end)",
        () -> Ops.embeddingBag(table, new int[] {1, 2, 3}, new int[] {0, 2, 4}, MEAN));
  }

  @Test
  void rejectsIdsWithoutAnyBag() {
    assertMessage("embedding_bag: 3 ids but no bags; offsets must hold the start of each bag, beginning with 0 "
        + "(for one bag of all ids: {0})", () -> Ops.embeddingBag(table, new int[] {1, 2, 3}, new int[0], SUM));
  }

  @Test
  void rejectsOutOfRangeIdNamingIdAndVocabulary() {
    assertMessage("embedding_bag: id 4 at position 2 is out of range for a table of V=4 rows (valid 0..3)",
        () -> Ops.embeddingBag(table, new int[] {1, 2, 4}, new int[] {0}, SUM));
    assertMessage("embedding_bag: id -1 at position 0 is out of range for a table of V=4 rows (valid 0..3)",
        () -> Ops.embeddingBag(table, new int[] {-1}, new int[] {0}, MEAN));
  }

  @Test
  void rejectsPaddingIndexOutsideTheTable() {
    assertMessage("embedding_bag: paddingIdx 4 is out of range for V=4 (valid 0..3, or -1 for none)",
        () -> Ops.embeddingBag(table, new int[] {1}, new int[] {0}, SUM, null, 4));
    assertMessage("embedding_bag: paddingIdx -2 is out of range for V=4 (valid 0..3, or -1 for none)",
        () -> Ops.embeddingBag(table, new int[] {1}, new int[] {0}, SUM, null, -2));
  }

  @Test
  void rejectsPerSampleWeightsWithMeanOrOfTheWrongLength() {
    assertMessage("embedding_bag: perSampleWeights are only supported with mode SUM (as in PyTorch), got mode MEAN; "
        + "pass null or use SUM",
        () -> Ops.embeddingBag(table, new int[] {1, 2}, new int[] {0}, MEAN, Tensor.ones(2), NO_PADDING));
    assertMessage("embedding_bag: perSampleWeights must be (M=2), one per id, got (3)",
        () -> Ops.embeddingBag(table, new int[] {1, 2}, new int[] {0}, SUM, Tensor.ones(3), NO_PADDING));
    assertMessage("embedding_bag: perSampleWeights must be (M=2), one per id, got (2, 1)",
        () -> Ops.embeddingBag(table, new int[] {1, 2}, new int[] {0}, SUM, Tensor.ones(2, 1), NO_PADDING));
  }

  @Test
  void rejectsWeightThatIsNotAMatrixAndAMissingMode() {
    assertMessage("embedding_bag: weight must be (V, E), got (8)",
        () -> Ops.embeddingBag(Tensor.zeros(8), new int[] {1}, new int[] {0}, SUM));
    assertMessage("embedding_bag: mode must be SUM or MEAN, got null",
        () -> Ops.embeddingBag(table, new int[] {1}, new int[] {0}, null));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
