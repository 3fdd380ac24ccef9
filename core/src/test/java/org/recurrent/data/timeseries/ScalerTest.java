package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;

class ScalerTest {
  private static final float[][] SMALL = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};

  @TempDir Path dir;

  @Test
  void minMaxFittedOnTheFirstHundredAirlineRowsOnly() throws IOException {
    assumeTrue(Files.isReadable(TimeSeriesCsvReaderTest.AIRLINE), "timeseries-classic data not present");
    float[][] v = new TimeSeriesCsvReader(TimeSeriesCsvOptions.withTime("Month"))
        .read(TimeSeriesCsvReaderTest.AIRLINE).values();
    Scaler scaler = Scaler.fit(Scaler.Kind.MIN_MAX, v, 0, 100);
    float max = Float.NEGATIVE_INFINITY;
    float min = Float.POSITIVE_INFINITY;
    for (int r = 0; r < 100; r++) {
      max = Math.max(max, v[r][0]);
      min = Math.min(min, v[r][0]);
    }
    assertEquals(1f, scaler.transform(0, max), 1e-6);
    assertEquals(0f, scaler.transform(0, min), 1e-6);
    float later = v[143][0]; // 432, above the training max (the series grows)
    assertTrue(later > max);
    assertTrue(scaler.transform(0, later) > 1f, "a value above the training max maps above 1");
    float[][] roundTrip = scaler.inverseTransform(scaler.transform(v));
    for (int r = 0; r < v.length; r++) {
      assertEquals(v[r][0], roundTrip[r][0], 1e-5 * Math.abs(v[r][0]), "row " + r);
    }
  }

  @Test
  void zScoreUsesMeanAndPopulationStd() {
    Scaler scaler = Scaler.fit(Scaler.Kind.Z_SCORE, SMALL, 0, 4);
    // column 0: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
    assertEquals(2.5, scaler.offset(0), 1e-12);
    assertEquals(Math.sqrt(1.25), scaler.scale(0), 1e-12);
    assertEquals((float) (1.5 / Math.sqrt(1.25)), scaler.transform(0, 4f), 1e-6);
    // column 1 is constant: std 0 -> scale 1, so it maps to 0 instead of dividing by zero
    assertEquals(1.0, scaler.scale(1));
    assertEquals(0f, scaler.transform(1, 7f));
  }

  @Test
  void minMaxOfAConstantColumnHasScaleOne() {
    Scaler scaler = Scaler.fit(Scaler.Kind.MIN_MAX, SMALL, 1, 3);
    assertEquals(2.0, scaler.offset(0));
    assertEquals(1.0, scaler.scale(0)); // max 3 - min 2
    assertEquals(7.0, scaler.offset(1));
    assertEquals(1.0, scaler.scale(1));
  }

  @Test
  void singleColumnInverseUnscalesPredictions() {
    Scaler scaler = Scaler.fit(Scaler.Kind.Z_SCORE, SMALL, 0, 4);
    for (float v : new float[] {-3.25f, 0f, 2.5f, 41f}) {
      assertEquals(v, scaler.inverseTransform(0, scaler.transform(0, v)), 1e-5);
    }
  }

  @Test
  void noneIsTheIdentity() {
    Scaler scaler = Scaler.fit(Scaler.Kind.NONE, SMALL, 0, 2);
    assertEquals(3f, scaler.transform(0, 3f));
  }

  @Test
  void rejectsAnEmptyRowRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scaler.fit(Scaler.Kind.MIN_MAX, SMALL, 2, 2));
    assertEquals("rows [2, 2) must be a non-empty range within the 4 rows", e.getMessage());
  }

  @Test
  void rejectsRaggedRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scaler.fit(Scaler.Kind.Z_SCORE, new float[][] {{1, 2}, {3}}, 0, 2));
    assertEquals("row 1 has 1 values, expected 2 like row 0", e.getMessage());
  }

  @Test
  void saveAndLoadTransformIdentically() throws IOException {
    Scaler scaler = Scaler.fit(Scaler.Kind.Z_SCORE, new float[][] {{0.1f, 1e6f}, {0.7f, 3e6f}, {0.3f, 2e6f}}, 0, 3);
    Path file = dir.resolve("scaler.json");
    scaler.save(file);
    Scaler loaded = Scaler.load(file);
    assertEquals(Scaler.Kind.Z_SCORE, loaded.kind());
    for (int c = 0; c < 2; c++) {
      assertEquals(scaler.offset(c), loaded.offset(c));
      assertEquals(scaler.scale(c), loaded.scale(c));
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temp file is left behind");
    }
  }

  @Test
  void loadRejectsAnotherFormat() throws IOException {
    Path file = write("{\"format\": \"recurrent-vocabulary\", \"version\": 1}");
    assertEquals(file + ": expected format \"recurrent-scaler\", found \"recurrent-vocabulary\"", loadError(file));
  }

  @Test
  void loadRejectsAnUnknownKind() throws IOException {
    Path file = write("{\"format\": \"recurrent-scaler\", \"version\": 1, \"kind\": \"robust\", \"columns\": []}");
    assertEquals(file + ": expected kind \"none\", \"min_max\", \"z_score\" or \"log_min_max\", found \"robust\"",
        loadError(file));
  }

  @Test
  void loadRejectsAMissingParameter() throws IOException {
    Path file = write("{\"format\": \"recurrent-scaler\", \"version\": 1, \"kind\": \"min_max\","
        + " \"columns\": [{\"offset\": 1, \"scale\": 2}, {\"offset\": 3}]}");
    assertEquals(file + ": expected columns[1].scale to be a number, found nothing", loadError(file));
  }

  @Test
  void loadRejectsAZeroScale() throws IOException {
    Path file = write("{\"format\": \"recurrent-scaler\", \"version\": 1, \"kind\": \"min_max\","
        + " \"columns\": [{\"offset\": 1, \"scale\": 0}]}");
    assertEquals(file + ": expected columns[0].scale non-zero, found 0", loadError(file));
  }

  @Test
  void loadReportsAMissingVersion() throws IOException {
    Path file = write("{\"format\": \"recurrent-scaler\"}");
    assertEquals(file + ": missing field \"version\"", loadError(file));
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("scaler.json"), json);
  }

  private static String loadError(Path file) {
    return assertThrows(DataFormatException.class, () -> Scaler.load(file)).getMessage();
  }

  @Test
  void zScoreFitsOnTheGivenRowsOnly() {
    // rows 1..3 of column 0 are 2, 3, 4: mean 3, population variance (1 + 0 + 1) / 3 = 2/3
    Scaler scaler = Scaler.fit(Scaler.Kind.Z_SCORE, SMALL, 1, 4);
    assertEquals(3.0, scaler.offset(0), 1e-12);
    assertEquals(Math.sqrt(2.0 / 3), scaler.scale(0), 1e-12);
  }

  @Test
  void rowsMustHaveOneValuePerFittedColumn() {
    Scaler scaler = Scaler.fit(Scaler.Kind.MIN_MAX, SMALL, 0, 4);
    assertEquals("row has 3 values but the scaler was fitted on 2 columns", assertThrows(IllegalArgumentException.class,
        () -> scaler.transformRow(new float[] {1, 2, 3})).getMessage());
    assertEquals("row has 1 values but the scaler was fitted on 2 columns", assertThrows(IllegalArgumentException.class,
        () -> scaler.inverseTransformRow(new float[] {1})).getMessage());
  }

  @Test
  void rejectsAZeroOrNonFiniteScaleAndANonFiniteOffset() {
    assertEquals("scale[1] must be finite and non-zero, got 0.0", assertThrows(IllegalArgumentException.class,
        () -> new Scaler(Scaler.Kind.MIN_MAX, new double[] {0, 0}, new double[] {1, 0})).getMessage());
    assertEquals("scale[0] must be finite and non-zero, got Infinity", assertThrows(IllegalArgumentException.class,
        () -> new Scaler(Scaler.Kind.MIN_MAX, new double[] {0}, new double[] {Double.POSITIVE_INFINITY})).getMessage());
    assertEquals("offset[0] is NaN", assertThrows(IllegalArgumentException.class,
        () -> new Scaler(Scaler.Kind.Z_SCORE, new double[] {Double.NaN}, new double[] {1})).getMessage());
  }
}
