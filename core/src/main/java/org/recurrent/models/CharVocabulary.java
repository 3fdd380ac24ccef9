package org.recurrent.models;

import java.util.Arrays;
import java.util.TreeSet;

/** The characters of a text, each with an id in [0, V), sorted by code point so the ids are reproducible. */
public final class CharVocabulary {
  private final int[] codePoints;

  private CharVocabulary(int[] codePoints) {
    this.codePoints = codePoints;
  }

  public static CharVocabulary of(String text) {
    if (text.isEmpty()) throw new IllegalArgumentException("cannot build a character vocabulary from empty text");
    TreeSet<Integer> set = new TreeSet<>();
    text.codePoints().forEach(set::add);
    return new CharVocabulary(set.stream().mapToInt(Integer::intValue).toArray());
  }

  public int size() {
    return codePoints.length;
  }

  public int id(int codePoint) {
    int i = Arrays.binarySearch(codePoints, codePoint);
    if (i < 0) {
      throw new IllegalArgumentException("character '" + new String(Character.toChars(codePoint))
          + "' (U+" + Integer.toHexString(codePoint).toUpperCase() + ") is not in the vocabulary of " + size());
    }
    return i;
  }

  public int[] encode(String text) {
    return text.codePoints().map(this::id).toArray();
  }

  public String decode(int id) {
    return new String(Character.toChars(codePoints[id]));
  }
}
