package org.recurrent.data.ehr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ids (of patients, encounters, admissions) numbered 0, 1, ... in the order they were added. While every id is a
 * plain decimal integer (as in MIMIC and the renumbered Synthea sets) they are kept as {@code long} keys in an
 * open-addressing table, 12 bytes an id instead of the ~80 of a {@code HashMap<String, Integer>} entry; at the first id
 * that is not (a UUID), the index moves to a {@code HashMap} once and stays there.
 */
final class IdIndex {
  static final int ABSENT = -1;
  private static final long EMPTY = Long.MIN_VALUE;

  // long mode
  private long[] keys = new long[1 << 10];
  private int[] values = new int[1 << 10];
  private long[] keyOf = new long[1 << 10];
  // string mode (null while in long mode)
  private Map<String, Integer> strings;
  private List<String> stringOf;
  private int size;

  IdIndex() {
    Arrays.fill(keys, EMPTY);
  }

  int size() {
    return size;
  }

  /** The index of {@code id}, or {@link #ABSENT}. */
  int get(String id) {
    if (strings != null) return strings.getOrDefault(id, ABSENT);
    long k = asLong(id);
    if (k == EMPTY) return ABSENT; // not an integer, so never added while in long mode
    int mask = keys.length - 1;
    for (int slot = mix(k) & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == k) return values[slot];
      if (keys[slot] == EMPTY) return ABSENT;
    }
  }

  /** Adds {@code id} with the next index and returns it; {@link #ABSENT} if it is already there. */
  int add(String id) {
    if (strings == null) {
      long k = asLong(id);
      if (k != EMPTY) return addLong(k);
      toStrings();
    }
    Integer before = strings.putIfAbsent(id, size);
    if (before != null) return ABSENT;
    stringOf.add(id);
    return size++;
  }

  /** The id added as {@code index}. */
  String id(int index) {
    return strings != null ? stringOf.get(index) : Long.toString(keyOf[index]);
  }

  private int addLong(long k) {
    if (2 * (size + 1) > keys.length) grow();
    int mask = keys.length - 1;
    int slot = mix(k) & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == k) return ABSENT;
      slot = (slot + 1) & mask;
    }
    keys[slot] = k;
    values[slot] = size;
    if (size == keyOf.length) keyOf = Arrays.copyOf(keyOf, 2 * size);
    keyOf[size] = k;
    return size++;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[2 * oldKeys.length];
    values = new int[2 * oldKeys.length];
    Arrays.fill(keys, EMPTY);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] == EMPTY) continue;
      int slot = mix(oldKeys[i]) & mask;
      while (keys[slot] != EMPTY) slot = (slot + 1) & mask;
      keys[slot] = oldKeys[i];
      values[slot] = oldValues[i];
    }
  }

  private void toStrings() {
    strings = new HashMap<>(Math.max(16, 2 * size));
    stringOf = new ArrayList<>(Math.max(16, size));
    for (int i = 0; i < size; i++) {
      String s = Long.toString(keyOf[i]);
      strings.put(s, i);
      stringOf.add(s);
    }
    keys = null;
    values = null;
    keyOf = null;
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** {@code s} as a long if it is written exactly as {@link Long#toString} would write it; else {@link #EMPTY}. */
  static long asLong(String s) {
    int n = s.length();
    if (n == 0 || n > 18) return EMPTY;
    int i = 0;
    boolean negative = s.charAt(0) == '-';
    if (negative) {
      if (n == 1) return EMPTY;
      i = 1;
    }
    if (s.charAt(i) == '0' && (n > i + 1 || negative)) return EMPTY; // "007", "-0" would not round-trip
    long v = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return EMPTY;
      v = 10 * v + (c - '0');
    }
    return negative ? -v : v;
  }
}
