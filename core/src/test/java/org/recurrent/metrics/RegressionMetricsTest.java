package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
  private static final double EPS = 1e-12;
  // scikit-learn's r2_score / mean_squared_error documentation example
  private static final double[] TRUTH = {3, -0.5, 2, 7};
  private static final double[] PREDICTED = {2.5, 0.0, 2, 8};
  // errors F - A: -0.5, 0.5, 0, 1

  @Test
  void rmseAndMae() {
    // MSE = (0.25 + 0.25 + 0 + 1) / 4 = 0.375; RMSE = sqrt(0.375) = 0.61237...
    assertEquals(Math.sqrt(0.375), RegressionMetrics.rmse(TRUTH, PREDICTED), EPS);
    // MAE = (0.5 + 0.5 + 0 + 1) / 4 = 0.5
    assertEquals(0.5, RegressionMetrics.mae(TRUTH, PREDICTED), EPS);
  }

  @Test
  void mapeAndSmapeInPercent() {
    // MAPE = 100/4 (0.5/3 + 0.5/0.5 + 0/2 + 1/7) = 25 (1/6 + 1 + 1/7) = 32.738...
    assertEquals(25 * (1.0 / 6 + 1 + 1.0 / 7), RegressionMetrics.mape(TRUTH, PREDICTED), EPS);
    // sMAPE = 100/4 (2*0.5/5.5 + 2*0.5/0.5 + 0/4 + 2*1/15) = 25 (2/11 + 2 + 2/15) = 57.878...
    assertEquals(25 * (2.0 / 11 + 2 + 2.0 / 15), RegressionMetrics.smape(TRUTH, PREDICTED), EPS);
  }

  @Test
  void r2AgainstVarianceOfTruth() {
    // mean(A) = 11.5/4 = 2.875; SS_tot = 0.125^2 + 3.375^2 + 0.875^2 + 4.125^2 = 29.1875; SS_res = 1.5
    // R^2 = 1 - 1.5 / 29.1875 = 0.94861...
    assertEquals(1 - 1.5 / 29.1875, RegressionMetrics.r2(TRUTH, PREDICTED), EPS);
    // constant truth: 1 if perfect, else 0 (scikit-learn force_finite)
    assertEquals(1.0, RegressionMetrics.r2(new double[] {2, 2}, new double[] {2, 2}));
    assertEquals(0.0, RegressionMetrics.r2(new double[] {2, 2}, new double[] {2, 3}));
    // predicting worse than the mean is negative: A = [0, 2], F = [2, 0]: SS_res 8, SS_tot 2 -> 1 - 4 = -3
    assertEquals(-3.0, RegressionMetrics.r2(new double[] {0, 2}, new double[] {2, 0}), EPS);
  }

  @Test
  void mapeSkipsZeroTruthAndSmapeTakesZeroOverZeroAsZero() {
    // A = [0, 2], F = [1, 1]: MAPE skips A = 0 -> 100 * (1/2) = 50, one skipped
    assertEquals(50.0, RegressionMetrics.mape(new double[] {0, 2}, new double[] {1, 1}), EPS);
    assertEquals(1, RegressionMetrics.mapeSkippedCount(new double[] {0, 2}));
    // sMAPE keeps it: 100/2 (2*1/1 + 2*1/3) = 50 (2 + 2/3) = 133.33...
    assertEquals(50 * (2 + 2.0 / 3), RegressionMetrics.smape(new double[] {0, 2}, new double[] {1, 1}), EPS);
    // A = F = 0 contributes 0; A = 1, F = 1 contributes 0
    assertEquals(0.0, RegressionMetrics.smape(new double[] {0, 1}, new double[] {0, 1}));
    // all true values 0: nothing for MAPE to average
    assertEquals(Double.NaN, RegressionMetrics.mape(new double[] {0, 0}, new double[] {1, 0}));
  }

  @Test
  void summaryHasStableKeysInOrder() {
    Map<String, Double> summary = RegressionMetrics.summary(TRUTH, PREDICTED);
    assertEquals(List.of("rmse", "mae", "mape", "smape", "r2"), List.copyOf(summary.keySet()));
    assertEquals(0.5, summary.get("mae"), EPS);
    assertEquals(1 - 1.5 / 29.1875, summary.get("r2"), EPS);
  }

  @Test
  void mapeSkippedCountCountsOnlyTheZeros() {
    assertEquals(2, RegressionMetrics.mapeSkippedCount(new double[] {0, 3, -0.0, 2, 5}));
    assertEquals(0, RegressionMetrics.mapeSkippedCount(TRUTH));
  }

  @Test
  void everyMetricRejectsLengthMismatchAndEmptyInputInItsOwnName() {
    Map<String, ToDoubleBiFunction<double[], double[]>> metrics = Map.of(
        "RMSE", RegressionMetrics::rmse, "MAE", RegressionMetrics::mae, "MAPE", RegressionMetrics::mape,
        "sMAPE", RegressionMetrics::smape, "R2", RegressionMetrics::r2);
    metrics.forEach((name, metric) -> {
      // predicted longer than truth would otherwise be read past truth's end or silently cut
      var mismatch = assertThrows(IllegalArgumentException.class,
          () -> metric.applyAsDouble(new double[] {1, 2}, new double[] {1, 2, 3}), name);
      assertEquals(name + ": truth and predicted must have the same length, got 2 and 3", mismatch.getMessage());
      var empty = assertThrows(IllegalArgumentException.class,
          () -> metric.applyAsDouble(new double[0], new double[0]), name);
      assertEquals(name + ": no examples; the inputs are empty", empty.getMessage());
    });
  }

  @Test
  void rejectsLengthMismatchAndEmptyInput() {
    var mismatch = assertThrows(IllegalArgumentException.class,
        () -> RegressionMetrics.rmse(new double[] {1, 2}, new double[] {1}));
    assertEquals("RMSE: truth and predicted must have the same length, got 2 and 1", mismatch.getMessage());
    var empty = assertThrows(IllegalArgumentException.class,
        () -> RegressionMetrics.smape(new double[0], new double[0]));
    assertEquals("sMAPE: no examples; the inputs are empty", empty.getMessage());
  }
}
