package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
    assertEquals(List.of("last_value_rmse", "last_value_mae", "last_value_mape", "last_value_smape", "last_value_r2"),
        List.copyOf(m.keySet()));
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
