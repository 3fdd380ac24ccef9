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
 * @param pivot        a long file, one row per (time, key), turned into one column per key; null (default) for a
 *                     wide file
 */
public record TimeSeriesCsvOptions(String timeColumn, List<String> valueColumns, char delimiter, Pivot pivot) {

  /**
   * A long file's layout: each row holds the value of series {@code keyColumn} (a region, a sensor) at its time, in
   * {@code valueColumn}. Read as one column per key value, named by it, one row per time.
   */
  public record Pivot(String keyColumn, String valueColumn) {
    public Pivot {
      if (keyColumn == null || keyColumn.isBlank() || valueColumn == null || valueColumn.isBlank()) {
        throw new IllegalArgumentException("a pivot needs key_column and value_column");
      }
    }
  }

  /** A wide file. */
  public TimeSeriesCsvOptions(String timeColumn, List<String> valueColumns, char delimiter) {
    this(timeColumn, valueColumns, delimiter, null);
  }

  public TimeSeriesCsvOptions {
    if (pivot != null && timeColumn == null) {
      throw new IllegalArgumentException("a long file (pivot) needs a time_column to group its rows by");
    }
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
    return new TimeSeriesCsvOptions(timeColumn, List.of(valueColumns), delimiter, pivot);
  }

  public TimeSeriesCsvOptions withDelimiter(char delimiter) {
    return new TimeSeriesCsvOptions(timeColumn, valueColumns, delimiter, pivot);
  }

  public TimeSeriesCsvOptions withPivot(String keyColumn, String valueColumn) {
    return new TimeSeriesCsvOptions(timeColumn, valueColumns, delimiter, new Pivot(keyColumn, valueColumn));
  }
}
