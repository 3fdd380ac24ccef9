package org.recurrent.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns the text of one cell into a finite float, or says exactly which cell is bad. NaN and infinities are
 * rejected here rather than discovered later as a NaN loss, and so are Java-only spellings that a CSV written
 * elsewhere would not mean ({@code 1f}, {@code 2d}, hexadecimal).
 */
final class NumericCell {

  private NumericCell() {}

  /**
   * @param where names the cell for the message, e.g. {@code column "X5"}
   */
  static float parse(String text, Path file, long line, String where) throws DataFormatException {
    String t = text.strip();
    if (t.isEmpty()) throw DataFormatException.at(file, line, "a number in " + where, "an empty cell");
    if (nonFinite(t)) throw DataFormatException.at(file, line, "a finite number in " + where, PrintableText.quoted(text));
    double value;
    try {
      if (!plainDecimal(t)) throw new NumberFormatException();
      value = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw DataFormatException.at(file, line, "a number in " + where, PrintableText.quoted(text));
    }
    float f = (float) value;
    if (!Float.isFinite(f)) { // beyond the float range, e.g. 1e39
      throw DataFormatException.at(file, line, "a finite number in " + where, PrintableText.quoted(text));
    }
    return f;
  }

  /** NaN and infinity as Java, numpy and pandas spell them. */
  private static boolean nonFinite(String t) {
    String u = (t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t).toLowerCase(Locale.ROOT);
    return u.equals("nan") || u.equals("inf") || u.equals("infinity");
  }

  /** Digits, sign, point and exponent only. */
  private static boolean plainDecimal(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
    }
    return true;
  }
}
