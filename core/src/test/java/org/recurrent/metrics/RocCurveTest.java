package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocCurveTest {
  @Test
  void pointsStepDownTheDistinctScoresWithTiesAsOneDiagonalStep() {
    // scores 0.9 (pos), 0.8 (neg), 0.8 (pos), 0.1 (neg): thresholds 0.9, 0.8, 0.1
    RocCurve c = RocCurve.of(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.8, 0.8, 0.1});
    assertArrayEquals(new double[] {0, 0, 0.5, 1}, c.fpr(), 1e-12);
    assertArrayEquals(new double[] {0, 0.5, 1, 1}, c.tpr(), 1e-12);
    // area: 0 + (0.5 * (0.5 + 1) / 2) + 0.5 * 1 = 0.875
    assertEquals(0.875, c.area(), 1e-12);
  }

  @Test
  void theTrapezoidAreaIsTheRankRocAuc() {
    Random r = new Random(3);
    int n = 300;
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(3) == 0 ? 1 : 0;
      s[i] = Math.round((r.nextGaussian() + y[i]) * 4) / 4.0; // many ties
    }
    assertEquals(BinaryMetrics.rocAuc(y, s), RocCurve.of(y, s).area(), 1e-12);
  }

  @Test
  void oneClassIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new int[] {1, 1}, new double[] {0.1, 0.2}));
  }
}
