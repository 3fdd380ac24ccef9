package org.recurrent.data.timeseries;

import java.util.List;

/**
 * Which columns of a time-series CSV to read.
 *
 * @param timeColumn   the column naming each row's time (kept as text, for ids and reports), or null if the file
 *                     has none (rows are then named by their 0-based index); default null
 * @param valueColumns the numeric columns to read, in this order; empty (default) = every column except the
 *                     time column
 * @param delimiter    the field separator (default ',')
 */
public record TimeSeriesCsvOptions(String timeColumn, List<String> valueColumns, char delimiter) {

  public TimeSeriesCsvOptions {
    valueColumns = List.copyOf(valueColumns);
    if (timeColumn != null && valueColumns.contains(timeColumn)) {
      throw new IllegalArgumentException("the time column \"" + timeColumn + "\" cannot also be a value column");
    }
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
    }
  }

  /** No time column, every column a value, comma-separated. */
  public static TimeSeriesCsvOptions defaults() {
    return new TimeSeriesCsvOptions(null, List.of(), ',');
  }

  /** {@code timeColumn} names the rows; every other column is a value. */
  public static TimeSeriesCsvOptions withTime(String timeColumn) {
    return new TimeSeriesCsvOptions(timeColumn, List.of(), ',');
  }

  public TimeSeriesCsvOptions withValueColumns(String... valueColumns) {
    return new TimeSeriesCsvOptions(timeColumn, List.of(valueColumns), delimiter);
  }

  public TimeSeriesCsvOptions withDelimiter(char delimiter) {
    return new TimeSeriesCsvOptions(timeColumn, valueColumns, delimiter);
  }
}
