package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Scaler.Kind#LOG_MIN_MAX}: min-max of log(1 + v). */
class LogScalerTest {
  @TempDir Path dir;

  /** Counts 0, 9, 99, 999: log1p = 0, log 10, log 100, log 1000. */
  private static final float[][] COUNTS = {{0}, {9}, {99}, {999}};

  @Test
  void scalesTheLogOfOnePlusTheValueToTheUnitInterval() {
    Scaler s = Scaler.fit(Scaler.Kind.LOG_MIN_MAX, COUNTS, 0, 4);
    assertEquals(0, s.offset(0), 1e-12);
    assertEquals(Math.log(1000), s.scale(0), 1e-12);
    assertEquals(0f, s.transform(0, 0));
    assertEquals(1f / 3, s.transform(0, 9), 1e-6f);      // log 10 / log 1000
    assertEquals(2f / 3, s.transform(0, 99), 1e-6f);
    assertEquals(1f, s.transform(0, 999), 1e-6f);
    // inverse: expm1; a value beyond the fitted range maps beyond 1 and back
    assertEquals(9999f, s.inverseTransform(0, s.transform(0, 9999)), 0.05f);
    assertEquals(99f, s.inverseTransform(0, 2f / 3), 1e-3f);
  }

  @Test
  void fittedOnTheTrainingRowsOnly() {
    Scaler s = Scaler.fit(Scaler.Kind.LOG_MIN_MAX, COUNTS, 0, 2);    // 0 and 9 only
    assertEquals(Math.log(10), s.scale(0), 1e-12);
  }

  @Test
  void refusesNegativeValues() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Scaler.fit(Scaler.Kind.LOG_MIN_MAX, new float[][] {{1}, {-2}}, 0, 2));
    assertTrue(e.getMessage().contains("log scaling needs values >= 0, but column 0 holds -2.0"), e.getMessage());
  }

  @Test
  void roundTripsThroughItsFile() throws IOException {
    Scaler s = Scaler.fit(Scaler.Kind.LOG_MIN_MAX, COUNTS, 0, 4);
    Path file = dir.resolve("scaler.json");
    s.save(file);
    Scaler loaded = Scaler.load(file);
    assertEquals(Scaler.Kind.LOG_MIN_MAX, loaded.kind());
    assertEquals(s.transform(0, 42), loaded.transform(0, 42));
    assertEquals(s.inverseTransform(0, 0.5f), loaded.inverseTransform(0, 0.5f));
  }
}
