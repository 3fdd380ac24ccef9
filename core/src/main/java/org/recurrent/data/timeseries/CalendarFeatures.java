package org.recurrent.data.timeseries;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recurrent.data.DataFormatException;

/**
 * Day-of-week inputs for daily series ({@code data.options.day_of_week}): seven 0/1 columns appended to a series,
 * {@code day_of_week_mon} .. {@code day_of_week_sun}, the one of each row's weekday set to 1. They are covariates
 * (inputs, never forecast) read from the rows' own time labels, so they hold nothing about later rows; a window's
 * last row tells the model the weekday of every step it forecasts, which is what a series with a weekly rhythm
 * needs (reporting days: RKI's 7-day count stays unchanged over weekends; fewer admissions are recorded on Sundays).
 *
 * <p>Time labels: {@code yyyy-MM-dd}, {@code yyyyMMdd} or ISO date-times ({@code yyyy-MM-ddTHH:mm[:ss]}); anything
 * else is an error naming the row's line.
 */
public final class CalendarFeatures {
  /** The appended columns, Monday first (ISO-8601 order). */
  public static final List<String> DAY_OF_WEEK = List.of("day_of_week_mon", "day_of_week_tue", "day_of_week_wed",
      "day_of_week_thu", "day_of_week_fri", "day_of_week_sat", "day_of_week_sun");

  private CalendarFeatures() {}

  /**
   * {@code series} with the seven day-of-week columns after its own.
   *
   * @param timeColumn the time column's name (null when the series has none: an error)
   * @throws DataFormatException      if a time label is not a date, naming the file and line
   * @throws IllegalArgumentException if there is no time column or a column of the series has one of the names
   */
  public static TimeSeries withDayOfWeek(TimeSeries series, String timeColumn) throws DataFormatException {
    if (timeColumn == null) {
      throw new IllegalArgumentException(series.source() + ": data.options.day_of_week reads each row's date from the "
          + "time column; set data.options.time_column");
    }
    for (String name : DAY_OF_WEEK) {
      if (series.columns().contains(name)) {
        throw new IllegalArgumentException(series.source() + ": the series already has a column " + name + ", which "
            + "data.options.day_of_week would add; rename it or leave day_of_week out");
      }
    }
    int C = series.columns().size();
    float[][] values = new float[series.rows()][];
    for (int r = 0; r < series.rows(); r++) {
      values[r] = Arrays.copyOf(series.values()[r], C + DAY_OF_WEEK.size());
      values[r][C + dayOfWeek(series, r, timeColumn).getValue() - 1] = 1;
    }
    List<String> columns = new ArrayList<>(series.columns());
    columns.addAll(DAY_OF_WEEK);
    return new TimeSeries(series.source(), columns, series.times(), series.lines(), values);
  }

  private static DayOfWeek dayOfWeek(TimeSeries series, int row, String timeColumn) throws DataFormatException {
    String label = series.times().get(row).trim();
    try {
      if (label.length() == 8) return LocalDate.parse(label, DateTimeFormatter.BASIC_ISO_DATE).getDayOfWeek();
      if (label.length() == 10) return LocalDate.parse(label).getDayOfWeek();
      return LocalDateTime.parse(label).getDayOfWeek();
    } catch (DateTimeParseException e) {
      throw DataFormatException.value(Path.of(series.source()), series.lines()[row],
          "a date (yyyy-MM-dd, yyyyMMdd or an ISO date-time) in time column " + timeColumn
              + " for data.options.day_of_week", label);
    }
  }
}
