package org.recurrent.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * The lines of a data file with their 1-based physical line numbers, so every reader can say {@code file:line}.
 * A line holding bytes that are not UTF-8 (decoded by {@link DataFiles#open} as U+FFFD) is an error at that line,
 * and so is a line longer than {@link DataFiles#MAX_LINE_CHARS} (a file with no line breaks, or binary data), which
 * is reported before it is held in memory whole. Line ends are {@code \n}, {@code \r\n} or {@code \r}, as in
 * {@link java.io.BufferedReader#readLine}.
 */
public final class NumberedLines implements Closeable {

  private final Reader in;
  private final Path file;
  private final int maxChars;
  private final char[] buffer = new char[1 << 14];
  private int position;
  private int limit;
  private boolean skipLineFeed; // the last line ended in \r: a \n right after it belongs to that line end
  private long line;

  /** Opens {@code file} with {@link DataFiles#open}. */
  public NumberedLines(Path file) throws IOException {
    this(file, DataFiles.MAX_LINE_CHARS);
  }

  /** As {@link #NumberedLines(Path)}, with lines capped at {@code maxChars} characters (tests use a small cap). */
  NumberedLines(Path file, int maxChars) throws IOException {
    this.in = DataFiles.open(file);
    this.file = file;
    this.maxChars = maxChars;
  }

  /** The next line without its terminator, or null at the end of the file. */
  public String next() throws IOException {
    StringBuilder text = null;
    while (true) {
      if (position >= limit && !fill()) {
        if (text == null) return null;            // the end of the file; a last line without a line break is a line
        return finish(text.toString());
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[position] == '\n') position++;
        continue;
      }
      int start = position;
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') position++;
      int length = position - start;
      long total = (text == null ? 0 : text.length()) + (long) length;
      if (total > maxChars) {
        throw DataFormatException.at(file, line + 1, "a line of at most " + maxChars + " characters (is this a text "
            + "data file?)", "a longer one");
      }
      if (position < limit) {                     // a line end
        char end = buffer[position++];
        skipLineFeed = end == '\r';
        String s = text == null ? new String(buffer, start, length) : text.append(buffer, start, length).toString();
        return finish(s);
      }
      if (text == null) text = new StringBuilder(Math.max(16, length * 2));
      text.append(buffer, start, length);
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) return false;
    position = 0;
    limit = n;
    return true;
  }

  private String finish(String text) throws DataFormatException {
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
