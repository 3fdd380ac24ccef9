package org.recurrent.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a delimited text file one record at a time, RFC 4180 style: a field may be quoted, a quote inside a quoted
 * field is doubled ({@code "a ""b"""}), and a quoted field may contain the delimiter. Every record must have as
 * many fields as the header (or, without a header, as the first record), so a short row is reported where it is,
 * as {@code data.csv:17: expected 180 columns, found 179}.
 *
 * <p>Deliberate limits: a line break inside quotes is rejected by default (it is almost always a stray quote, and
 * allowing it would swallow the rest of the file into one field; see {@link QuotedLineBreaks} for files that need
 * it); blank lines are skipped; fields are not trimmed.
 * Headerless files name their columns {@code "1", "2", ...} (1-based), so options can still refer to them.
 */
public final class CsvReader implements Closeable {

  /** One record and the physical line it was read from. */
  public record Row(long line, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }

    public String get(int column) {
      return fields.get(column);
    }
  }

  /** What a line break inside a quoted field means. */
  public enum QuotedLineBreaks {
    /** An error at the line of the opening quote (the default). */
    REJECT,
    /**
     * Part of the field, as RFC 4180 allows; it is read as {@code \n} whatever the file's line ends, and the record
     * reports the line it starts on. A quote still open at the end of the file is an error at that line.
     */
    ALLOW
  }

  private final NumberedLines lines;
  private final char delimiter;
  private final QuotedLineBreaks quotedLineBreaks;
  private final List<String> header;
  private final long headerLine;
  private Row pending; // the first record of a headerless file, read to count its columns

  private CsvReader(NumberedLines lines, char delimiter, boolean hasHeader, QuotedLineBreaks quotedLineBreaks)
      throws IOException {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("delimiter cannot be " + describe(delimiter));
    }
    this.lines = lines;
    this.delimiter = delimiter;
    this.quotedLineBreaks = Objects.requireNonNull(quotedLineBreaks, "quotedLineBreaks");
    Row first = readRow();
    if (first == null) {
      throw DataFormatException.at(lines.file(), 1, hasHeader ? "a header line" : "a record", "an empty file");
    }
    headerLine = first.line();
    if (hasHeader) {
      header = first.fields();
    } else {
      List<String> names = new ArrayList<>();
      for (int c = 1; c <= first.fields().size(); c++) names.add(Integer.toString(c));
      header = List.copyOf(names);
      pending = first;
    }
  }

  /** Opens {@code file} (see {@link DataFiles#open}) and reads the header, if it has one. */
  public static CsvReader open(Path file, char delimiter, boolean hasHeader) throws IOException {
    return open(file, delimiter, hasHeader, QuotedLineBreaks.REJECT);
  }

  /** As {@link #open(Path, char, boolean)}, with line breaks inside quotes treated as {@code quotedLineBreaks} says. */
  public static CsvReader open(Path file, char delimiter, boolean hasHeader, QuotedLineBreaks quotedLineBreaks)
      throws IOException {
    NumberedLines lines = new NumberedLines(file);
    try {
      return new CsvReader(lines, delimiter, hasHeader, quotedLineBreaks);
    } catch (IOException | RuntimeException e) {
      lines.close();
      throw e;
    }
  }

  /** The column names: the header line, or {@code "1".."N"} for a headerless file. */
  public List<String> header() {
    return header;
  }

  /** The line the column names come from: the header, or the first record of a headerless file. */
  public long headerLine() {
    return headerLine;
  }

  public Path file() {
    return lines.file();
  }

  /** The 0-based index of the column called {@code name}; an error if there is none or more than one. */
  public int column(String name) throws DataFormatException {
    int found = header.indexOf(name);
    if (found < 0) {
      throw DataFormatException.at(file(), headerLine, "a column named \"" + name + "\"",
          "columns " + abbreviated(header));
    }
    if (header.lastIndexOf(name) != found) {
      throw DataFormatException.at(file(), headerLine, "one column named \"" + name + "\"",
          "columns " + (found + 1) + " and " + (header.lastIndexOf(name) + 1) + " with that name");
    }
    return found;
  }

  /** The next record, or null at the end of the file. */
  public Row next() throws IOException {
    Row row;
    if (pending != null) {
      row = pending;
      pending = null;
    } else {
      row = readRow();
    }
    if (row != null && row.fields().size() != header.size()) {
      throw DataFormatException.at(file(), row.line(), header.size() + " columns", Integer.toString(row.fields().size()));
    }
    return row;
  }

  private Row readRow() throws IOException {
    String text;
    do {
      text = lines.next();
      if (text == null) return null;
    } while (text.isEmpty());
    long start = lines.line();
    return new Row(start, split(text, start));
  }

  /** The fields of the record that starts on line {@code start} as {@code first}; reads on for quoted line breaks. */
  private List<String> split(String first, long start) throws IOException {
    String text = first;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (true) {
      field.setLength(0);
      if (i < n && text.charAt(i) == '"') {
        int open = i++;
        while (true) {
          if (i >= n) {
            if (quotedLineBreaks == QuotedLineBreaks.REJECT) {
              throw DataFormatException.at(file(), lines.line(), "unterminated quoted field " + (fields.size() + 1)
                  + " (opened at character " + (open + 1) + "); a line break inside quotes is not supported");
            }
            text = lines.next();
            if (text == null) throw DataFormatException.at(file(), start, "a closing quote", "the end of the file");
            field.append('\n');
            i = 0;
            n = text.length();
            continue;
          }
          char c = text.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < n && text.charAt(i) == '"') {
            field.append('"'); // "" inside quotes is one quote
            i++;
          } else {
            break;
          }
        }
        if (i < n && text.charAt(i) != delimiter) {
          throw DataFormatException.at(file(), lines.line(), "a delimiter after the closing quote of field "
              + (fields.size() + 1), describe(text.charAt(i)));
        }
      } else {
        while (i < n && text.charAt(i) != delimiter) field.append(text.charAt(i++));
      }
      fields.add(field.toString());
      if (i >= n) return fields;
      i++; // skip the delimiter; a trailing delimiter means one more, empty, field
      if (i == n) {
        fields.add("");
        return fields;
      }
    }
  }

  private static String describe(char c) {
    return switch (c) {
      case '\t' -> "'\\t'";
      case '\n' -> "'\\n'";
      case '\r' -> "'\\r'";
      default -> "'" + c + "'";
    };
  }

  /** The first few names of a long header, enough to see what the file holds. */
  static String abbreviated(List<String> names) {
    int shown = 8;
    if (names.size() <= shown) return names.toString();
    return "[" + String.join(", ", names.subList(0, shown)) + ", ... (" + names.size() + " in all)]";
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
