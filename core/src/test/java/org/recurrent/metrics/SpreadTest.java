package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void meanAndSampleStandardDeviationMatchAHandComputation() {
    // mean (0.95 + 0.97 + 0.99) / 3 = 0.97; squared deviations 0.0004, 0, 0.0004; / (n - 1) = 0.0004; sd = 0.02
    // (the population sd, / n, would be 0.01633: a test that tells the two apart)
    Spread s = Spread.of(0.97, 0.95, 0.99);
    assertEquals(0.97, s.mean(), 1e-15);
    assertEquals(0.02, s.sd(), 1e-15);
    assertEquals(0.95, s.min());
    assertEquals(0.99, s.max());
    assertArrayEquals(new double[] {0.97, 0.95, 0.99}, s.values(), "values in run order");
  }

  @Test
  void fourValuesAsNumpyStdWithDdofOne() {
    // numpy.std([1, 2, 3, 10], ddof=1) = 4.0824829046386...; mean 4
    Spread s = Spread.of(1, 2, 3, 10);
    assertEquals(4.0, s.mean(), 1e-15);
    assertEquals(Math.sqrt(50.0 / 3), s.sd(), 1e-14);
    assertEquals(4.08248290463863, s.sd(), 1e-12);
  }

  @Test
  void runsThatAgreeToManyDigitsKeepTheirStandardDeviation() {
    // sum x^2 - n mean^2 loses every digit here (x^2 ~ 1e18, the ulp of a double there is 128): two passes do not
    Spread s = Spread.of(1e9 + 1, 1e9 + 2, 1e9 + 3);
    assertEquals(1.0, s.sd(), 1e-6);
  }

  @Test
  void oneValueHasNoStandardDeviation() {
    Spread s = Spread.of(0.5);
    assertEquals(0.5, s.mean());
    assertTrue(Double.isNaN(s.sd()), "sd of one run: undefined, not 0");
  }

  @Test
  void aRunWithoutAValueMakesTheMeanNaNButNotTheRange() {
    Spread s = Spread.of(0.8, Double.NaN, 0.9);
    assertTrue(Double.isNaN(s.mean()));
    assertTrue(Double.isNaN(s.sd()));
    assertEquals(0.8, s.min());
    assertEquals(0.9, s.max());
  }

  @Test
  void constantOnlyWhenEveryValueIsTheSame() {
    assertTrue(Spread.of(0.25, 0.25, 0.25).constant());
    assertEquals(0.0, Spread.of(0.25, 0.25, 0.25).sd());
    assertFalse(Spread.of(0.25, 0.25, 0.2500001).constant());
    assertTrue(Spread.of(Double.NaN, Double.NaN).constant());
  }

  @Test
  void rejectsNoValues() {
    assertThrows(IllegalArgumentException.class, Spread::of);
  }
}
