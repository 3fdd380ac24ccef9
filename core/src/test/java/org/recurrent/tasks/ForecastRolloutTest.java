package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.timeseries.Scaler;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.Windowing;

class ForecastRolloutTest {
  /** A "model" reading its whole window: the forecast is the mean of the L inputs of each target, plus 1. */
  private static final Task.ModelRunner MEAN_PLUS_ONE = records -> {
    float[][] out = new float[records.size()][];
    for (int i = 0; i < out.length; i++) {
      SequenceExample e = records.get(i);
      int C = e.features();
      out[i] = new float[C];
      for (int t = 0; t < e.length(); t++) for (int c = 0; c < C; c++) out[i][c] += e.x(t, c) / e.length();
      for (int c = 0; c < C; c++) out[i][c] += 1;
    }
    return out;
  };

  private static TimeSeries series(float... values) {
    float[][] rows = new float[values.length][];
    for (int r = 0; r < values.length; r++) rows[r] = new float[] {values[r]};
    return TimeSeries.of(List.of("v"), rows);
  }

  @Test
  void recursiveFeedsItsOwnForecastsBack() {
    // L = 2, window ending at row 1 of 0, 2, ...: f1 = (0 + 2)/2 + 1 = 2, f2 = (2 + 2)/2 + 1 = 3, f3 = (2 + 3)/2 + 1
    TimeSeries s = series(0, 2, 100, 100, 100);
    Windowing w = Windowing.recursive(2, 3, "v");
    List<ForecastWindow> windows = w.apply(s, Scaler.fit(Scaler.Kind.NONE, s.values(), 0, 5));
    float[][] f = ForecastRollout.forecast(List.of(windows.get(0).example()), w, 3, MEAN_PLUS_ONE);
    assertArrayEquals(new float[] {2, 3, 3.5f}, f[0], 1e-6f);
  }

  /**
   * Leakage: changing every value after a window's last input row must not change its forecast. A rollout that read
   * the next window's (observed) inputs instead of its own forecasts would fail this.
   */
  @Test
  void aRecursiveForecastNeverReadsAValueAfterItsWindow() {
    float[] base = new float[40];
    for (int r = 0; r < base.length; r++) base[r] = (float) Math.sin(r / 3.0);
    float[] altered = base.clone();
    int t = 19;                                          // last input row of the window we look at
    for (int r = t + 1; r < altered.length; r++) altered[r] = 1000 + r;
    Windowing w = Windowing.recursive(5, 14, "v");
    List<float[]> forecasts = new ArrayList<>();
    for (float[] v : List.of(base, altered)) {
      TimeSeries s = series(v);
      // a fixed scaler: the same for both series, so only the inputs could differ
      Scaler scaler = new Scaler(Scaler.Kind.MIN_MAX, new double[] {-1}, new double[] {2});
      List<ForecastWindow> windows = w.apply(s, scaler);
      ForecastWindow mine = windows.stream().filter(x -> x.lastInputRow() == t).findFirst().orElseThrow();
      forecasts.add(ForecastRollout.forecast(windows.stream().map(ForecastWindow::example).toList(), w, 14,
          MEAN_PLUS_ONE)[windows.indexOf(mine)]);
    }
    assertArrayEquals(forecasts.get(0), forecasts.get(1));
  }

  @Test
  void directModelsFillTheirOwnStepsAndRefuseToRollFurther() {
    TimeSeries s = series(0, 1, 2, 3, 4, 5, 6, 7);
    Scaler none = Scaler.fit(Scaler.Kind.NONE, s.values(), 0, 8);
    Task.ModelRunner steps = records -> records.stream().map(e -> new float[] {10, 20, 30}).toArray(float[][]::new);
    Windowing multi = Windowing.multi(2, 3, "v");
    float[][] f = ForecastRollout.forecast(List.of(multi.apply(s, none).get(0).example()), multi, 2, steps);
    assertArrayEquals(new float[] {10, 20}, f[0]);
    var e = assertThrows(IllegalArgumentException.class,
        () -> ForecastRollout.forecast(List.of(multi.apply(s, none).get(0).example()), multi, 4, steps));
    assertTrue(e.getMessage().contains("forecasts directly 3 steps ahead"), e.getMessage());
    Windowing single = Windowing.single(2, 3, "v");
    Task.ModelRunner one = records -> records.stream().map(x -> new float[] {30}).toArray(float[][]::new);
    float[][] g = ForecastRollout.forecast(List.of(single.apply(s, none).get(0).example()), single, 3, one);
    assertTrue(Float.isNaN(g[0][0]) && Float.isNaN(g[0][1]));
    assertEquals(30f, g[0][2]);
  }

  @Test
  void recursiveRefusesCovariates() {
    TimeSeries two = TimeSeries.of(List.of("v", "region"), new float[][] {{1, 2}, {3, 4}, {5, 6}});
    Windowing w = new Windowing(1, 1, List.of("v"), Windowing.Mode.SINGLE, false, Windowing.Strategy.RECURSIVE, 0);
    var e = assertThrows(IllegalArgumentException.class, () -> w.inputIndices(two));
    assertTrue(e.getMessage().contains("covariate columns [region]"), e.getMessage());
    assertArrayEquals(new int[] {0}, w.withTargetInputsOnly(true).inputIndices(two));
  }
}
