package org.recurrent.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A record in an input file is not what the reader expected. The message always starts with
 * {@code file:line:} and says what was expected and what was found, so a user can open the file at that line.
 * Control characters in the message (a cell quoted from the file may hold any) are escaped by
 * {@link PrintableText#escape}, so the message is one safe line whatever the file holds.
 */
public final class DataFormatException extends IOException {

  public DataFormatException(String message) {
    super(PrintableText.escape(message));
  }

  /** {@code file:line: expected <expected>, found <found>}. */
  public static DataFormatException at(Path file, long line, String expected, String found) {
    return new DataFormatException(file + ":" + line + ": expected " + expected + ", found " + found);
  }

  /** {@code file:line: expected <expected>, found "<value>"}, the value cut and escaped ({@link PrintableText#quoted}). */
  public static DataFormatException value(Path file, long line, String expected, String value) {
    return at(file, line, expected, PrintableText.quoted(value));
  }

  /** {@code file:line: <problem>} for messages that do not fit the expected/found pattern. */
  public static DataFormatException at(Path file, long line, String problem) {
    return new DataFormatException(file + ":" + line + ": " + problem);
  }
}
