package org.recurrent.data.timeseries;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.data.DataFormatException;

/**
 * Splits CSV text into records of fields (RFC 4180): fields separated by a delimiter; a field that starts with
 * {@code "} is quoted and may hold delimiters, line breaks and {@code ""} for a quote. Blank lines are skipped;
 * {@code \r} outside quotes is ignored, so CRLF files read like LF files. Each record carries the line it starts
 * on, for messages.
 */
final class CsvRecords {

  /** One record and the 1-based line it starts on. */
  record Row(long line, List<String> fields) {}

  private final BufferedReader in;
  private final Path file;
  private final char delimiter;
  private long line = 1;

  CsvRecords(BufferedReader in, Path file, char delimiter) {
    this.in = in;
    this.file = file;
    this.delimiter = delimiter;
  }

  /** The next record, or null at the end of the input. */
  Row next() throws IOException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    long start = -1;
    boolean inQuotes = false;
    boolean afterQuote = false; // just read the quote that closes a quoted field (or the first of "")
    while (true) {
      int c = in.read();
      if (c == -1) {
        if (inQuotes) throw DataFormatException.at(file, start, "a closing quote", "the end of the file");
        if (start < 0) return null;
        fields.add(field.toString());
        return new Row(start, fields);
      }
      if (inQuotes) {
        if (c == '"') {
          inQuotes = false;
          afterQuote = true;
        } else {
          if (c == '\n') line++;
          field.append((char) c);
        }
        continue;
      }
      if (c == '\r') continue;
      if (c == '\n') {
        line++;
        if (start < 0) continue; // blank line
        fields.add(field.toString());
        return new Row(start, fields);
      }
      if (start < 0) start = line;
      if (afterQuote) {
        afterQuote = false;
        if (c == '"') { // "" inside a quoted field is one quote
          field.append('"');
          inQuotes = true;
          continue;
        }
        if (c != delimiter) {
          throw DataFormatException.at(file, line, "'" + delimiter + "' or a line end after a closing quote",
              "'" + (char) c + "'");
        }
      }
      if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '"' && field.isEmpty()) {
        inQuotes = true;
      } else {
        field.append((char) c);
      }
    }
  }
}
