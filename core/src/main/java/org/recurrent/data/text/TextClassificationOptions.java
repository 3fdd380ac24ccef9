package org.recurrent.data.text;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The layout of a one-example-per-line classification file and how its texts are tokenised.
 *
 * @param labelPosition where the label sits: {@link LabelPosition#FIRST} ({@code <label> <text>}, SST-2) or
 *                      {@link LabelPosition#LAST} ({@code <text>\t<label>}, the UCI sentiment-labelled sentences)
 * @param separator     a regular expression between label and text; the label is split off at its first match
 *                      (FIRST) or its last match (LAST), so the text may contain the separator. Null gives the
 *                      default: {@code \s+} (any whitespace) for FIRST, {@code \t} for LAST
 * @param level         characters or words (default words)
 * @param lowercase     lower-case before tokenising (default true)
 * @param maxLength     keep at most this many tokens of a text, the first ones; 0 = no limit (default)
 */
public record TextClassificationOptions(LabelPosition labelPosition, String separator, Tokenizer.Level level,
    boolean lowercase, int maxLength) {

  /** Where the label is on a line. */
  public enum LabelPosition { FIRST, LAST }

  public TextClassificationOptions {
    Objects.requireNonNull(labelPosition, "labelPosition");
    Objects.requireNonNull(level, "level");
    if (separator == null) separator = labelPosition == LabelPosition.FIRST ? "\\s+" : "\t";
    if (separator.isEmpty()) throw new IllegalArgumentException("separator must not be empty");
    try {
      Pattern.compile(separator);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("separator is not a valid regular expression: " + e.getMessage(), e);
    }
    if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0 (0 = no limit), got " + maxLength);
  }

  /** {@code <label> <text>} (SST-2 {@code stsa.binary.*}), lower-cased words, no length limit. */
  public static TextClassificationOptions labelFirst() {
    return new TextClassificationOptions(LabelPosition.FIRST, null, Tokenizer.Level.WORD, true, 0);
  }

  /** {@code <text>\t<label>} (the UCI sentiment-labelled sentences), lower-cased words, no length limit. */
  public static TextClassificationOptions labelLast() {
    return new TextClassificationOptions(LabelPosition.LAST, null, Tokenizer.Level.WORD, true, 0);
  }

  public TextClassificationOptions withSeparator(String separator) {
    return new TextClassificationOptions(labelPosition, separator, level, lowercase, maxLength);
  }

  public TextClassificationOptions withTokenizer(Tokenizer.Level level, boolean lowercase) {
    return new TextClassificationOptions(labelPosition, separator, level, lowercase, maxLength);
  }

  public TextClassificationOptions withMaxLength(int maxLength) {
    return new TextClassificationOptions(labelPosition, separator, level, lowercase, maxLength);
  }

  /** The tokenizer these options describe, to fit a {@link Vocabulary} with. */
  public Tokenizer tokenizer() {
    return new Tokenizer(level, lowercase);
  }
}
