package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.timeseries.Scaler;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.Windowing;

class ForecastTaskTest {
  private static final ForecastTask TASK = new ForecastTask();
  /** rows 0..4 of a = 1, 2, 4, 7, 11 and b = 10, 20, 30, 40, 50. */
  private static final TimeSeries SERIES = TimeSeries.of(List.of("a", "b"), new float[][] {
      {1, 10}, {2, 20}, {4, 30}, {7, 40}, {11, 50}});
  private static final Scaler IDENTITY = Scaler.fit(Scaler.Kind.NONE, SERIES.values(), 0, 5);

  @Test
  void lastValueRepeatsEachTargetsLastObservationAtEveryHorizonStep() {
    // L = 2, h = 2, every step: windows end at rows 1 and 2; outputs (a, b) at t + 1, then (a, b) at t + 2
    List<ForecastWindow> windows = Windowing.multi(2, 2, "a", "b").apply(SERIES, IDENTITY);
    // t = 1: actual (4, 30, 7, 40), last value (2, 20) -> errors 2, 10, 5, 20
    // t = 2: actual (7, 40, 11, 50), last value (4, 30) -> errors 3, 10, 7, 20
    Map<String, Double> m = TASK.baselines(part("train", List.of()), part("test", windows), labels(2, 4));
    assertEquals(77.0 / 8, m.get("last_value_mae"), 1e-9); // (2 + 10 + 5 + 20 + 3 + 10 + 7 + 20) / 8
    // (4 + 100 + 25 + 400 + 9 + 100 + 49 + 400) / 8
    assertEquals(Math.sqrt(1087.0 / 8), m.get("last_value_rmse"), 1e-9);
    assertEquals(List.of("last_value_rmse", "last_value_mae", "last_value_mape", "last_value_smape", "last_value_r2",
        "last_value_mae_h1", "last_value_rmse_h1", "last_value_smape_h1", "last_value_mae_h2", "last_value_rmse_h2",
        "last_value_smape_h2"), List.copyOf(m.keySet()));
    // step 1: errors 2, 10, 3, 10; step 2: errors 5, 20, 7, 20
    assertEquals(25.0 / 4, m.get("last_value_mae_h1"), 1e-9);
    assertEquals(52.0 / 4, m.get("last_value_mae_h2"), 1e-9);
    assertEquals(Math.sqrt((25 + 400 + 49 + 400) / 4.0), m.get("last_value_rmse_h2"), 1e-9);
  }

  /** rows 0..9 of s: a weekly-like pattern of period 3 (1, 5, 9) plus 10 per season, so naive and seasonal differ. */
  private static final TimeSeries SEASONAL = TimeSeries.of(List.of("s"), new float[][] {
      {1}, {5}, {9}, {11}, {15}, {19}, {21}, {25}, {29}, {31}});

  @Test
  void seasonalNaiveRepeatsTheLastSeasonOnTheSameWindows() {
    Scaler none = Scaler.fit(Scaler.Kind.NONE, SEASONAL.values(), 0, 10);
    // L = 3, h = 4, m = 3: windows end at t = 2..5; step j forecast = s[t + j - 3 ceil(j / 3)]
    Windowing w = Windowing.multi(3, 4, "s").withSeasonLength(3);
    List<ForecastWindow> windows = w.apply(SEASONAL, none);
    ForecastWindow first = windows.get(0);   // t = 2: steps 1..4 -> rows 0, 1, 2, 0 = 1, 5, 9, 1
    assertArrayEquals(new float[] {1, 5, 9, 1}, first.seasonal());
    assertArrayEquals(new float[] {11, 15, 19, 21}, first.future());
    FittedBaselines fitted = TASK.fitBaselines(part("train", windows), labels(1, 4));
    assertEquals(List.of(3.0), fitted.baselines().get(1).values());
    Map<String, Double> m = TASK.scoreBaselines(fitted, part("test", windows), labels(1, 4));
    // every step is exactly one season (10) off, for the seasonal naive, at steps 1..3; step 4 is two seasons off
    assertEquals(10.0, m.get("seasonal_naive_mae_h1"), 1e-9);
    assertEquals(20.0, m.get("seasonal_naive_mae_h4"), 1e-9);
    // the naive: step 1 errors s[t+1] - s[t] over t = 2..5 = 2, 4, 4, 2
    assertEquals(3.0, m.get("last_value_mae_h1"), 1e-9);
    // sMAPE of the step-1 seasonal naive: 100/4 * sum 2*10/(A + F), A = 11, 15, 19, 21 and F = A - 10
    double smape = 100.0 / 4 * (20.0 / 12 + 20.0 / 20 + 20.0 / 28 + 20.0 / 32);
    assertEquals(smape, m.get("seasonal_naive_smape_h1"), 1e-9);
  }

  @Test
  void seasonalNaiveIsLeftOutWhenAWindowLacksASeasonOfHistory() {
    Scaler none = Scaler.fit(Scaler.Kind.NONE, SEASONAL.values(), 0, 10);
    // m = 5 > L = 3: the first window (t = 2) has no row t + 1 - 5 >= 0
    List<ForecastWindow> windows = Windowing.multi(3, 1, "s").withSeasonLength(5).apply(SEASONAL, none);
    assertTrue(Float.isNaN(windows.get(0).seasonal()[0]));
    FittedBaselines fitted = TASK.fitBaselines(part("train", windows), labels(1, 1));
    assertFalse(TASK.scoreBaselines(fitted, part("test", windows), labels(1, 1)).containsKey("seasonal_naive_mae_h1"));
    // the later windows all have it
    assertTrue(TASK.scoreBaselines(fitted, part("test", windows.subList(2, windows.size())), labels(1, 1))
        .containsKey("seasonal_naive_mae_h1"));
  }

  @Test
  void modelMetricsScoreEachHorizonStepOfTheRolledModelInDataUnits() {
    // min-max scaling on all rows; a recursive "model" that forecasts the last input plus 0.1 (scaled)
    Scaler minmax = Scaler.fit(Scaler.Kind.MIN_MAX, SEASONAL.values(), 0, 10);   // offset 1, scale 30
    Windowing w = Windowing.recursive(2, 7, "s");
    List<ForecastWindow> windows = w.apply(SEASONAL, minmax);                     // t = 1, 2
    Task.ModelRunner plusTenth = records -> records.stream()
        .map(e -> new float[] {e.x()[e.x().length - 1] + 0.1f}).toArray(float[][]::new);
    OutputLabels labels = new OutputLabels(List.of(), List.of("s@t+1"), 1,
        org.recurrent.pipeline.ModelData.unscaler(minmax, new int[] {0}), 1);
    Map<String, Double> m = TASK.modelMetrics(part("test", windows), labels, plusTenth);
    assertEquals(List.of("mae_h1", "rmse_h1", "smape_h1", "mae_h7", "rmse_h7", "smape_h7"), List.copyOf(m.keySet()));
    // rolled: forecast at step j = s[t] + 3 j; t = 1: s = 5 -> step 7 forecast 26, actual s[8] = 29 -> 3
    //                                          t = 2: s = 9 -> step 7 forecast 30, actual s[9] = 31 -> 1
    assertEquals(2.0, m.get("mae_h7"), 1e-4);
    // step 1: forecasts 8, 12 vs actual 9, 11 -> errors 1, 1
    assertEquals(1.0, m.get("mae_h1"), 1e-4);
  }

  @Test
  void lastValueOfTheHthStepAhead() {
    // L = 2, h = 2, the h-th step only, target b: windows end at rows 1, 2; actual b at rows 3, 4 = 40, 50
    List<ForecastWindow> windows = Windowing.single(2, 2, "b").apply(SERIES, IDENTITY);
    // last values 20, 30 -> errors 20, 20
    Map<String, Double> m = TASK.baselines(part("train", List.of()), part("test", windows), labels(1, 1));
    assertEquals(20.0, m.get("last_value_mae"), 1e-9);
  }

  @Test
  void lastValueNeedsEvaluationWindows() {
    assertEquals(Map.of(), TASK.baselines(part("train", List.of()), part("test", List.of()), labels(2, 4)));
  }

  @Test
  void readsOnlyTimeSeries() {
    assertDoesNotThrow(() -> TASK.checkTargets(TargetKind.REGRESSION, "timeseries_csv"));
    var e = assertThrows(IllegalArgumentException.class, () -> TASK.checkTargets(TargetKind.REGRESSION, "wide_csv"));
    assertEquals("task forecast needs data.format timeseries_csv, but the data have regression targets", e.getMessage());
  }

  private static OutputLabels labels(int targets, int outputs) {
    return new OutputLabels(List.of(), List.of(), outputs, null, targets);
  }

  private static DataPart part(String name, List<ForecastWindow> windows) {
    List<SequenceExample> records = windows.stream().map(ForecastWindow::example).toList();
    return new DataPart(name, records, null, windows, false, false, windows.isEmpty() ? 1 : records.get(0).y().length);
  }
}
