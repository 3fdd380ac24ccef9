package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureMatrixTest {

  @Test
  void holdsRowsAsGivenAndHandsOutCopies() {
    double[][] rows = {{1, 2, 3}, {4, 5, 6}};
    FeatureMatrix x = FeatureMatrix.of(rows);
    rows[0][0] = 99;                                                      // the input was copied
    assertEquals(2, x.rows());
    assertEquals(3, x.cols());
    assertEquals(1, x.get(0, 0));
    assertEquals(6, x.get(1, 2));
    x.row(1)[0] = 99;                                                     // so is the output
    assertArrayEquals(new double[] {4, 5, 6}, x.row(1));
    assertArrayEquals(new double[][] {{4, 5, 6}, {1, 2, 3}, {4, 5, 6}}, x.select(new int[] {1, 0, 1}).toArray());
    assertArrayEquals(x.toArray(), FeatureMatrix.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).toArray());
  }

  @Test
  void rejectsEmptyRaggedAndNonFiniteInput() {
    assertEquals("FeatureMatrix: no rows; expected at least one example",
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.of(new double[0][])).getMessage());
    assertEquals("FeatureMatrix: row 0 has no values; expected at least one feature",
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.of(new double[][] {{}})).getMessage());
    assertEquals("FeatureMatrix: row 2 has 1 values, expected 2 like row 0 (ragged rows)",
        assertThrows(IllegalArgumentException.class,
            () -> FeatureMatrix.of(new double[][] {{1, 2}, {3, 4}, {5}})).getMessage());
    assertEquals("FeatureMatrix: row 1 column 0 is NaN; features must be finite numbers (impute or drop missing"
        + " values first)", assertThrows(IllegalArgumentException.class,
            () -> FeatureMatrix.of(new double[][] {{1, 2}, {Double.NaN, 4}})).getMessage());
    assertEquals("FeatureMatrix: row 0 column 1 is Infinity; features must be finite numbers (impute or drop"
        + " missing values first)", assertThrows(IllegalArgumentException.class,
            () -> FeatureMatrix.of(new double[] {1, Double.POSITIVE_INFINITY}, 1, 2)).getMessage());
    assertEquals("FeatureMatrix: (2, 2) needs 4 values, got 3",
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.of(new double[3], 2, 2)).getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> FeatureMatrix.of(new double[][] {{1}}).get(1, 0));
  }
}
