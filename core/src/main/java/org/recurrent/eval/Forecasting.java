package org.recurrent.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.TimeSteps;
import org.recurrent.data.timeseries.Windowing;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.pipeline.ModelData;
import org.recurrent.tasks.DataPart;
import org.recurrent.tasks.ForecastRollout;
import org.recurrent.tasks.TaskRegistry;

/**
 * What {@code recurrent forecast} does: a forecaster's forecast of the N rows after the end of a series file, from
 * its last L rows. A recursive model rolls as far as asked; a direct one at most its trained horizon (all steps 1..h
 * for mode multi; exactly h for mode single). The file's value columns must be the training series' (in order).
 */
public final class Forecasting {
  private Forecasting() {}

  /**
   * A forecast and the history it continues.
   *
   * @param timeColumn the time column's name, or null when the series has none
   * @param targets    the T forecast columns
   * @param history    the input file: times and every row's T target values (data units)
   * @param times      the N labels after the last row, continued with the inferred step
   * @param values     (N, T) forecasts in data units
   */
  public record Forecast(String timeColumn, List<String> targets, TimeSeries series, float[][] history,
                         List<String> times, float[][] values) {}

  public static Forecast forecast(Path modelDir, Path input, int horizon) throws IOException {
    if (horizon < 1) throw new IllegalArgumentException("--horizon must be >= 1, got " + horizon);
    ModelDirectory.Loaded loaded = ModelDirectory.read(modelDir);
    ModelManifest m = loaded.manifest();
    if (!m.task().equals("forecast")) {
      throw new IllegalArgumentException(modelDir + " holds a model of task " + m.task() + "; recurrent forecast needs "
          + "one trained with task: forecast (use recurrent predict for other models)");
    }
    var task = TaskRegistry.standard().get(m.task());
    ModelData reader = new ModelData(loaded);
    Windowing w = reader.forecastWindowing();
    if (w.strategy() == Windowing.Strategy.DIRECT && w.mode() == Windowing.Mode.SINGLE && horizon != w.horizon()) {
      throw new IllegalArgumentException(modelDir + " forecasts only the step " + w.horizon() + " rows ahead (strategy "
          + "direct, mode single); use --horizon " + w.horizon() + ", or train with mode: multi (every step 1.."
          + w.horizon() + ") or strategy: recursive (any horizon)");
    }
    if (w.strategy() == Windowing.Strategy.DIRECT && horizon > w.horizon()) {
      throw new IllegalArgumentException(modelDir + " forecasts directly at most " + w.horizon()
          + (w.horizon() == 1 ? " step" : " steps") + " ahead (it was trained with data.options.horizon "
          + w.horizon() + ") and cannot roll further; ask for --horizon <= "
          + w.horizon() + ", or train with a longer horizon or strategy: recursive");
    }
    ModelData.Records records = reader.read(input, "no");
    TimeSeries series = records.series();
    List<String> times = TimeSteps.after(series, w.lags(), horizon);
    SequenceExample last = records.examples().get(records.examples().size() - 1);
    DataPart part = records.part(input.getFileName().toString(), loaded.model());
    Evaluator evaluator = new Evaluator(task);
    var plan = Scoring.evaluationPlan(m);
    float[][] scaled = ForecastRollout.forecast(List.of(last), w, horizon,
        r -> evaluator.outputs(loaded.model(), part, r, plan));
    float[] data = ModelData.unscaler(reader.seriesScaler(), reader.targetColumns()).apply(scaled[0]);
    int T = w.targetColumns().size();
    float[][] values = new float[horizon][T];
    for (int j = 0; j < horizon; j++) System.arraycopy(data, j * T, values[j], 0, T);
    int[] targets = w.targetIndices(series);
    float[][] history = new float[series.rows()][T];
    for (int r = 0; r < series.rows(); r++) for (int k = 0; k < T; k++) history[r][k] = series.values()[r][targets[k]];
    return new Forecast(reader.timeColumn(), w.targetColumns(), series, history, times, values);
  }
}
