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
 */
public record ForecastWindow(SequenceExample example, int lastInputRow, int targetRow, float[] lastObserved,
    float[] actual) {

  public ForecastWindow {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(lastObserved, "lastObserved");
    Objects.requireNonNull(actual, "actual");
    if (actual.length != example.y().length) {
      throw new IllegalArgumentException("actual has " + actual.length + " values but y has " + example.y().length);
    }
  }
}
