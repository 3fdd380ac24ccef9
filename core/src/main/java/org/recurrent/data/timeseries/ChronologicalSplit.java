package org.recurrent.data.timeseries;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a series by row position into train, validation and test rows, in time order:
 *
 * <pre>{@code
 * train      = rows [0, trainEnd)              trainEnd      = floor(N * train)
 * validation = rows [trainEnd, validationEnd)  validationEnd = floor(N * (train + validation))
 * test       = rows [validationEnd, N)
 * }</pre>
 *
 * A window belongs to the part holding its (last) target row, so every target of a training window is a training
 * row: no validation or test value is ever a training target. Its inputs may reach back into an earlier part,
 * which is allowed: a forecaster is conditioned on the past and scored on the targets of its part. The scaler is
 * fitted on the training rows only.
 *
 * @param train      fraction of rows for training, in (0, 1]
 * @param validation fraction of rows for validation, >= 0; the rest, 1 - train - validation, is test
 */
public record ChronologicalSplit(double train, double validation) {

  /** Row boundaries of the three parts of N rows. */
  public record Bounds(int trainEnd, int validationEnd, int rows) {}

  public ChronologicalSplit {
    if (!(train > 0 && train <= 1)) throw new IllegalArgumentException("train must be in (0, 1], got " + train);
    if (!(validation >= 0 && train + validation <= 1 + 1e-9)) {
      throw new IllegalArgumentException("validation must be >= 0 with train + validation <= 1, got " + train + " + "
          + validation);
    }
  }

  public Bounds bounds(int rows) {
    // The small epsilon keeps e.g. 144 * (108/144 + 12/144) from flooring to 119 through rounding error.
    int trainEnd = (int) Math.min(rows, Math.floor(rows * train + 1e-9));
    int validationEnd = (int) Math.min(rows, Math.floor(rows * (train + validation) + 1e-9));
    return new Bounds(trainEnd, validationEnd, rows);
  }

  /**
   * Fits a scaler of {@code kind} on the training rows, windows the whole series and assigns each window by its
   * target row.
   *
   * @throws IllegalArgumentException if there are no training rows or no training window
   */
  public ForecastDataset apply(TimeSeries series, Scaler.Kind kind, Windowing windowing) {
    Bounds b = bounds(series.rows());
    if (b.trainEnd() == 0) {
      throw new IllegalArgumentException("a train fraction of " + train + " of " + series.rows() + " rows is no rows");
    }
    Scaler scaler = Scaler.fit(kind, series.values(), 0, b.trainEnd());
    List<ForecastWindow> trainWindows = new ArrayList<>();
    List<ForecastWindow> validationWindows = new ArrayList<>();
    List<ForecastWindow> testWindows = new ArrayList<>();
    for (ForecastWindow w : windowing.apply(series, scaler)) {
      if (w.targetRow() < b.trainEnd()) trainWindows.add(w);
      else if (w.targetRow() < b.validationEnd()) validationWindows.add(w);
      else testWindows.add(w);
    }
    if (trainWindows.isEmpty()) {
      throw new IllegalArgumentException("the " + b.trainEnd() + " training rows hold no window of lags + horizon = "
          + (windowing.lags() + windowing.horizon()) + " rows; train on more rows or use fewer lags");
    }
    return new ForecastDataset(scaler, b, trainWindows, validationWindows, testWindows);
  }
}
