package org.recurrent.data.deid;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a note into tokens and the whitespace after each. A token is a run of letters and digits; one of
 * {@code / . - : '} inside the run is kept when the characters on both sides are of the same class (two digits,
 * or two letters), so {@code 03/04/2019}, {@code 555-123-4567}, {@code 12:30}, {@code O'Brien} and
 * {@code year-old} are one token each, while {@code 67-year-old} is {@code 67 - year-old} (the age is its own
 * token) and {@code Dr.} is {@code Dr .}. Any other non-space character is a token of its own.
 */
public final class NoteTokenizer {
  private NoteTokenizer() {}

  /** Tokens and whitespace of one text. */
  public record Tokens(List<String> tokens, List<String> after, String leading) {}

  public static Tokens tokenize(String text) {
    List<String> tokens = new ArrayList<>(), after = new ArrayList<>();
    int i = 0, n = text.length();
    while (i < n && Character.isWhitespace(text.charAt(i))) i++;
    String leading = text.substring(0, i);
    while (i < n) {
      int start = i;
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        i++;
        while (i < n) {
          char d = text.charAt(i);
          if (Character.isLetterOrDigit(d)) {
            i++;
          } else if ("/.-:'".indexOf(d) >= 0 && i + 1 < n && sameClass(text.charAt(i - 1), text.charAt(i + 1))) {
            i += 2;
          } else {
            break;
          }
        }
      } else {
        i++;
      }
      tokens.add(text.substring(start, i));
      int ws = i;
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      after.add(text.substring(ws, i));
    }
    return new Tokens(tokens, after, leading);
  }

  private static boolean sameClass(char a, char b) {
    return (Character.isDigit(a) && Character.isDigit(b)) || (Character.isLetter(a) && Character.isLetter(b));
  }
}
