package org.recurrent.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The lines of a data file with their 1-based physical line numbers, so every reader can say {@code file:line}.
 * A line holding bytes that are not UTF-8 (decoded by {@link DataFiles#open} as U+FFFD) is an error at that line.
 */
final class NumberedLines implements Closeable {

  private static final char REPLACEMENT = '\uFFFD';

  private final BufferedReader in;
  private final Path file;
  private long line;

  NumberedLines(Path file) throws IOException {
    this.in = DataFiles.open(file);
    this.file = file;
  }

  /** The next line without its terminator, or null at the end of the file. */
  String next() throws IOException {
    String text = in.readLine();
    if (text == null) return null;
    line++;
    if (text.indexOf(REPLACEMENT) >= 0) {
      throw DataFormatException.at(file, line, "UTF-8 text", "bytes that are not UTF-8 (save the file as UTF-8)");
    }
    return text;
  }

  /** The number of the line last returned by {@link #next}; 0 before the first. */
  long line() {
    return line;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
