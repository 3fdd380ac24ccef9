package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void eceWeighsEachBinsGapByItsShareComputedByHand() {
    // two bins: (0, 0.5] (with 0) and (0.5, 1]
    // bin 0: 0.05 right, 0.15 wrong, 0.5 right  -> conf 0.7/3, acc 2/3, gap 1.3/3, share 3/7
    // bin 1: 0.55 wrong, 0.6, 0.95, 1.0 right   -> conf 3.1/4, acc 3/4, gap 0.1/4, share 4/7
    // ECE = 3/7 * 1.3/3 + 4/7 * 0.1/4 = 1.4/7 = 0.2
    Calibration c = Calibration.of(new double[] {0.05, 0.15, 0.5, 0.55, 0.6, 0.95, 1.0},
        new boolean[] {true, false, true, false, true, true, true}, 2);
    assertArrayEquals(new long[] {3, 4}, c.binCount());
    assertArrayEquals(new double[] {0.7 / 3, 3.1 / 4}, c.binConfidence(), 1e-12);
    assertArrayEquals(new double[] {2.0 / 3, 0.75}, c.binAccuracy(), 1e-12);
    assertEquals(0.2, c.ece(), 1e-12);
  }

  @Test
  void binsAreClosedAboveSoAnEdgeFallsIntoTheLowerBin() {
    assertEquals(0, Calibration.bin(0.0, 15));
    assertEquals(0, Calibration.bin(1.0 / 15, 15));
    assertEquals(1, Calibration.bin(1.0 / 15 + 1e-9, 15));
    assertEquals(14, Calibration.bin(1.0, 15));
    assertEquals(7, Calibration.bin(0.5, 15), "0.5 lies in (7/15, 8/15]");
  }

  @Test
  void aCalibratedModelHasZeroEceAndAnOverconfidentOneItsGap() {
    // confidence 0.8 everywhere, right 4 times in 5: calibrated
    assertEquals(0, Calibration.of(new double[] {0.8, 0.8, 0.8, 0.8, 0.8},
        new boolean[] {true, true, true, true, false}, Calibration.DEFAULT_BINS).ece(), 1e-12);
    // confidence 0.9, right half the time: ECE = |0.5 - 0.9| = 0.4
    assertEquals(0.4, Calibration.of(new double[] {0.9, 0.9}, new boolean[] {true, false}, 15).ece(), 1e-12);
  }

  @Test
  void emptyBinsAreNanAndAddNothing() {
    Calibration c = Calibration.of(new double[] {0.95}, new boolean[] {true}, 4);
    assertTrue(Double.isNaN(c.binAccuracy()[0]) && Double.isNaN(c.binConfidence()[1]));
    assertEquals(0.05, c.ece(), 1e-12);
    assertEquals(0.25, c.upperEdge(0), 1e-12);
  }

  @Test
  void refusesWhatIsNotAProbabilityNamingTheRow() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Calibration.of(new double[] {0.2, 1.5}, new boolean[] {true, true}, 15));
    assertEquals("expected calibration error: confidence[1] = 1.5, expected a probability in [0, 1]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[] {Double.NaN}, new boolean[] {true}, 15));
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[0], new boolean[0], 15));
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[] {0.2}, new boolean[] {true}, 0));
  }
}
