package org.recurrent.data.timeseries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.recurrent.data.CsvReader;
import org.recurrent.data.DataFormatException;

/**
 * Reads a time series from a CSV file with a header line: an optional time column (kept as text) and the chosen
 * numeric value columns (see {@link TimeSeriesCsvOptions}). The file is parsed by {@link CsvReader}: quoted fields
 * and headers ({@code "Month","Passengers"}) are unquoted and may hold line breaks, {@code .gz} files are
 * decompressed, a byte-order mark is dropped; rows stay in file order.
 *
 * <p>Every selected cell must be a finite decimal number. An empty cell, {@code NA}, {@code NaN}, {@code Inf} or
 * any other text is an error naming the file, line and column, because a silent gap or NaN would only show up
 * later as a NaN loss: fill or drop such rows first, or leave the column out.
 *
 * <p>A long file ({@link TimeSeriesCsvOptions#pivot}) holds one row per time and key (e.g. per day and region):
 * its rows are grouped by the time column, sorted by the time label as text (ISO dates yyyy-MM-dd, yyyyMMdd and
 * months yyyy-MM sort in time order; the file's own order does not matter, the RKI file is newest first), and each
 * key becomes a column named by it, in order of first appearance (or as {@code valueColumns} lists them). Every
 * time needs one row per key: a missing or repeated (time, key) is an error naming the line.
 */
public final class TimeSeriesCsvReader {
  /** A plain decimal number, optionally with an exponent: what spreadsheets and pandas write. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final TimeSeriesCsvOptions options;

  public TimeSeriesCsvReader(TimeSeriesCsvOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public TimeSeries read(Path file) throws IOException {
    if (options.pivot() != null) return readLong(file);
    try (CsvReader csv = CsvReader.open(file, options.delimiter(), true, CsvReader.QuotedLineBreaks.ALLOW)) {
      List<String> names = csv.header();
      int timeIndex = options.timeColumn() == null ? -1 : csv.column(options.timeColumn());
      List<String> valueNames = options.valueColumns();
      if (valueNames.isEmpty()) {
        valueNames = names.stream().filter(n -> !n.equals(options.timeColumn())).toList();
        if (valueNames.isEmpty()) {
          throw DataFormatException.at(file, csv.headerLine(), "a value column besides the time column",
              names.toString());
        }
      }
      int[] valueIndex = new int[valueNames.size()];
      for (int c = 0; c < valueIndex.length; c++) valueIndex[c] = csv.column(valueNames.get(c));

      List<String> times = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
        float[] v = new float[valueIndex.length];
        for (int c = 0; c < v.length; c++) v[c] = number(file, row.line(), valueNames.get(c), row.get(valueIndex[c]));
        times.add(timeIndex >= 0 ? row.get(timeIndex) : Integer.toString(values.size()));
        lines.add(row.line());
        values.add(v);
      }
      if (values.isEmpty()) throw DataFormatException.at(file, csv.headerLine() + 1, "a data row", "none");
      return new TimeSeries(file.toString(), valueNames, times, lines.stream().mapToLong(Long::longValue).toArray(),
          values.toArray(float[][]::new));
    }
  }

  private static float number(Path file, long line, String column, String cell) throws DataFormatException {
    String s = cell.strip();
    String expected = "a number in column \"" + column + "\"";
    if (s.isEmpty()) throw DataFormatException.at(file, line, expected, "an empty cell");
    if (!NUMBER.matcher(s).matches()) throw DataFormatException.at(file, line, expected, org.recurrent.data.PrintableText.quoted(cell));
    float v = Float.parseFloat(s);
    if (!Float.isFinite(v)) {
      throw DataFormatException.at(file, line, expected + " within float range", org.recurrent.data.PrintableText.quoted(cell));
    }
    return v;
  }


  /** One value of a long file and its line. */
  private record Cell(float value, long line) {}

  private TimeSeries readLong(Path file) throws IOException {
    TimeSeriesCsvOptions.Pivot pivot = options.pivot();
    try (CsvReader csv = CsvReader.open(file, options.delimiter(), true, CsvReader.QuotedLineBreaks.ALLOW)) {
      int timeIndex = csv.column(options.timeColumn());
      int keyIndex = csv.column(pivot.keyColumn());
      int valueIndex = csv.column(pivot.valueColumn());
      java.util.Set<String> wanted = new java.util.HashSet<>(options.valueColumns());
      java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>(options.valueColumns());
      java.util.TreeMap<String, java.util.Map<String, Cell>> byTime = new java.util.TreeMap<>();
      for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
        String key = row.get(keyIndex);
        if (!wanted.isEmpty() && !wanted.contains(key)) continue;
        keys.add(key);
        String time = row.get(timeIndex).strip();
        float v = number(file, row.line(), pivot.valueColumn(), row.get(valueIndex));
        Cell previous = byTime.computeIfAbsent(time, t -> new java.util.HashMap<>()).put(key, new Cell(v, row.line()));
        if (previous != null) {
          throw DataFormatException.at(file, row.line(), "one row per " + options.timeColumn() + " and "
              + pivot.keyColumn(), "a second row for " + time + " and " + key + " (the first is line "
              + previous.line() + ")");
        }
      }
      if (byTime.isEmpty()) throw DataFormatException.at(file, csv.headerLine() + 1, "a data row", "none");
      List<String> names = List.copyOf(keys);
      List<String> times = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      for (var e : byTime.entrySet()) {
        float[] v = new float[names.size()];
        long line = Long.MAX_VALUE;
        for (int c = 0; c < v.length; c++) {
          Cell cell = e.getValue().get(names.get(c));
          if (cell == null) {
            throw new DataFormatException(file + ": no row for " + options.timeColumn() + " " + e.getKey() + " and "
                + pivot.keyColumn() + " " + names.get(c) + "; a long file needs one row per time and key");
          }
          v[c] = cell.value();
          line = Math.min(line, cell.line());
        }
        times.add(e.getKey());
        lines.add(line);
        values.add(v);
      }
      return new TimeSeries(file.toString(), names, times, lines.stream().mapToLong(Long::longValue).toArray(),
          values.toArray(float[][]::new));
    }
  }
}
