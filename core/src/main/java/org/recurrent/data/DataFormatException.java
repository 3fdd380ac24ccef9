package org.recurrent.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A record in an input file is not what the reader expected. The message always starts with
 * {@code file:line:} and says what was expected and what was found, so a user can open the file at that line.
 */
public final class DataFormatException extends IOException {

  public DataFormatException(String message) {
    super(message);
  }

  /** {@code file:line: expected <expected>, found <found>}. */
  public static DataFormatException at(Path file, long line, String expected, String found) {
    return new DataFormatException(file + ":" + line + ": expected " + expected + ", found " + found);
  }

  /** {@code file:line: <problem>} for messages that do not fit the expected/found pattern. */
  public static DataFormatException at(Path file, long line, String problem) {
    return new DataFormatException(file + ":" + line + ": " + problem);
  }
}
