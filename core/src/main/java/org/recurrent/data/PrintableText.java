package org.recurrent.data;

/**
 * Renders text that came from a file (a cell, a column name, a token, a header field) safe for a terminal and a
 * one-line message: control characters, including ESC, NUL, CR and LF, and the Unicode line and bidi-override
 * characters become Java-style escapes ({@code \u001b}), so a hostile file cannot move the cursor, recolour the
 * screen or forge a second line in an error message. Everything else, non-ASCII letters included, is kept.
 * Long values are cut, so one huge cell cannot fill the screen.
 */
public final class PrintableText {

  /** Characters shown of one value before it is cut ({@code ...(N chars)} marks the cut). */
  public static final int MAX_SHOWN = 200;

  private PrintableText() {}

  /** {@code text} with every unsafe character escaped, cut to {@value #MAX_SHOWN} characters; "null" for null. */
  public static String of(String text) {
    return render(text, MAX_SHOWN);
  }

  /** {@code text} with every unsafe character escaped, whole (for messages assembled from already-cut parts). */
  public static String escape(String text) {
    return render(text, Integer.MAX_VALUE);
  }

  private static String render(String text, int max) {
    if (text == null) return "null";
    int n = text.length();
    boolean cut = n > max;
    int shown = cut ? max : n;
    StringBuilder out = null;
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (unsafe(c)) {
        if (out == null) out = new StringBuilder(shown + 16).append(text, 0, i);
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    String s = out != null ? out.toString() : cut ? text.substring(0, shown) : text;
    return cut ? s + "...(" + n + " chars)" : s;
  }

  /** {@link #of} in double quotes: {@code "a\u001bb"}. */
  public static String quoted(String text) {
    return "\"" + of(text) + "\"";
  }

  /**
   * A writer that passes text to {@code out} with every unsafe character escaped except line breaks and tabs, for
   * whole reports that show a file's content ({@code recurrent inspect}).
   */
  public static java.io.Writer writer(java.io.Writer out) {
    return new java.io.FilterWriter(out) {
      @Override
      public void write(int c) throws java.io.IOException {
        if (c != '\n' && c != '\t' && unsafe((char) c)) out.write(String.format("\\u%04x", c));
        else out.write(c);
      }

      @Override
      public void write(char[] chars, int offset, int length) throws java.io.IOException {
        for (int i = offset; i < offset + length; i++) write(chars[i]);
      }

      @Override
      public void write(String text, int offset, int length) throws java.io.IOException {
        for (int i = offset; i < offset + length; i++) write(text.charAt(i));
      }
    };
  }

  private static boolean unsafe(char c) {
    return Character.isISOControl(c)                   // C0 (NUL, ESC, CR, LF, ...), DEL and C1 (CSI 0x9b)
        || c == '\u2028' || c == '\u2029'              // line and paragraph separators
        || (c >= '\u202a' && c <= '\u202e')            // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069')            // bidi isolates
        || c == '\ufeff';                              // a stray byte-order mark
  }
}
