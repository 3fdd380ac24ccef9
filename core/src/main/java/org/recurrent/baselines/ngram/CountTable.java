package org.recurrent.baselines.ngram;

import java.util.Arrays;

/**
 * Counts keyed by a packed n-gram (see {@link KneserNey}): an open-addressing hash table of {@code long -> int} with
 * linear probing, so that a million n-grams cost two arrays rather than a million boxed entries. Keys are
 * non-negative; {@code -1} marks an empty slot. Iteration order is the slot order, which depends only on the keys
 * inserted, so everything computed from a table is deterministic.
 */
final class CountTable {
  private static final long EMPTY = -1;

  private long[] keys;
  private int[] counts;
  private int size;

  CountTable() {
    keys = new long[16];
    counts = new int[16];
    Arrays.fill(keys, EMPTY);
  }

  /** The number of distinct keys. */
  int size() {
    return size;
  }

  /** The count of {@code key}, 0 when absent. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == key) return counts[i];
      if (keys[i] == EMPTY) return 0;
    }
  }

  /** Adds {@code delta} to the count of {@code key} (inserting it at 0 first). */
  void add(long key, int delta) {
    if (key < 0) throw new IllegalArgumentException("n-gram keys are non-negative, got " + key);
    if ((size + 1) * 2L > keys.length) grow();                              // load factor at most 1/2
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        counts[i] += delta;
        return;
      }
      if (keys[i] == EMPTY) {
        keys[i] = key;
        counts[i] = delta;
        size++;
        return;
      }
    }
  }

  /** Receives every (key, count) pair. */
  interface Visitor {
    void visit(long key, int count);
  }

  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) if (keys[i] != EMPTY) visitor.visit(keys[i], counts[i]);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != EMPTY) add(oldKeys[i], oldCounts[i]);
  }

  /** A well-mixed slot for {@code key} (the finaliser of MurmurHash3's 64-bit variant): packed keys are very regular. */
  private static int slot(long key, int mask) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h & mask;
  }
}
