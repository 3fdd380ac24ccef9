package org.recurrent.data.deid;

import java.util.ArrayList;
import java.util.List;

/**
 * Spans of BIO tags, read as conlleval reads them: a span starts at {@code B-X}, or at {@code I-X} when the
 * previous tag is not {@code B-X} / {@code I-X} (an I without its B still starts a span), and runs over the
 * following {@code I-X}; {@code O}, any {@code B-}, or an {@code I-} of another type ends it.
 */
public final class BioSpans {
  private BioSpans() {}

  /** Tokens {@code [start, end)} of type {@code type}. */
  public record Span(String type, int start, int end) {}

  public static final String OUTSIDE = "O";

  public static List<Span> of(List<String> tags) {
    List<Span> out = new ArrayList<>();
    String type = null;
    int start = -1;
    for (int t = 0; t <= tags.size(); t++) {
      String tag = t < tags.size() ? tags.get(t) : OUTSIDE;
      boolean inside = tag.startsWith("I-") && type != null && tag.substring(2).equals(type);
      if (inside) continue;
      if (type != null) out.add(new Span(type, start, t));
      type = null;
      if (tag.startsWith("B-") || tag.startsWith("I-")) {
        type = tag.substring(2);
        start = t;
      }
    }
    return out;
  }

  /** The PHI type of a tag ({@code NAME} of {@code B-NAME}), or null for {@code O}. */
  public static String type(String tag) {
    return tag.startsWith("B-") || tag.startsWith("I-") ? tag.substring(2) : null;
  }

  /** Whether {@code tag} is {@code O}, {@code B-X} or {@code I-X} with a non-empty X. */
  public static boolean valid(String tag) {
    return tag.equals(OUTSIDE) || ((tag.startsWith("B-") || tag.startsWith("I-")) && tag.length() > 2);
  }

  /** BIO tags for T tokens holding {@code spans}. */
  public static List<String> tags(int T, List<Span> spans) {
    String[] tags = new String[T];
    java.util.Arrays.fill(tags, OUTSIDE);
    for (Span s : spans) {
      tags[s.start()] = "B-" + s.type();
      for (int t = s.start() + 1; t < s.end(); t++) tags[t] = "I-" + s.type();
    }
    return List.of(tags);
  }

  /**
   * The note written back with each span replaced by {@code [TYPE]}: tokens are joined by their own whitespace,
   * a span's by the whitespace after its last token.
   */
  public static String redact(Note note, List<String> tags) {
    StringBuilder sb = new StringBuilder();
    List<Span> spans = of(tags);
    int next = 0;
    for (Span s : spans) {
      for (int t = next; t < s.start(); t++) sb.append(note.tokens().get(t)).append(note.after().get(t));
      sb.append('[').append(s.type()).append(']').append(note.after().get(s.end() - 1));
      next = s.end();
    }
    for (int t = next; t < note.tokens().size(); t++) sb.append(note.tokens().get(t)).append(note.after().get(t));
    return sb.toString();
  }
}
