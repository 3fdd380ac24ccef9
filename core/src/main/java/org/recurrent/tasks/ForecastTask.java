package org.recurrent.tasks;

import java.util.List;
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

  /** The last-value baseline's name, and its metrics' prefix. */
  static final String LAST_VALUE = "last_value";

  /** The last-value forecast learns nothing from the training part. */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of(LAST_VALUE, new double[0])));
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    if (eval.windows().isEmpty() || fitted.values(LAST_VALUE).isEmpty()) return Map.of();
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
