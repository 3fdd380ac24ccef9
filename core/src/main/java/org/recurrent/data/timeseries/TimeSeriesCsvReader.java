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
 */
public final class TimeSeriesCsvReader {
  /** A plain decimal number, optionally with an exponent: what spreadsheets and pandas write. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final TimeSeriesCsvOptions options;

  public TimeSeriesCsvReader(TimeSeriesCsvOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public TimeSeries read(Path file) throws IOException {
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

}
