package org.recurrent.data.timeseries;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.recurrent.data.SequenceExample;

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
 * @param lags             L, input steps per window, >= 1
 * @param horizon          h, steps ahead of the last input (1, 7, 14, 28 are typical), >= 1
 * @param targetColumns    the columns to forecast, at least one
 * @param mode             {@link Mode#SINGLE}: the h-th step only; {@link Mode#MULTI}: every step 1..h
 * @param targetInputsOnly feed only the target columns as inputs (default false: all columns)
 */
public record Windowing(int lags, int horizon, List<String> targetColumns, Mode mode, boolean targetInputsOnly) {

  /** Which steps after the window are targets. */
  public enum Mode { SINGLE, MULTI }

  public Windowing {
    if (lags < 1) throw new IllegalArgumentException("lags must be >= 1, got " + lags);
    if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    targetColumns = List.copyOf(targetColumns);
    if (targetColumns.isEmpty()) throw new IllegalArgumentException("need at least one target column");
    Objects.requireNonNull(mode, "mode");
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
    return new Windowing(lags, horizon, targetColumns, mode, targetInputsOnly);
  }

  /** K, the length of each example's y. */
  public int outputSize() {
    return mode == Mode.MULTI ? horizon * targetColumns.size() : targetColumns.size();
  }

  /** The series columns of the targets, in {@link #targetColumns} order (for un-scaling predictions). */
  public int[] targetIndices(TimeSeries series) {
    return targetColumns.stream().mapToInt(series::columnIndex).toArray();
  }

  /** The series columns fed as inputs, C of them. */
  public int[] inputIndices(TimeSeries series) {
    if (targetInputsOnly) return targetIndices(series);
    int[] all = new int[series.columns().size()];
    for (int c = 0; c < all.length; c++) all[c] = c;
    return all;
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
    int steps = mode == Mode.MULTI ? horizon : 1;
    List<ForecastWindow> windows = new ArrayList<>(n - lags - horizon + 1);
    for (int t = lags - 1; t + horizon < n; t++) {
      int first = t - lags + 1;
      float[] x = new float[lags * inputs.length]; // (L, C)
      for (int s = 0; s < lags; s++) {
        for (int c = 0; c < inputs.length; c++) x[s * inputs.length + c] = scaled[first + s][inputs[c]];
      }
      float[] y = new float[steps * targets.length]; // (steps, targets)
      float[] actual = new float[y.length];
      for (int j = 0; j < steps; j++) {
        int row = mode == Mode.MULTI ? t + 1 + j : t + horizon;
        for (int k = 0; k < targets.length; k++) {
          y[j * targets.length + k] = scaled[row][targets[k]];
          actual[j * targets.length + k] = raw[row][targets[k]];
        }
      }
      float[] lastObserved = new float[targets.length];
      for (int k = 0; k < targets.length; k++) lastObserved[k] = raw[t][targets[k]];
      SequenceExample example = new SequenceExample(series.times().get(t), lags, inputs.length, x, y,
          series.source(first));
      windows.add(new ForecastWindow(example, t, t + horizon, lastObserved, actual));
    }
    return windows;
  }
}
