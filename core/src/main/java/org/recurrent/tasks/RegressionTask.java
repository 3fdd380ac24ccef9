package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.metrics.RegressionMetrics;
import org.recurrent.tensor.Tensor;

/**
 * {@code regression}: K real values per sequence, or per step. Loss: mean squared error on the model's scale;
 * outputs are read as they are. Metrics over all target values, in the data's units
 * ({@link OutputLabels#toDataUnits()}):
 * <pre>{@code
 * rmse, mae, mape, smape, r2
 * train_mean_*: every target predicted by the training part's mean of that target
 * }</pre>
 */
public class RegressionTask extends RecordTask {
  @Override
  public String name() {
    return "regression";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (format.equals("timeseries_csv")) {
      throw new IllegalArgumentException("task regression does not read a time series; use task: forecast for "
          + "data.format timeseries_csv");
    }
    if (kind != TargetKind.REGRESSION && kind != TargetKind.PER_STEP_REGRESSION) {
      throw Requirements.unmet(this, "real-valued targets (label_kind / target: regression)", kind, format);
    }
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return kind.perStep();
  }

  @Override
  public Tensor loss(Tensor logits, Batch batch, float[] mask) {
    return TargetLoss.squared(logits, batch, mask);
  }

  @Override
  public final Tensor readout(Tensor logits) {
    return logits;
  }

  @Override
  public final Map<String, Double> metrics(Predictions p, OutputLabels labels) {
    if (!p.labelled() || p.size() == 0) return Map.of();
    int n = p.size(), K = p.output(0).length;
    double[] truth = new double[n * K], predicted = new double[n * K];
    for (int i = 0; i < n; i++) {
      float[] y = labels.toDataUnits().apply(p.truth(i));
      float[] f = labels.toDataUnits().apply(p.output(i));
      for (int k = 0; k < K; k++) {
        truth[i * K + k] = y[k];
        predicted[i * K + k] = f[k];
      }
    }
    return RegressionMetrics.summary(truth, predicted);
  }

  /** The train-mean baseline's name, and its metrics' prefix. */
  static final String TRAIN_MEAN = "train_mean";

  /** The training part's mean of each of the K targets (0 without training targets). */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    int width = labels.outputSize();
    double[] mean = new double[width];
    long n = 0;
    for (SequenceExample e : train.records()) {
      for (int j = 0; j < e.y().length; j++) mean[j % width] += e.y()[j];
      n += e.y().length / width;
    }
    for (int k = 0; k < width; k++) mean[k] /= Math.max(1, n);
    return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of(TRAIN_MEAN, mean)));
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    List<SequenceExample> records = eval.records();
    double[] mean = fitted.values(TRAIN_MEAN).orElse(null);
    if (records.isEmpty() || mean == null) return Map.of();
    int width = mean.length;
    int m = 0;
    for (SequenceExample e : records) m += e.y().length;
    double[] truth = new double[m], predicted = new double[m];
    int i = 0;
    for (SequenceExample e : records) {
      for (int j = 0; j < e.y().length; j++, i++) {
        truth[i] = e.y()[j];
        predicted[i] = mean[j % width];
      }
    }
    return prefixed("train_mean_", RegressionMetrics.summary(truth, predicted));
  }

  @Override
  public final void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    float[] values = labels.toDataUnits().apply(p.output(row));
    for (int k = 0; k < values.length; k++) into.put(labels.name(k), (double) values[k]);
  }

  @Override
  public final boolean higherIsBetter(String metric) {
    return metric.equals("r2");
  }

  static Map<String, Double> prefixed(String prefix, Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(prefix + k, v));
    return out;
  }
}
