package org.recurrent.data.text;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One line of a classification file: the text and its label, as written, and where it came from.
 *
 * @param text  the text, without the label and separator, trimmed, never empty
 * @param label the label as written (a class name or number), never empty
 * @param file  the file it was read from
 * @param line  its 1-based line number
 */
public record LabelledText(String text, String label, Path file, long line) {

  public LabelledText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(file, "file");
    if (text.isEmpty()) throw new IllegalArgumentException(file + ":" + line + ": empty text");
    if (label.isEmpty()) throw new IllegalArgumentException(file + ":" + line + ": empty label");
  }

  /** {@code file:line}, for messages and {@link org.recurrent.data.SequenceExample#source()}. */
  public String source() {
    return file + ":" + line;
  }
}
