package org.recurrent.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The lines of a data file with their 1-based physical line numbers, so every reader can say {@code file:line}.
 * A line holding bytes that are not UTF-8 (decoded by {@link DataFiles#open} as U+FFFD) is an error at that line.
 */
public final class NumberedLines implements Closeable {

  private final BufferedReader in;
  private final Path file;
  private long line;

  /** Opens {@code file} with {@link DataFiles#open}. */
  public NumberedLines(Path file) throws IOException {
    this.in = DataFiles.open(file);
    this.file = file;
  }

  /** The next line without its terminator, or null at the end of the file. */
  public String next() throws IOException {
    String text = in.readLine();
    if (text == null) return null;
    line++;
    if (DataFiles.isNotUtf8(text)) throw DataFiles.notUtf8(file, line);
    return text;
  }

  /** The number of the line last returned by {@link #next}; 0 before the first. */
  public long line() {
    return line;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
