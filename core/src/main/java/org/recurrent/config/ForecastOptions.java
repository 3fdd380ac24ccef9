package org.recurrent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recurrent.data.timeseries.CalendarFeatures;
import org.recurrent.data.timeseries.Scaler;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.TimeSeriesCsvReader;
import org.recurrent.data.timeseries.TimeSeriesCsvOptions;
import org.recurrent.data.timeseries.Windowing;

/**
 * {@code data.options} for the {@code timeseries_csv} format (forecasting).
 *
 * @param timeColumn       the column naming each row's time (optional)
 * @param valueColumns     the numeric columns to read (default: all but the time column)
 * @param targets          the columns to forecast (default: the first value column)
 * @param lags             L, input window length (default 24)
 * @param horizon          h, steps ahead (default 1; typical 1, 7, 14, 28)
 * @param mode             direct strategy: {@code single} (default: the value h steps ahead) or {@code multi} (one
 *                         output per step 1..h)
 * @param targetInputsOnly feed only the target columns as inputs (default false: all value columns, so the value
 *                         columns that are not targets are covariates: inputs only, never forecast)
 * @param strategy         {@code direct} (default: the model outputs the horizon itself) or {@code recursive} (it
 *                         learns one step and is rolled h steps, feeding its scaled forecasts back; no covariates)
 * @param pivot            a long file's {@code key_column} and {@code value_column}: one column per key (e.g. per
 *                         region), so {@code targets} and {@code value_columns} name keys; default none (wide file)
 * @param seasonLength     rows per season for the seasonal-naive baseline (7: daily data, weekly rhythm; 12:
 *                         monthly data, yearly rhythm; 365: daily data, yearly rhythm); default none
 * @param scaling          {@code minmax} (default), {@code zscore}, {@code log_minmax} (min-max of log(1 + v), for
 *                         counts spanning orders of magnitude) or {@code none}; fitted on training rows only
 * @param delimiter        field separator (default ',')
 * @param residual         forecast the change from the last observed value instead of the value (default false): the
 *                         forecast is the scaled last value plus the model's output, so an output of 0 is the naive
 *                         forecast (see {@link Windowing})
 * @param dayOfWeek        append seven 0/1 day-of-week columns read from the time column as covariates (default
 *                         false; daily series with a weekly rhythm; direct strategy only), see
 *                         {@link CalendarFeatures}
 * @param relativeInputs   with {@code residual}: give every input column (but the day-of-week ones) relative to its
 *                         value in the window's last row, so the model sees shapes, not levels (default false)
 */
public record ForecastOptions(String timeColumn, List<String> valueColumns, List<String> targets, Integer lags,
                              Integer horizon, String mode, Boolean targetInputsOnly, String scaling, Character delimiter,
                              String strategy, Integer seasonLength, TimeSeriesCsvOptions.Pivot pivot,
                              Boolean residual, Boolean dayOfWeek, Boolean relativeInputs) {

  /** The series of {@code file} as the model reads it: its value columns, then the day-of-week ones if asked. */
  public TimeSeries read(Path file) throws IOException {
    TimeSeries series = new TimeSeriesCsvReader(csv()).read(file);
    return dayOfWeek != null && dayOfWeek ? CalendarFeatures.withDayOfWeek(series, timeColumn) : series;
  }

  public TimeSeriesCsvOptions csv() {
    return new TimeSeriesCsvOptions(timeColumn, valueColumns == null ? List.of() : valueColumns,
        delimiter == null ? ',' : delimiter, pivot);
  }

  public Windowing windowing(List<String> columns) {
    List<String> t = targets == null || targets.isEmpty() ? List.of(columns.get(0)) : targets;
    String m = mode == null ? "single" : mode.trim().toLowerCase(Locale.ROOT);
    Windowing.Mode wm = switch (m) {
      case "single" -> Windowing.Mode.SINGLE;
      case "multi" -> Windowing.Mode.MULTI;
      default -> throw new IllegalArgumentException("unknown data.options.mode '" + mode + "'; expected single or multi");
    };
    String st = strategy == null ? "direct" : strategy.trim().toLowerCase(Locale.ROOT);
    Windowing.Strategy ws = switch (st) {
      case "direct" -> Windowing.Strategy.DIRECT;
      case "recursive" -> Windowing.Strategy.RECURSIVE;
      default -> throw new IllegalArgumentException("unknown data.options.strategy '" + strategy
          + "'; expected direct or recursive");
    };
    if (ws == Windowing.Strategy.RECURSIVE && wm == Windowing.Mode.MULTI) {
      throw new IllegalArgumentException("data.options.mode multi is for strategy direct; a recursive model learns one "
          + "step and is rolled data.options.horizon steps, so leave mode out");
    }
    if (dayOfWeek != null && dayOfWeek && ws == Windowing.Strategy.RECURSIVE) {
      throw new IllegalArgumentException("data.options.day_of_week adds covariate inputs, which a recursive model cannot "
          + "read (it feeds its forecasts back as its next input row); use strategy: direct, or leave day_of_week out");
    }
    if (seasonLength != null && seasonLength < 1) {
      throw new IllegalArgumentException("data.options.season_length must be >= 1 (rows per season), got "
          + seasonLength);
    }
    Windowing w = new Windowing(lags == null ? 24 : lags, horizon == null ? 1 : horizon, t, wm,
        targetInputsOnly != null && targetInputsOnly, ws, seasonLength == null ? 0 : seasonLength,
        residual != null && residual, relativeInputs != null && relativeInputs);
    w.checkRecursiveInputs(columns);
    return w;
  }

  public Scaler.Kind scalerKind() {
    String s = scaling == null ? "minmax" : scaling.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "minmax", "min_max" -> Scaler.Kind.MIN_MAX;
      case "zscore", "z_score" -> Scaler.Kind.Z_SCORE;
      case "none" -> Scaler.Kind.NONE;
      case "log_minmax", "log_min_max" -> Scaler.Kind.LOG_MIN_MAX;
      default -> throw new IllegalArgumentException("unknown data.options.scaling '" + scaling
          + "'; expected minmax, zscore, log_minmax or none");
    };
  }
}
