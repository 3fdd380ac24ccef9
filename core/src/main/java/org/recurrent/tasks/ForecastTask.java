package org.recurrent.tasks;

import java.util.Map;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.TargetKind;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.metrics.RegressionMetrics;

/**
 * {@code forecast}: the next values of a time series from its last L rows (format {@code timeseries_csv}),
 * one output per target and horizon step. Trained like {@link RegressionTask} on scaled values; metrics in the
 * data's units. Baseline:
 * <pre>{@code
 * last_value_*: every target predicted by its last observed value (the naive / persistence forecast)
 * }</pre>
 */
public final class ForecastTask extends RegressionTask {
  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (!format.equals("timeseries_csv")) {
      throw Requirements.unmet(this, "data.format timeseries_csv", kind, format);
    }
  }

  @Override
  public Map<String, Double> baselines(DataPart train, DataPart eval, OutputLabels labels) {
    if (eval.windows().isEmpty()) return Map.of();
    int targets = labels.targetsPerStep();
    int m = 0;
    for (ForecastWindow w : eval.windows()) m += w.actual().length;
    double[] truth = new double[m], predicted = new double[m];
    int i = 0;
    for (ForecastWindow w : eval.windows()) {
      for (int j = 0; j < w.actual().length; j++, i++) {
        truth[i] = w.actual()[j];
        predicted[i] = w.lastObserved()[j % targets];
      }
    }
    return prefixed("last_value_", RegressionMetrics.summary(truth, predicted));
  }
}
