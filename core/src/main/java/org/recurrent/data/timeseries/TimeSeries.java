package org.recurrent.data.timeseries;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * N rows of C numeric columns in time order, with each row's time label and source line. The arrays are shared,
 * not copied: treat them as read-only.
 *
 * @param source  where the series came from (a file name), for {@link #source(int)}
 * @param columns the C column names
 * @param times   N time labels (the time column's text, or the row index)
 * @param lines   N line numbers in {@code source}
 * @param values  {@code values[row][column]}, (N, C)
 */
public record TimeSeries(String source, List<String> columns, List<String> times, long[] lines, float[][] values) {

  public TimeSeries {
    Objects.requireNonNull(source, "source");
    columns = List.copyOf(columns);
    times = List.copyOf(times);
    Objects.requireNonNull(lines, "lines");
    Objects.requireNonNull(values, "values");
    if (columns.isEmpty()) throw new IllegalArgumentException("a time series needs at least one column");
    if (times.size() != values.length || lines.length != values.length) {
      throw new IllegalArgumentException("rows disagree: " + values.length + " value rows, " + times.size()
          + " times, " + lines.length + " lines");
    }
    for (int r = 0; r < values.length; r++) {
      if (values[r].length != columns.size()) {
        throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, expected "
            + columns.size() + " (one per column)");
      }
    }
  }

  /** An in-memory series: times are the row indices, source {@code "memory"} and line = row index + 1. */
  public static TimeSeries of(List<String> columns, float[][] values) {
    return new TimeSeries("memory", columns, IntStream.range(0, values.length).mapToObj(Integer::toString).toList(),
        LongStream.rangeClosed(1, values.length).toArray(), values);
  }

  /** N. */
  public int rows() {
    return values.length;
  }

  /** The index of column {@code name}. */
  public int columnIndex(String name) {
    int index = columns.indexOf(name);
    if (index < 0) throw new IllegalArgumentException("no column \"" + name + "\"; the columns are " + columns);
    return index;
  }

  /** One column as a new array of N values. */
  public float[] column(String name) {
    int c = columnIndex(name);
    float[] out = new float[values.length];
    for (int r = 0; r < values.length; r++) out[r] = values[r][c];
    return out;
  }

  /** {@code source:line} of a row. */
  public String source(int row) {
    return source + ":" + lines[row];
  }
}
