package org.recurrent.data.timeseries;

import java.util.Objects;
import org.recurrent.data.SequenceExample;

/**
 * One lag window made by {@link Windowing}: the scaled example and, unscaled, what a forecast is judged against.
 *
 * @param example      L steps of C scaled inputs and the K scaled targets
 * @param lastInputRow t, the series row of the window's last input step
 * @param targetRow    the row of the window's last target (t + h), by which a split assigns the window
 * @param lastObserved the unscaled value of each target column at row t: the naive "last value" forecast
 * @param actual       the unscaled targets, laid out like {@code example.y()}
 * @param future       the unscaled targets at rows t + 1 .. t + h, step-major (h, targets): what every horizon
 *                     step is scored against, whatever the model's own outputs are
 * @param seasonal     the seasonal-naive forecast of the same (h, targets) values (NaN where the series is too
 *                     short); empty without a season length
 * @param windowing    how the window was made (strategy, mode, horizon, targets), for scoring and rolling ahead
 */
public record ForecastWindow(SequenceExample example, int lastInputRow, int targetRow, float[] lastObserved,
    float[] actual, float[] future, float[] seasonal, Windowing windowing) {

  public ForecastWindow {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(lastObserved, "lastObserved");
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(future, "future");
    Objects.requireNonNull(seasonal, "seasonal");
    Objects.requireNonNull(windowing, "windowing");
    if (actual.length != example.y().length) {
      throw new IllegalArgumentException("actual has " + actual.length + " values but y has " + example.y().length);
    }
    int width = windowing.horizon() * windowing.targetColumns().size();
    if (future.length != width || (seasonal.length != 0 && seasonal.length != width)) {
      throw new IllegalArgumentException("future and seasonal need h * targets = " + width + " values, got "
          + future.length + " and " + seasonal.length);
    }
  }
}
