package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChronologicalSplitTest {

  /** 100 rows whose value is the row index, so every target tells which row it came from. */
  private static TimeSeries rowIndexSeries() {
    float[][] v = new float[100][1];
    for (int r = 0; r < 100; r++) v[r][0] = r;
    return TimeSeries.of(List.of("y"), v);
  }

  @Test
  void noTrainingTargetLiesInValidationOrTestRows() {
    TimeSeries series = rowIndexSeries();
    Windowing windowing = Windowing.multi(5, 7, "y");
    ForecastDataset data = new ChronologicalSplit(0.6, 0.2).apply(series, Scaler.Kind.MIN_MAX, windowing);
    assertEquals(new ChronologicalSplit.Bounds(60, 80, 100), data.bounds());
    for (ForecastWindow w : data.train()) {
      for (float target : w.actual()) assertTrue(target < 60, "training target from row " + target);
    }
    for (ForecastWindow w : data.validation()) {
      assertTrue(w.targetRow() >= 60 && w.targetRow() < 80, "validation window ends at row " + w.targetRow());
    }
    for (ForecastWindow w : data.test()) assertTrue(w.targetRow() >= 80);
    // every window is in exactly one part: N - L - h + 1 = 100 - 5 - 7 + 1 = 89
    assertEquals(89, data.train().size() + data.validation().size() + data.test().size());
    // the last training window's last target is row 59; its successor is validation's first
    assertEquals(59, data.train().get(data.train().size() - 1).targetRow());
    assertEquals(60, data.validation().get(0).targetRow());
  }

  @Test
  void scalerIsFittedOnTrainingRowsOnly() {
    ForecastDataset data = new ChronologicalSplit(0.6, 0.2)
        .apply(rowIndexSeries(), Scaler.Kind.MIN_MAX, Windowing.single(3, 1, "y"));
    assertEquals(0.0, data.scaler().offset(0));
    assertEquals(59.0, data.scaler().scale(0)); // max of rows 0..59, not 99
    float lastTestTarget = data.test().get(data.test().size() - 1).example().y()[0];
    assertEquals(99 / 59f, lastTestTarget, 1e-6);
  }

  @Test
  void boundsDoNotLoseARowToRounding() {
    // the airline README's split: 108 / 12 / 24 of 144 rows
    ChronologicalSplit split = new ChronologicalSplit(108 / 144.0, 12 / 144.0);
    assertEquals(new ChronologicalSplit.Bounds(108, 120, 144), split.bounds(144));
  }

  @Test
  void airlineSplitKeepsTestTargetsInTheLastTwoYears() throws IOException {
    assumeTrue(Files.isReadable(TimeSeriesCsvReaderTest.AIRLINE), "timeseries-classic data not present");
    TimeSeries series = new TimeSeriesCsvReader(TimeSeriesCsvOptions.withTime("Month"))
        .read(TimeSeriesCsvReaderTest.AIRLINE);
    ForecastDataset data = new ChronologicalSplit(108 / 144.0, 12 / 144.0)
        .apply(series, Scaler.Kind.MIN_MAX, Windowing.single(12, 1, "Passengers"));
    assertEquals(96, data.train().size()); // targets rows 12..107
    assertEquals(12, data.validation().size());
    assertEquals(24, data.test().size());
    assertEquals("1958-12", data.test().get(0).example().id()); // last input step before the first 1959 target
  }

  @Test
  void rejectsTooFewTrainingRowsForOneWindow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.05, 0.5)
        .apply(rowIndexSeries(), Scaler.Kind.NONE, Windowing.single(4, 2, "y")));
    assertEquals("the 5 training rows hold no window of lags + horizon = 6 rows; train on more rows or use fewer lags",
        e.getMessage());
  }

  @Test
  void fractionsAtTheirBoundsAreAccepted() {
    // everything for training, and a train + validation that adds up to exactly 1 (no test rows)
    assertEquals(new ChronologicalSplit.Bounds(10, 10, 10), new ChronologicalSplit(1.0, 0.0).bounds(10));
    assertEquals(new ChronologicalSplit.Bounds(6, 10, 10), new ChronologicalSplit(0.625, 0.375).bounds(10));
    assertEquals("train must be in (0, 1], got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.0, 0.5)).getMessage());
    assertEquals("train must be in (0, 1], got 1.25",
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(1.25, 0.0)).getMessage());
    assertEquals("validation must be >= 0 with train + validation <= 1, got 0.5 + -0.25",
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.5, -0.25)).getMessage());
    assertEquals("validation must be >= 0 with train + validation <= 1, got 0.75 + 0.5",
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.75, 0.5)).getMessage());
  }

  @Test
  void seriesRowsMustHaveOneValuePerColumnAndColumnsReadBack() {
    TimeSeries series = TimeSeries.of(List.of("a", "b"), new float[][] {{1, 2}, {3, 4}});
    assertArrayEquals(new float[] {2, 4}, series.column("b"));
    assertEquals("row 1 has 1 values, expected 2 (one per column)", assertThrows(IllegalArgumentException.class,
        () -> TimeSeries.of(List.of("a", "b"), new float[][] {{1, 2}, {3}})).getMessage());
  }
}
