package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchInput;
import org.recurrent.data.TargetKind;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.timeseries.Windowing;
import org.recurrent.metrics.RegressionMetrics;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * {@code forecast}: the next values of a time series from its last L rows (format {@code timeseries_csv}), either
 * directly (one output per target and horizon step) or recursively (one step, rolled ahead; see
 * {@link ForecastRollout}). Trained like {@link RegressionTask} on scaled values; metrics in the data's units.
 * A residual forecaster ({@link Windowing#residual}) outputs the change from each window's scaled last value a,
 * which this task adds back in the loss and the readout: forecast = a + output.
 *
 * <p>Metrics: {@code rmse, mae, mape, smape, r2} over the model's one-pass outputs (for a recursive model the
 * one-step forecast from observed inputs), and per horizon step j in {1, 7, 14, 28, h} (those up to h that the
 * model forecasts), over all scored windows and targets, against the observed value j rows after each window:
 * <pre>{@code
 * mae_h<j>   = mean |F - A|
 * rmse_h<j>  = sqrt(mean (F - A)^2)
 * smape_h<j> = 100 * mean 2|F - A| / (|A| + |F|)     in [0, 200] %; a pair with A = F = 0 counts as 0
 * }</pre>
 * Baselines, scored on exactly the same windows and steps (keys prefixed with their names):
 * <pre>{@code
 * last_value_*:     every target predicted by its last observed value (the naive / persistence forecast)
 * seasonal_naive_*: target at t + j predicted by the latest observed value of the same season,
 *                   y[t + j - m ceil(j / m)], m = data.options.season_length (only with a season length, and
 *                   only when every scored window has m rows of history)
 * }</pre>
 */
public final class ForecastTask extends RegressionTask {
  /** The horizon steps reported when the model forecasts them, besides its own horizon h. */
  public static final List<Integer> REPORTED_STEPS = List.of(1, 7, 14, 28);

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

  /**
   * Squared error of the forecast: of the logits themselves, or, when the batch carries the windows' last values
   * a ({@link Windowing#residual}), of {@code a + logits}: the model learns the change from the last value.
   */
  @Override
  public Tensor loss(Tensor logits, Batch batch, float[] mask) {
    return super.loss(forecast(logits, batch), batch, mask);
  }

  /** The scaled forecasts: the logits, plus the windows' last values for a residual model. */
  @Override
  public Tensor readout(Tensor logits, Batch batch) {
    return readout(forecast(logits, batch));
  }

  /** {@code a + logits} (B, K) when the batch has the {@value Windowing#LAST_VALUE} input a, else the logits. */
  static Tensor forecast(Tensor logits, Batch batch) {
    BatchInput last = batch.input(Windowing.LAST_VALUE);
    if (last == null) return logits;
    if (!(last instanceof BatchInput.Dense d) || d.values().size(0) != 1 || logits.dim() != 2
        || d.values().size(1) != logits.size(0) || d.values().size(2) != logits.size(1)) {
      throw new IllegalArgumentException("a residual forecaster needs one last value per output, (1, B, K) = (1, "
          + logits.size(0) + ", " + logits.size(logits.dim() - 1) + "), got "
          + (last instanceof BatchInput.Dense d2 ? d2.values().shapeString() : last.getClass().getSimpleName()));
    }
    Tensor a = Tensor.of(d.values().data(), logits.size(0), logits.size(1));  // (B, K), a constant: no gradient
    return Ops.add(logits, a);
  }

  /** The baselines' names, and their metrics' prefixes. */
  static final String LAST_VALUE = "last_value", SEASONAL_NAIVE = "seasonal_naive";

  /**
   * The naive forecasts learn nothing from the training part; the seasonal one keeps its season length (the
   * values themselves come with each window, from the rows before it).
   */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    List<FittedBaselines.Baseline> list = new ArrayList<>();
    list.add(FittedBaselines.Baseline.of(LAST_VALUE, new double[0]));
    if (!train.windows().isEmpty() && train.windows().get(0).windowing().seasonLength() > 0) {
      list.add(FittedBaselines.Baseline.of(SEASONAL_NAIVE, train.windows().get(0).windowing().seasonLength()));
    }
    return new FittedBaselines(name(), train.size(), list);
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    List<ForecastWindow> windows = eval.windows();
    if (windows.isEmpty() || fitted.values(LAST_VALUE).isEmpty()) return Map.of();
    Windowing w = windows.get(0).windowing();
    int T = w.targetColumns().size();
    int[] outputSteps = w.outputSteps();
    Map<String, Double> out = new LinkedHashMap<>();
    // over the model's one-pass outputs: the same values as its rmse, mae, ...
    out.putAll(prefixed(LAST_VALUE + "_", onOutputs(windows, outputSteps, T, (win, j, k) -> win.lastObserved()[k])));
    out.putAll(byStep(LAST_VALUE + "_", windows, w, (win, j, k) -> win.lastObserved()[k]));
    boolean seasonal = fitted.values(SEASONAL_NAIVE).isPresent() && w.seasonLength() > 0
        && windows.stream().allMatch(win -> hasNoNaN(win.seasonal()));
    if (seasonal) {
      StepValue s = (win, j, k) -> win.seasonal()[(j - 1) * T + k];
      out.putAll(prefixed(SEASONAL_NAIVE + "_", onOutputs(windows, outputSteps, T, s)));
      out.putAll(byStep(SEASONAL_NAIVE + "_", windows, w, s));
    }
    return out;
  }

  /** The model's error at each reported horizon step: one pass for a direct model, rolled for a recursive one. */
  @Override
  public Map<String, Double> modelMetrics(DataPart part, OutputLabels labels, ModelRunner model) {
    List<ForecastWindow> windows = part.windows();
    if (windows.isEmpty()) return Map.of();
    Windowing w = windows.get(0).windowing();
    int T = w.targetColumns().size();
    float[][] scaled = ForecastRollout.forecast(windows.stream().map(ForecastWindow::example).toList(), w,
        w.horizon(), model);
    float[][] forecast = new float[scaled.length][];
    for (int i = 0; i < scaled.length; i++) forecast[i] = labels.toDataUnits().apply(scaled[i]);
    List<ForecastWindow> indexed = windows;
    Map<ForecastWindow, Integer> index = new java.util.IdentityHashMap<>();
    for (int i = 0; i < indexed.size(); i++) index.put(indexed.get(i), i);
    return byStep("", windows, w, (win, j, k) -> forecast[index.get(win)][(j - 1) * T + k]);
  }

  /** The horizon steps scored for windowing {@code w}: {1, 7, 14, 28, h} among those its model forecasts. */
  public static List<Integer> reportedSteps(Windowing w) {
    TreeSet<Integer> steps = new TreeSet<>();
    int[] forecast = w.strategy() == Windowing.Strategy.RECURSIVE ? allSteps(w.horizon()) : w.outputSteps();
    for (int s : forecast) if (s == w.horizon() || REPORTED_STEPS.contains(s)) steps.add(s);
    return List.copyOf(steps);
  }

  private static int[] allSteps(int h) {
    int[] s = new int[h];
    for (int j = 0; j < h; j++) s[j] = j + 1;
    return s;
  }

  /** A forecast of target k, j steps after window {@code w}'s last input row, in data units. */
  @FunctionalInterface
  private interface StepValue {
    double at(ForecastWindow w, int j, int k);
  }

  /** {@code mae_h<j>, rmse_h<j>, smape_h<j>} for each reported step, over every window and target. */
  private static Map<String, Double> byStep(String prefix, List<ForecastWindow> windows, Windowing w, StepValue f) {
    int T = w.targetColumns().size();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j : reportedSteps(w)) {
      double[] truth = new double[windows.size() * T], predicted = new double[truth.length];
      int i = 0;
      for (ForecastWindow win : windows) {
        for (int k = 0; k < T; k++, i++) {
          truth[i] = win.future()[(j - 1) * T + k];
          predicted[i] = f.at(win, j, k);
        }
      }
      out.put(prefix + "mae_h" + j, RegressionMetrics.mae(truth, predicted));
      out.put(prefix + "rmse_h" + j, RegressionMetrics.rmse(truth, predicted));
      out.put(prefix + "smape_h" + j, RegressionMetrics.smape(truth, predicted));
    }
    return out;
  }

  /** The standard summary over the values laid out like the model's outputs (output steps x targets). */
  private static Map<String, Double> onOutputs(List<ForecastWindow> windows, int[] outputSteps, int T, StepValue f) {
    int m = windows.size() * outputSteps.length * T;
    double[] truth = new double[m], predicted = new double[m];
    int i = 0;
    for (ForecastWindow win : windows) {
      for (int s = 0; s < outputSteps.length; s++) {
        for (int k = 0; k < T; k++, i++) {
          truth[i] = win.actual()[s * T + k];
          predicted[i] = f.at(win, outputSteps[s], k);
        }
      }
    }
    return RegressionMetrics.summary(truth, predicted);
  }

  private static boolean hasNoNaN(float[] values) {
    for (float v : values) if (Float.isNaN(v)) return false;
    return values.length > 0;
  }
}
