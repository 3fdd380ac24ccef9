package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class EmbeddingOpsTest {
  private final Tensor table = Tensor.of(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, 4, 2);   // (V=4, E=2)

  @Test
  void looksUpRowsInTheGivenIdShape() {
    Tensor y = Ops.embedding(table, new int[] {3, 1, 1, 2, 0, 3}, 2, 3);
    assertArrayEquals(new int[] {2, 3, 2}, y.shape());
    assertValues(new float[] {3, 30, 1, 10, 1, 10, 2, 20, 0, 0, 3, 30}, y, 0f);
    assertArrayEquals(new int[] {2, 2}, Ops.embedding(table, new int[] {1, 2}).shape());
  }

  @Test
  void repeatedIdsAccumulateTheirGradients() {
    Tensor w = param(1, 4, 2);
    Ops.sum(Ops.embedding(w, new int[] {2, 2, 2, 0})).backward();
    assertValues(new float[] {1, 1, 0, 0, 3, 3, 0, 0}, w.grad(), 0f);
  }

  @Test
  void backwardMatchesFiniteDifferencesWithRepeatedIds() {
    Tensor w = param(2, 5, 7);
    int[] ids = {4, 0, 4, 2, 2, 2, 1, 4, 0, 3, 4, 1, 0, 0, 2};
    GradCheck.create().check("embedding", () -> new Tensor[] {Ops.embedding(w, ids, 3, 5)}, w);
  }

  @Test
  void paddingRowReceivesNoGradient() {
    Tensor w = param(3, 4, 2);
    Ops.sum(Ops.embedding(w, new int[] {0, 1, 0, 3}, new int[] {4}, 0)).backward();
    assertValues(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, w.grad(), 0f);
  }

  @Test
  void rejectsOutOfRangeIdNamingIdAndVocabulary() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.embedding(table, new int[] {1, 4}));
    assertEquals("embedding: id 4 at position 1 is out of range for a table of V=4 rows (valid 0..3)", e.getMessage());
    var neg = assertThrows(IllegalArgumentException.class, () -> Ops.embedding(table, new int[] {-1}));
    assertEquals("embedding: id -1 at position 0 is out of range for a table of V=4 rows (valid 0..3)",
        neg.getMessage());
  }

  @Test
  void rejectsIdShapeThatDoesNotHoldTheIds() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.embedding(table, new int[] {1, 2, 3}, 2, 2));
    assertEquals("embedding: id shape (2, 2) holds 4 ids, but 3 were given", e.getMessage());
  }

  @Test
  void rejectsPaddingIndexOutsideTheTable() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ops.embedding(table, new int[] {1}, new int[] {1}, 4));
    assertEquals("embedding: paddingIdx 4 is out of range for V=4 (valid 0..3)", e.getMessage());
  }
}
