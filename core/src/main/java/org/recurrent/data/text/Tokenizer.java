package org.recurrent.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits text into tokens, at one of two levels.
 *
 * <ul>
 *   <li>{@link Level#CHARACTER}: every Unicode code point is a token, whitespace and line breaks included, so
 *       decoding gives the text back exactly (after optional lower-casing).</li>
 *   <li>{@link Level#WORD}: a word is a maximal run of letters, digits and combining marks; every other
 *       non-whitespace code point (punctuation, symbols) is a token of its own; whitespace only separates.
 *       So {@code "isn't great."} gives {@code [isn, ', t, great, .]}. Text that is already tokenised with spaces
 *       (SST-2's {@code "does n't"}) gives {@code [does, n, ', t]}: the rule is the same everywhere, which is what
 *       matters for a vocabulary.</li>
 * </ul>
 *
 * <p>Lower-casing uses {@link Locale#ROOT}, so ids do not depend on the machine's language settings.
 *
 * @param level     characters or words
 * @param lowercase lower-case the text before splitting
 */
public record Tokenizer(Level level, boolean lowercase) {

  /** The unit a token is made of; {@link #jsonName()} is how a vocabulary file names it. */
  public enum Level {
    CHARACTER("char"),
    WORD("word");

    private final String jsonName;

    Level(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    /** The level called {@code name} in a vocabulary file ("char" or "word"), or null if there is none. */
    static Level fromJsonName(String name) {
      for (Level level : values()) {
        if (level.jsonName.equals(name)) return level;
      }
      return null;
    }
  }

  public Tokenizer {
    Objects.requireNonNull(level, "level");
  }

  /** Every code point a token, no lower-casing: the usual choice for a character language model. */
  public static Tokenizer characters() {
    return new Tokenizer(Level.CHARACTER, false);
  }

  /** Words and punctuation, lower-cased: the usual choice for sentence classification. */
  public static Tokenizer words() {
    return new Tokenizer(Level.WORD, true);
  }

  public List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    forEachToken(text, tokens::add);
    return tokens;
  }

  /** Calls {@code sink} with each token in order, without building a list (for long texts). */
  public void forEachToken(String text, Consumer<String> sink) {
    String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
    if (level == Level.CHARACTER) {
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        int next = i + Character.charCount(cp);
        sink.accept(s.substring(i, next));
        i = next;
      }
      return;
    }
    int wordStart = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isWordPart(cp)) {
        if (wordStart < 0) wordStart = i;
      } else {
        if (wordStart >= 0) sink.accept(s.substring(wordStart, i));
        wordStart = -1;
        if (!isSpace(cp)) sink.accept(s.substring(i, next));
      }
      i = next;
    }
    if (wordStart >= 0) sink.accept(s.substring(wordStart));
  }

  /** Letters, digits and combining marks (so "café" written with a combining accent stays one word). */
  private static boolean isWordPart(int cp) {
    if (Character.isLetterOrDigit(cp)) return true;
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Whitespace including the no-break space, which {@link Character#isWhitespace} leaves out. */
  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }
}
