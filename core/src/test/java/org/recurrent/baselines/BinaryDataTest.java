package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinaryDataTest {
  private static final FeatureMatrix X = FeatureMatrix.of(new double[][] {{1}, {2}, {3}});

  @Test
  void pairsRowsWithTheirLabels() {
    int[] y = {0, 1, 1};
    BinaryData d = new BinaryData(X, y);
    y[0] = 1;                                                             // copied in
    d.y()[1] = 0;                                                         // and out
    assertArrayEquals(new int[] {0, 1, 1}, d.y());
    BinaryData picked = d.select(new int[] {2, 0});
    assertArrayEquals(new int[] {1, 0}, picked.y());
    assertEquals(3, picked.x().get(0, 0));
  }

  @Test
  void rejectsMismatchedOrNonBinaryLabels() {
    assertEquals("BinaryData: expected one label per row, got 2 labels for 3 rows",
        assertThrows(IllegalArgumentException.class, () -> new BinaryData(X, new int[] {0, 1})).getMessage());
    assertEquals("BinaryData: y[1] = -1, expected 0 (negative) or 1 (positive)",
        assertThrows(IllegalArgumentException.class, () -> new BinaryData(X, new int[] {0, -1, 1})).getMessage());
  }
}
