package org.recurrent.data.timeseries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;

/**
 * Turns a series into supervised lag-window examples. A window ending at row t (its last input step) has
 *
 * <pre>{@code
 * x[s * C + c] = scaled value of input column c at row t - L + 1 + s,   s in [0, L)     (L, C)
 * SINGLE: y[k]                 = scaled target k at row t + h                         K = targets
 * MULTI:  y[(j - 1) * T + k]   = scaled target k at row t + j,  j in [1, h]           K = h * targets (step-major)
 * }</pre>
 *
 * for t from L - 1 to N - 1 - h, so there are N - L - h + 1 windows. Inputs are all columns of the series, or only
 * the target columns if {@code targetInputsOnly}. Each example's id is the time of row t and its source the
 * {@code file:line} of its first input row.
 *
 * <p>{@link Strategy#RECURSIVE}: the model learns one step, {@code y[k] = scaled target k at row t + 1}, and is
 * rolled h steps at evaluation by feeding each scaled prediction back as the next input row; so its inputs must be
 * exactly the targets, in target order (no covariates: their future values would be unknown). The windows are the
 * same as a direct window of horizon h (t up to N - 1 - h, assigned by row t + h), so a recursive and a direct model
 * of the same horizon are scored on the same windows.
 *
 * <p>Every window also carries what each horizon step j in [1, h] is scored against ({@link ForecastWindow#future},
 * the unscaled targets at rows t + j) and, with a season length m >= 1, the seasonal-naive forecast
 * {@code y[t + j - m * ceil(j / m)]} (Hyndman &amp; Athanasopoulos, FPP3 section 5.2: the last observed value of the
 * same season), NaN where that row is before the series starts.
 *
 * @param lags             L, input steps per window, >= 1
 * @param horizon          h, steps ahead of the last input (1, 7, 14, 28 are typical), >= 1
 * @param targetColumns    the columns to forecast, at least one
 * @param mode             {@link Mode#SINGLE}: the h-th step only; {@link Mode#MULTI}: every step 1..h
 * @param targetInputsOnly feed only the target columns as inputs (default false: all columns)
 * @param strategy         {@link Strategy#DIRECT}: the model outputs the horizon steps itself (as {@code mode}
 *                         says); {@link Strategy#RECURSIVE}: it outputs one step and is rolled h steps
 * @param seasonLength     m, rows per season for the seasonal-naive forecast (7 for daily data with a weekly rhythm,
 *                         12 for monthly data with a yearly one); 0 = none
 * @param residual         the model forecasts the change from the last observed value rather than the value: each
 *                         window also carries the input {@value #LAST_VALUE}, and the forecast task reads the
 *                         model's output o as {@code z(t + j) = z(t) + o}, in scaled units (see below)
 * @param relativeInputs   (residual only) every input column but the day-of-week ones is given relative to the
 *                         window's last row, {@code x[s][c] = z[t - L + 1 + s][c] - z[t][c]}, so the model sees the
 *                         window's shape and never its level (see below)
 *
 * <p>Residual forecasting ({@code residual}, a residual on top of the naive forecast). With z the scaled series,
 * every window carries, besides x, an input {@value #LAST_VALUE} of one step holding, laid out like y,
 * <pre>{@code
 * a[s * T + k] = z[t][target k]         the scaled last observed value: x's last row, for every output step s
 * forecast     = a + o                  o = the model's output; the loss is (a + o - y)^2
 * }</pre>
 * so a model whose output is 0 is the naive forecast, and what it learns is the change
 * {@code z(t + j) - z(t)} (with {@code log_minmax} scaling a log ratio, {@code log((1 + v[t+j]) / (1 + v[t]))}
 * over the column's log range). The targets y stay the scaled values themselves, so nothing needs inverting
 * and every consumer of the forecasts (metrics, {@code predict}, {@code forecast}) reads a + o. {@code a} is a copy
 * of the window's own last input row: it never holds a value after row t.
 *
 * <p>Relative inputs ({@code relativeInputs}). A residual model still sees the level z(t) in its inputs, and can
 * learn level-dependent habits that do not carry over (on the RKI series: "low counts are followed by a summer wave",
 * true in 2023-2025, false in the test summer of 2026). With relative inputs each input column c is shifted by its
 * value at row t, so the last input row is 0 and a window and its copy at another level give the same forecast of
 * the change (with {@code log_minmax} scaling: the same relative change). This is the instance normalisation of
 * forecasting models (N-BEATS, RevIN) reduced to its simplest form: subtract the last value, add it back.
 */
public record Windowing(int lags, int horizon, List<String> targetColumns, Mode mode, boolean targetInputsOnly,
                        Strategy strategy, int seasonLength, boolean residual, boolean relativeInputs) {

  /** The input naming each window's scaled last observed targets, laid out like y (residual forecasting). */
  public static final String LAST_VALUE = "last_value";

  /** Which steps after the window are targets (for {@link Strategy#DIRECT}). */
  public enum Mode { SINGLE, MULTI }

  /** How the model reaches h steps ahead. */
  public enum Strategy { DIRECT, RECURSIVE }

  public Windowing {
    if (lags < 1) throw new IllegalArgumentException("lags must be >= 1, got " + lags);
    if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    targetColumns = List.copyOf(targetColumns);
    if (targetColumns.isEmpty()) throw new IllegalArgumentException("need at least one target column");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(strategy, "strategy");
    if (strategy == Strategy.RECURSIVE && mode == Mode.MULTI) {
      throw new IllegalArgumentException("mode multi is for the direct strategy; a recursive model learns one step and "
          + "is rolled h steps, so leave mode out");
    }
    if (seasonLength < 0) throw new IllegalArgumentException("season length must be >= 0, got " + seasonLength);
    if (relativeInputs && !residual) {
      throw new IllegalArgumentException("relative inputs hide the level from the model, so it must forecast the change "
          + "from the last value: set residual: true as well (data.options.relative_inputs needs data.options.residual)");
    }
  }

  /** A windowing forecasting values, not changes. */
  public Windowing(int lags, int horizon, List<String> targetColumns, Mode mode, boolean targetInputsOnly,
                   Strategy strategy, int seasonLength) {
    this(lags, horizon, targetColumns, mode, targetInputsOnly, strategy, seasonLength, false, false);
  }

  /** A direct windowing without a seasonal-naive forecast. */
  public Windowing(int lags, int horizon, List<String> targetColumns, Mode mode, boolean targetInputsOnly) {
    this(lags, horizon, targetColumns, mode, targetInputsOnly, Strategy.DIRECT, 0);
  }

  /** h one-step windows for a model rolled h steps ahead, the targets its only inputs. */
  public static Windowing recursive(int lags, int horizon, String... targetColumns) {
    return new Windowing(lags, horizon, List.of(targetColumns), Mode.SINGLE, true, Strategy.RECURSIVE, 0);
  }

  public Windowing withSeasonLength(int seasonLength) {
    return new Windowing(lags, horizon, targetColumns, mode, targetInputsOnly, strategy, seasonLength, residual, relativeInputs);
  }

  /** This windowing, forecasting changes from the last observed value ({@code residual}) or values. */
  public Windowing withResidual(boolean residual) {
    return new Windowing(lags, horizon, targetColumns, mode, targetInputsOnly, strategy, seasonLength, residual,
        relativeInputs && residual);
  }

  /** This residual windowing with inputs relative to each window's last row ({@code relativeInputs}), or not. */
  public Windowing withRelativeInputs(boolean relativeInputs) {
    return new Windowing(lags, horizon, targetColumns, mode, targetInputsOnly, strategy, seasonLength, residual,
        relativeInputs);
  }

  /**
   * The horizon steps (1-based) of the model's outputs in one pass, in output order (each repeats the targets):
   * direct single {h}, direct multi {1..h}, recursive {1}.
   */
  public int[] outputSteps() {
    if (strategy == Strategy.RECURSIVE) return new int[] {1};
    if (mode == Mode.SINGLE) return new int[] {horizon};
    int[] steps = new int[horizon];
    for (int j = 0; j < horizon; j++) steps[j] = j + 1;
    return steps;
  }

  /** The value h steps after the window, of each target, with every column as input. */
  public static Windowing single(int lags, int horizon, String... targetColumns) {
    return new Windowing(lags, horizon, List.of(targetColumns), Mode.SINGLE, false);
  }

  /** The values 1..h steps after the window, of each target, with every column as input. */
  public static Windowing multi(int lags, int horizon, String... targetColumns) {
    return new Windowing(lags, horizon, List.of(targetColumns), Mode.MULTI, false);
  }

  public Windowing withTargetInputsOnly(boolean targetInputsOnly) {
    return new Windowing(lags, horizon, targetColumns, mode, targetInputsOnly, strategy, seasonLength, residual, relativeInputs);
  }

  /** K, the length of each example's y. */
  public int outputSize() {
    return outputSteps().length * targetColumns.size();
  }

  /** The series columns of the targets, in {@link #targetColumns} order (for un-scaling predictions). */
  public int[] targetIndices(TimeSeries series) {
    return targetColumns.stream().mapToInt(series::columnIndex).toArray();
  }

  /**
   * The series columns fed as inputs, C of them. A recursive model reads the targets only, in target order, so
   * that its outputs can be fed back as its next input row.
   */
  public int[] inputIndices(TimeSeries series) {
    if (strategy == Strategy.RECURSIVE) {
      checkRecursiveInputs(series.columns());
      return targetIndices(series);
    }
    if (targetInputsOnly) return targetIndices(series);
    int[] all = new int[series.columns().size()];
    for (int c = 0; c < all.length; c++) all[c] = c;
    return all;
  }

  /**
   * Refuses covariates for a recursive model: rolled ahead, it would need their future values, which it does not
   * forecast. Extra columns are fine with {@code targetInputsOnly} (they are then not read).
   */
  public void checkRecursiveInputs(List<String> columns) {
    if (strategy != Strategy.RECURSIVE || targetInputsOnly) return;
    List<String> extra = columns.stream().filter(c -> !targetColumns.contains(c)).toList();
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException("strategy recursive feeds its forecasts back as inputs, so it cannot read the "
          + "covariate columns " + extra + " (their future values are unknown); use strategy: direct to read them, or "
          + "target_inputs_only: true / value_columns to leave them out");
    }
  }

  /**
   * Every window of {@code series}, in time order, scaled by {@code scaler} (fitted on the training rows).
   *
   * @throws IllegalArgumentException if the series has fewer than L + h rows, a target column is missing, or the
   *                                  scaler has another number of columns
   */
  public List<ForecastWindow> apply(TimeSeries series, Scaler scaler) {
    int n = series.rows();
    if (n < lags + horizon) {
      throw new IllegalArgumentException(series.source() + ": a series of " + n + " rows is shorter than lags + horizon"
          + " = " + lags + " + " + horizon + " = " + (lags + horizon) + "; use fewer lags or a shorter horizon");
    }
    if (scaler.columns() != series.columns().size()) {
      throw new IllegalArgumentException("the scaler has " + scaler.columns() + " columns but the series has "
          + series.columns().size() + " " + series.columns());
    }
    int[] targets = targetIndices(series);
    int[] inputs = inputIndices(series);
    float[][] raw = series.values();
    float[][] scaled = scaler.transform(raw);
    int[] steps = outputSteps();
    int k0 = targets.length;
    List<ForecastWindow> windows = new ArrayList<>(n - lags - horizon + 1);
    for (int t = lags - 1; t + horizon < n; t++) {
      int first = t - lags + 1;
      float[] x = inputWindow(scaled, t, inputs, series.columns());                  // (L, C)
      float[] y = new float[steps.length * k0]; // (output steps, targets)
      float[] actual = new float[y.length];
      for (int j = 0; j < steps.length; j++) {
        int row = t + steps[j];
        for (int k = 0; k < k0; k++) {
          y[j * k0 + k] = scaled[row][targets[k]];
          actual[j * k0 + k] = raw[row][targets[k]];
        }
      }
      float[] lastObserved = new float[k0];
      for (int k = 0; k < k0; k++) lastObserved[k] = raw[t][targets[k]];
      float[] future = new float[horizon * k0];     // (h, targets): rows t + 1 .. t + h
      float[] seasonal = new float[seasonLength > 0 ? horizon * k0 : 0];
      for (int j = 1; j <= horizon; j++) {
        for (int k = 0; k < k0; k++) {
          future[(j - 1) * k0 + k] = raw[t + j][targets[k]];
          if (seasonLength > 0) seasonal[(j - 1) * k0 + k] = seasonalNaive(raw, t, j, targets[k]);
        }
      }
      SequenceExample example = example(series.times().get(t), x, inputs.length, y, series.source(first), scaled, t,
          targets);
      windows.add(new ForecastWindow(example, t, t + horizon, lastObserved, actual, future, seasonal, this));
    }
    return windows;
  }

  /**
   * The inputs of the window ending at row t, (L, C) row-major: {@code x[s * C + c] = scaled[t - L + 1 + s][inputs[c]]},
   * minus {@code scaled[t][inputs[c]]} with {@link #relativeInputs} (except for the day-of-week columns).
   *
   * @param columns the series' column names (to find the day-of-week columns)
   */
  public float[] inputWindow(float[][] scaled, int t, int[] inputs, List<String> columns) {
    int C = inputs.length, first = t - lags + 1;
    float[] x = new float[lags * C];
    for (int s = 0; s < lags; s++) {
      for (int c = 0; c < C; c++) x[s * C + c] = scaled[first + s][inputs[c]];
    }
    if (!relativeInputs) return x;
    for (int c = 0; c < C; c++) {
      if (CalendarFeatures.DAY_OF_WEEK.contains(columns.get(inputs[c]))) continue;
      float last = scaled[t][inputs[c]];
      for (int s = 0; s < lags; s++) x[s * C + c] -= last;                     // the last row becomes 0
    }
    return x;
  }

  /**
   * The example of the window ending at row t: inputs x (L, C), targets y (empty when unlabelled) and, for a
   * residual windowing, the {@value #LAST_VALUE} input read from row t of {@code scaled} (never a later row).
   *
   * @param scaled  the scaled series, (N, columns)
   * @param targets the series columns of the targets, in target order
   */
  public SequenceExample example(String id, float[] x, int inputColumns, float[] y, String source, float[][] scaled,
                                 int t, int[] targets) {
    SequenceExample e = new SequenceExample(id, lags, inputColumns, x, y, source);
    if (!residual) return e;
    float[] last = new float[targets.length];
    for (int k = 0; k < targets.length; k++) last[k] = scaled[t][targets[k]];
    return withLastValue(e, last);
  }

  /**
   * {@code e} with the {@value #LAST_VALUE} input made from the T scaled values {@code last} (repeated for each
   * output step); for a residual windowing only.
   */
  public SequenceExample withLastValue(SequenceExample e, float[] last) {
    int T = targetColumns.size();
    if (last.length != T) {
      throw new IllegalArgumentException("a last value per target: expected " + T + " values, got " + last.length);
    }
    int steps = outputSteps().length;
    float[] a = new float[steps * T];                                           // laid out like y: (steps, T)
    for (int s = 0; s < steps; s++) System.arraycopy(last, 0, a, s * T, T);
    Map<String, StepInput> inputs = new LinkedHashMap<>(e.inputs());
    inputs.put(LAST_VALUE, new StepInput.Dense(a.length, a));
    return new SequenceExample(e.id(), e.length(), inputs, e.y(), e.source());
  }

  /**
   * The seasonal-naive forecast of column c, j steps after row t: {@code raw[t + j - m * ceil(j / m)][c]}, the
   * latest row at or before t in the same season; NaN when that row precedes the series.
   */
  float seasonalNaive(float[][] raw, int t, int j, int c) {
    int m = seasonLength;
    int row = t + j - m * ((j + m - 1) / m);
    return row >= 0 ? raw[row][c] : Float.NaN;
  }
}
