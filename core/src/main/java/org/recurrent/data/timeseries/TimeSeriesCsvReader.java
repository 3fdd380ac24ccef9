package org.recurrent.data.timeseries;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.recurrent.data.DataFormatException;

/**
 * Reads a time series from a CSV file with a header line: an optional time column (kept as text) and the chosen
 * numeric value columns (see {@link TimeSeriesCsvOptions}). Quoted fields and headers ({@code "Month","Passengers"})
 * are unquoted; {@code .gz} files are decompressed; rows stay in file order.
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
    try (BufferedReader in = open(file)) {
      in.mark(1);
      if (in.read() != '\uFEFF') in.reset(); // skip the byte-order mark some editors write first
      CsvRecords records = new CsvRecords(in, file, options.delimiter());
      CsvRecords.Row header = records.next();
      if (header == null) throw DataFormatException.at(file, 1, "a header line", "an empty file");
      List<String> names = header.fields();
      int timeIndex = options.timeColumn() == null ? -1 : find(file, header.line(), names, options.timeColumn());
      List<String> valueNames = options.valueColumns();
      if (valueNames.isEmpty()) {
        valueNames = names.stream().filter(n -> !n.equals(options.timeColumn())).toList();
        if (valueNames.isEmpty()) {
          throw DataFormatException.at(file, header.line(), "a value column besides the time column", names.toString());
        }
      }
      int[] valueIndex = new int[valueNames.size()];
      for (int c = 0; c < valueIndex.length; c++) valueIndex[c] = find(file, header.line(), names, valueNames.get(c));

      List<String> times = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      for (CsvRecords.Row row = records.next(); row != null; row = records.next()) {
        List<String> fields = row.fields();
        if (fields.size() != names.size()) {
          throw DataFormatException.at(file, row.line(), names.size() + " fields as in the header",
              Integer.toString(fields.size()));
        }
        float[] v = new float[valueIndex.length];
        for (int c = 0; c < v.length; c++) v[c] = number(file, row.line(), valueNames.get(c), fields.get(valueIndex[c]));
        times.add(timeIndex >= 0 ? fields.get(timeIndex) : Integer.toString(values.size()));
        lines.add(row.line());
        values.add(v);
      }
      if (values.isEmpty()) throw DataFormatException.at(file, header.line() + 1, "a data row", "none");
      return new TimeSeries(file.toString(), valueNames, times, lines.stream().mapToLong(Long::longValue).toArray(),
          values.toArray(float[][]::new));
    }
  }

  private static int find(Path file, long line, List<String> names, String column) throws DataFormatException {
    int index = names.indexOf(column);
    if (index < 0) throw DataFormatException.at(file, line, "a column \"" + column + "\"", "the columns " + names);
    return index;
  }

  private static float number(Path file, long line, String column, String cell) throws DataFormatException {
    String s = cell.strip();
    String expected = "a number in column \"" + column + "\"";
    if (s.isEmpty()) throw DataFormatException.at(file, line, expected, "an empty cell");
    if (!NUMBER.matcher(s).matches()) throw DataFormatException.at(file, line, expected, "\"" + cell + "\"");
    float v = Float.parseFloat(s);
    if (!Float.isFinite(v)) {
      throw DataFormatException.at(file, line, expected + " within float range", "\"" + cell + "\"");
    }
    return v;
  }

  /** UTF-8 text, decompressed if the name ends in {@code .gz}. */
  private static BufferedReader open(Path file) throws IOException {
    if (file.getFileName().toString().endsWith(".gz")) {
      return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
          StandardCharsets.UTF_8.newDecoder()));
    }
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }
}
