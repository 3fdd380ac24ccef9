package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparseFeaturesTest {
  // (3, 4): row 0 = [0 2 0 1], row 1 = [] (all zero), row 2 = [5 0 0 0]
  private static final int[] ROW_START = {0, 2, 2, 3};
  private static final int[] INDEX = {1, 3, 0};
  private static final double[] VALUE = {2, 1, 5};

  @Test
  void storesOnlyTheNonZerosAndReadsBackEveryEntry() {
    SparseFeatures x = SparseFeatures.of(3, 4, ROW_START, INDEX, VALUE);
    assertEquals(3, x.nonZeros());
    double[][] dense = {{0, 2, 0, 1}, {0, 0, 0, 0}, {5, 0, 0, 0}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) assertEquals(dense[i][j], x.get(i, j), 0.0, "(" + i + ", " + j + ")");
    }
    assertArrayEquals(dense, x.toDense().toArray());
    // dense -> sparse -> dense is the identity
    assertArrayEquals(dense, SparseFeatures.of(FeatureMatrix.of(dense)).toDense().toArray());
  }

  @Test
  void dotAndAddRowTouchOnlyTheStoredColumns() {
    SparseFeatures x = SparseFeatures.of(3, 4, ROW_START, INDEX, VALUE);
    double[] w = {1, 10, 100, 1000, 7};                                 // the extra entry (an intercept) is unread
    assertEquals(0.5 + 2 * 10 + 1000, x.dot(0, w, 0.5), 0.0);
    assertEquals(0.5, x.dot(1, w, 0.5), 0.0);
    double[] out = {1, 1, 1, 1, 1};
    x.addRow(0, 3, out);
    assertArrayEquals(new double[] {1, 7, 1, 4, 1}, out, 0.0);
  }

  @Test
  void copiesItsArrays() {
    int[] index = INDEX.clone();
    SparseFeatures x = SparseFeatures.of(3, 4, ROW_START, index, VALUE);
    index[0] = 0;
    assertEquals(2, x.get(0, 1), 0.0);
  }

  @Test
  void rejectsMalformedArraysSayingWhatWasExpected() {
    assertMessage("columns must be strictly increasing", "after 3",
        () -> SparseFeatures.of(1, 4, new int[] {0, 2}, new int[] {3, 1}, new double[] {1, 1}));
    assertMessage("a column listed twice", "each at most once",
        () -> SparseFeatures.of(1, 4, new int[] {0, 2}, new int[] {1, 1}, new double[] {1, 1}));
    assertMessage("a column out of range", "row 0 has column 4, expected 0..3",
        () -> SparseFeatures.of(1, 4, new int[] {0, 1}, new int[] {4}, new double[] {1}));
    assertMessage("a non-finite value", "is NaN",
        () -> SparseFeatures.of(1, 4, new int[] {0, 1}, new int[] {0}, new double[] {Double.NaN}));
    assertMessage("offsets that do not cover the values", "rowStart must run from 0 to the 1 stored values",
        () -> SparseFeatures.of(1, 4, new int[] {0, 0}, new int[] {0}, new double[] {1}));
    assertMessage("decreasing offsets", "rowStart decreases at row 1 (2 then 1)",
        () -> SparseFeatures.of(2, 4, new int[] {0, 2, 1}, new int[] {0}, new double[] {1}));
    assertMessage("indices and values of different lengths", "2 column indices but 1 values",
        () -> SparseFeatures.of(1, 4, new int[] {0, 1}, new int[] {0, 1}, new double[] {1}));
    assertMessage("no rows", "at least one row and one column",
        () -> SparseFeatures.of(0, 4, new int[] {0}, new int[0], new double[0]));
  }

  private static void assertMessage(String what, String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
  }
}
