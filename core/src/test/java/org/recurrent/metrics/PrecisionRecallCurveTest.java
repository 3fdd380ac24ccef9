package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrecisionRecallCurveTest {
  @Test
  void pointsStepDownTheDistinctScoresWithTiesEnteringTogether() {
    // scores 0.9 (pos), 0.8 (neg), 0.8 (pos), 0.1 (neg): thresholds 0.9, 0.8, 0.1
    PrecisionRecallCurve c = PrecisionRecallCurve.of(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.8, 0.8, 0.1});
    assertArrayEquals(new double[] {0, 0.5, 1, 1}, c.recall(), 1e-12);
    assertArrayEquals(new double[] {1, 1, 2.0 / 3, 0.5}, c.precision(), 1e-12);
    // AP = 0.5 * 1 + 0.5 * 2/3 + 0 * 0.5
    assertEquals(0.5 + 1.0 / 3, c.area(), 1e-12);
    assertEquals(0.5, c.positiveShare(), 1e-12);
  }

  @Test
  void theStepAreaIsAveragePrecision() {
    Random r = new Random(5);
    int n = 300;
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(4) == 0 ? 1 : 0;
      s[i] = Math.round((r.nextGaussian() + y[i]) * 4) / 4.0; // many ties
    }
    assertEquals(BinaryMetrics.averagePrecision(y, s), PrecisionRecallCurve.of(y, s).area(), 1e-12);
  }

  @Test
  void oneClassIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PrecisionRecallCurve.of(new int[] {0, 0}, new double[] {0.1, 0.2}));
  }
}
