package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;

class WindowingTest {
  /** a = row index, b = 100 + row index: every value says which row it came from. */
  private static final TimeSeries SERIES = TimeSeries.of(List.of("a", "b"), new float[][] {
      {0, 100}, {1, 101}, {2, 102}, {3, 103}, {4, 104}, {5, 105}, {6, 106}});
  private static final Scaler IDENTITY = Scaler.fit(Scaler.Kind.NONE, SERIES.values(), 0, 7);

  @Test
  void singleTargetIsTheHthStepAfterTheWindow() {
    List<ForecastWindow> windows = Windowing.single(3, 2, "a").apply(SERIES, IDENTITY);
    // N - L - h + 1 = 7 - 3 - 2 + 1 = 3 windows, ending at rows 2, 3, 4
    assertEquals(3, windows.size());
    SequenceExample first = windows.get(0).example();
    assertEquals(3, first.length());
    assertEquals(2, first.features());
    assertArrayEquals(new float[] {0, 100, 1, 101, 2, 102}, first.x());
    assertArrayEquals(new float[] {4}, first.y()); // row 2 + 2
    assertEquals("2", first.id());
    assertEquals("memory:1", first.source());
    assertArrayEquals(new float[] {2}, windows.get(0).lastObserved());
    assertEquals(4, windows.get(0).targetRow());
    ForecastWindow last = windows.get(2);
    assertArrayEquals(new float[] {2, 102, 3, 103, 4, 104}, last.example().x());
    assertArrayEquals(new float[] {6}, last.example().y());
    assertArrayEquals(new float[] {4}, last.lastObserved());
  }

  @Test
  void multiTargetsAreEveryStepUpToTheHorizon() {
    List<ForecastWindow> windows = Windowing.multi(3, 2, "a").apply(SERIES, IDENTITY);
    assertEquals(3, windows.size());
    assertArrayEquals(new float[] {3, 4}, windows.get(0).example().y());
    assertArrayEquals(new float[] {5, 6}, windows.get(2).example().y());
    assertEquals(6, windows.get(2).targetRow());
  }

  @Test
  void multiWithTwoTargetsIsStepMajor() {
    Windowing windowing = Windowing.multi(3, 2, "b", "a");
    assertEquals(4, windowing.outputSize());
    ForecastWindow w = windowing.apply(SERIES, IDENTITY).get(0);
    assertArrayEquals(new float[] {103, 3, 104, 4}, w.example().y());
    assertArrayEquals(new float[] {102, 2}, w.lastObserved());
  }

  @Test
  void targetInputsOnlyDropsOtherColumns() {
    ForecastWindow w = Windowing.single(3, 2, "b").withTargetInputsOnly(true).apply(SERIES, IDENTITY).get(1);
    assertEquals(1, w.example().features());
    assertArrayEquals(new float[] {101, 102, 103}, w.example().x());
  }

  @Test
  void inputsAndTargetsAreScaledButLastObservedAndActualAreNot() {
    Scaler scaler = Scaler.fit(Scaler.Kind.MIN_MAX, SERIES.values(), 0, 4); // a: (v - 0) / 3, b: (v - 100) / 3
    ForecastWindow w = Windowing.single(3, 1, "a").apply(SERIES, scaler).get(0);
    assertArrayEquals(new float[] {0, 0, 1 / 3f, 1 / 3f, 2 / 3f, 2 / 3f}, w.example().x(), 1e-6f);
    assertArrayEquals(new float[] {1}, w.example().y(), 1e-6f);
    assertArrayEquals(new float[] {3}, w.actual());
    assertArrayEquals(new float[] {2}, w.lastObserved());
  }

  @Test
  void rejectsASeriesShorterThanLagsPlusHorizon() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Windowing.single(5, 3, "a").apply(SERIES, IDENTITY));
    assertEquals("memory: a series of 7 rows is shorter than lags + horizon = 5 + 3 = 8; use fewer lags or a shorter"
        + " horizon", e.getMessage());
    assertEquals(1, Windowing.single(5, 2, "a").apply(SERIES, IDENTITY).size());
  }

  @Test
  void rejectsLagsAndHorizonBelowOne() {
    assertEquals("lags must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Windowing.single(0, 1, "a")).getMessage());
    assertEquals("horizon must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Windowing.multi(1, 0, "a")).getMessage());
  }

  @Test
  void rejectsAnUnknownTargetColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Windowing.single(2, 1, "c").apply(SERIES, IDENTITY));
    assertEquals("no column \"c\"; the columns are [a, b]", e.getMessage());
  }

  @Test
  void multiWithTwoTargetsKeepsEveryActualValueStepMajor() {
    // window 0 ends at row 2; its targets are rows 3 and 4, (b, a) at each step
    ForecastWindow w = Windowing.multi(3, 2, "b", "a").apply(SERIES, IDENTITY).get(0);
    assertArrayEquals(new float[] {103, 3, 104, 4}, w.actual());
  }
}
