package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

class RegressionTaskTest {
  private static final RegressionTask TASK = new RegressionTask();
  private static final OutputLabels ONE = new OutputLabels(List.of(), List.of("y"), 1, null, 0);
  private static final OutputLabels TWO = new OutputLabels(List.of(), List.of("temp", "rain"), 2, null, 0);

  @Test
  void metricsPoolEveryTargetValueOfEveryRow() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {1, 10}, new float[] {2, 10});
    p.add(1, -1, new float[] {3, 30}, new float[] {3, 20});
    Map<String, Double> m = TASK.metrics(p, TWO);
    // errors -1, 0, 0, 10: MAE = 11 / 4, RMSE = sqrt((1 + 0 + 0 + 100) / 4)
    assertEquals(2.75, m.get("mae"), 1e-12);
    assertEquals(Math.sqrt(101.0 / 4), m.get("rmse"), 1e-12);
    assertEquals(List.of("rmse", "mae", "mape", "smape", "r2"), List.copyOf(m.keySet()));
  }

  @Test
  void regressionIsScoredInDataUnits() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.5f}, new float[] {0.25f});
    p.add(1, -1, new float[] {1.0f}, new float[] {1.0f});
    // unscale: v = 10 z + 5 -> predictions 10, 15 vs truth 7.5, 15: RMSE = sqrt(2.5^2 / 2)
    OutputLabels units = new OutputLabels(List.of(), List.of("y"), 1, row -> new float[] {row[0] * 10 + 5}, 1);
    Map<String, Double> m = TASK.metrics(p, units);
    assertEquals(Math.sqrt(6.25 / 2), m.get("rmse"), 1e-6);
    assertEquals(1.25, m.get("mae"), 1e-6);
  }

  @Test
  void unlabelledPredictionsHaveNoMetrics() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {1}, new float[0]);
    assertEquals(Map.of(), TASK.metrics(p, ONE));
    assertEquals(Map.of(), TASK.metrics(new Predictions(), ONE));
  }

  @Test
  void regressionMeanComesFromTrainingTargets() {
    DataPart train = part("train", false, 1, new float[] {1}, new float[] {3});
    DataPart eval = part("eval", false, 1, new float[] {10}, new float[] {10});
    // predicting the training mean 2 for targets of 10: MAE 8 (the evaluation mean would give 0)
    assertEquals(8.0, TASK.baselines(train, eval, ONE).get("train_mean_mae"), 1e-9);
  }

  @Test
  void trainMeanIsTakenPerTargetColumn() {
    // training rows (1, 10), (3, 30): means (2, 20)
    DataPart train = part("train", false, 2, new float[] {1, 10}, new float[] {3, 30});
    // evaluation rows (2, 24), (4, 20): errors 0, 4, 2, 0 -> MAE 6 / 4, RMSE sqrt((16 + 4) / 4)
    DataPart eval = part("eval", false, 2, new float[] {2, 24}, new float[] {4, 20});
    Map<String, Double> m = TASK.baselines(train, eval, TWO);
    assertEquals(1.5, m.get("train_mean_mae"), 1e-9);
    assertEquals(Math.sqrt(5), m.get("train_mean_rmse"), 1e-9);
    assertEquals(List.of("train_mean_rmse", "train_mean_mae", "train_mean_mape", "train_mean_smape", "train_mean_r2"),
        List.copyOf(m.keySet()));
  }

  @Test
  void trainMeanOfPerStepTargetsAveragesEveryStep() {
    // one training record of 2 steps, K = 2: (1, 10), (3, 30) -> means (2, 20) over 2 steps, not 4 values
    DataPart train = part("train", true, 2, new float[] {1, 10, 3, 30});
    // evaluation: one step (4, 20) and two steps (2, 22), (2, 20): errors 2, 0, 0, 2, 0, 0 -> MAE 4 / 6
    DataPart eval = part("eval", true, 2, new float[] {4, 20}, new float[] {2, 22, 2, 20});
    assertEquals(4.0 / 6, TASK.baselines(train, eval, TWO).get("train_mean_mae"), 1e-9);
  }

  @Test
  void trainMeanNeedsEvaluationRecords() {
    assertEquals(Map.of(), TASK.baselines(part("train", false, 1, new float[] {1}), part("eval", false, 1), ONE));
  }

  @Test
  void perStepTargetsGetPerStepOutputs() {
    assertTrue(TASK.perStepOutput(TargetKind.PER_STEP_REGRESSION));
    assertFalse(TASK.perStepOutput(TargetKind.REGRESSION));
  }

  @Test
  void earlyStoppingMaximisesOnlyR2() {
    assertTrue(TASK.higherIsBetter("r2"));
    for (String metric : List.of("loss", "rmse", "mae", "mape", "smape")) assertFalse(TASK.higherIsBetter(metric), metric);
    assertTrue(new ForecastTask().higherIsBetter("r2"));
    assertFalse(new ForecastTask().higherIsBetter("rmse"));
  }

  @Test
  void acceptsRealValuedTargetsOfRecordsOrSteps() {
    assertDoesNotThrow(() -> TASK.checkTargets(TargetKind.REGRESSION, "jsonl"));
    assertDoesNotThrow(() -> TASK.checkTargets(TargetKind.PER_STEP_REGRESSION, "jsonl"));
    var e = assertThrows(IllegalArgumentException.class, () -> TASK.checkTargets(TargetKind.CLASS, "csv"));
    assertEquals("task regression needs real-valued targets (label_kind / target: regression), but the data have class"
        + " targets", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TASK.checkTargets(TargetKind.REGRESSION, "timeseries_csv"));
    assertEquals("task regression does not read a time series; use task: forecast for data.format timeseries_csv",
        e.getMessage());
  }

  @Test
  void describeGivesEachTargetInDataUnitsByName() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.5f, -1}, new float[0]);
    OutputLabels units = new OutputLabels(List.of(), List.of("temp", "rain"), 2,
        row -> new float[] {row[0] * 10, row[1] + 1}, 0);
    Map<String, Object> row = new LinkedHashMap<>();
    TASK.describe(p, 0, units, row);
    assertEquals(List.of("temp", "rain"), List.copyOf(row.keySet()));
    assertEquals(5.0, (double) row.get("temp"), 1e-9);
    assertEquals(0.0, (double) row.get("rain"), 1e-9);
  }

  /** One record per target array, of one step, or (per step) of y.length / K steps. */
  private static DataPart part(String name, boolean perStep, int K, float[]... targets) {
    List<SequenceExample> records = new java.util.ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      int T = perStep ? targets[i].length / K : 1;
      records.add(new SequenceExample("r" + i, T, 1, new float[T], targets[i], name + ":" + i));
    }
    return new DataPart(name, records, null, null, false, perStep, K);
  }
}
