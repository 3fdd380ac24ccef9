package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

class EmbeddingTest {

  @Test
  void stateDictHasWeightOfShapeVByE() {
    Map<String, Tensor> state = new Embedding(11, 4, new Random(1)).stateDict();
    assertEquals(List.of("weight"), List.copyOf(state.keySet()));
    assertArrayEquals(new int[] {11, 4}, state.get("weight").shape());
  }

  @Test
  void initialWeightsAreStandardNormal() {
    float[] w = new Embedding(200, 50, new Random(2)).weight().data();
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
    Embedding emb = new Embedding(5, 3, 2, new Random(3));
    Tensor w = emb.weight();
    for (int j = 0; j < 3; j++) assertEquals(0f, w.get(2, j));
    assertTrue(w.get(1, 0) != 0f, "other rows are initialised");
    Ops.sum(emb.forward(new int[] {2, 1, 2})).backward();
    for (int j = 0; j < 3; j++) {
      assertEquals(0f, w.grad().get(2, j));
      assertEquals(1f, w.grad().get(1, j));
    }
  }

  @Test
  void forwardEqualsTheEmbeddingOp() {
    Embedding emb = new Embedding(6, 4, new Random(4));
    int[] ids = {5, 0, 3, 3, 1, 2};
    Tensor y = emb.forward(ids, 2, 3);
    assertArrayEquals(new int[] {2, 3, 4}, y.shape());
    assertArrayEquals(Ops.embedding(emb.weight(), ids, 2, 3).data(), y.data());
  }

  @Test
  void rejectsPaddingIndexOutsideTheTable() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 3, 5, new Random(1)));
    assertEquals("Embedding: paddingIdx must be in [0, 5) or -1 for none, got 5", e.getMessage());
  }
}
