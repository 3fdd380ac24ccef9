package org.recurrent.baselines.ngram;

import java.util.Arrays;

/**
 * What a {@link KneserNey} model needs to score, and nothing more: the counts of its highest-order n-grams and the
 * last n-1 training tokens. Every lower level follows from them exactly: the k-grams of a text are the (k+1)-grams'
 * prefixes plus the text's last k tokens, so
 * <pre>{@code
 * c_k(g) = sum_w c_{k+1}(g w) + [g = the last k training tokens]          k = n-1 .. 1
 * }</pre>
 * and the continuation counts and discounts are computed from those as at fitting. Far smaller than the text (tiny
 * Shakespeare: 133,293 distinct 5-grams instead of 1,003,854 characters) and reloaded into the same counts, so a
 * loaded model scores to the last bit like the fitted one.
 *
 * @param vocabularySize V
 * @param maxOrder       n, the highest order fitted
 * @param trainingTokens N
 * @param tail           the last min(N, n - 1) training tokens, in order
 * @param keys           the distinct n-grams, packed as {@link KneserNey} packs them, strictly ascending
 * @param counts         the count of each, >= 1
 */
public record NgramCounts(int vocabularySize, int maxOrder, long trainingTokens, int[] tail, long[] keys,
                          int[] counts) {
  public NgramCounts {
    if (vocabularySize < 1) throw new IllegalArgumentException("vocabulary size must be >= 1, got " + vocabularySize);
    if (maxOrder < 1 || maxOrder > KneserNey.largestOrder(vocabularySize)) {
      throw new IllegalArgumentException("order must be in 1.." + KneserNey.largestOrder(vocabularySize)
          + " for a vocabulary of " + vocabularySize + ", got " + maxOrder);
    }
    if (trainingTokens < 1) throw new IllegalArgumentException("training tokens must be >= 1, got " + trainingTokens);
    if (tail.length != Math.min(trainingTokens, maxOrder - 1)) {
      throw new IllegalArgumentException("the tail must hold the last min(N, n - 1) = "
          + Math.min(trainingTokens, maxOrder - 1) + " training tokens, got " + tail.length);
    }
    for (int id : tail) {
      if (id < 0 || id >= vocabularySize) {
        throw new IllegalArgumentException("tail token " + id + " is outside the vocabulary [0, " + vocabularySize + ")");
      }
    }
    if (keys.length != counts.length) {
      throw new IllegalArgumentException(keys.length + " n-gram keys but " + counts.length + " counts");
    }
    long limit = 1;
    for (int k = 0; k < maxOrder; k++) limit *= vocabularySize;
    long total = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] < 0 || keys[i] >= limit || (i > 0 && keys[i] <= keys[i - 1])) {
        throw new IllegalArgumentException("n-gram key " + i + " (" + keys[i] + ") must be in [0, V^n) and above the one "
            + "before it");
      }
      if (counts[i] < 1) throw new IllegalArgumentException("n-gram count " + i + " must be >= 1, got " + counts[i]);
      total += counts[i];
    }
    if (total != Math.max(0, trainingTokens - maxOrder + 1)) {
      throw new IllegalArgumentException("the n-gram counts sum to " + total + ", but a text of " + trainingTokens
          + " tokens holds " + Math.max(0, trainingTokens - maxOrder + 1) + " " + maxOrder + "-grams");
    }
    tail = tail.clone();
    keys = keys.clone();
    counts = counts.clone();
  }

  @Override
  public int[] tail() {
    return tail.clone();
  }

  @Override
  public long[] keys() {
    return keys.clone();
  }

  @Override
  public int[] counts() {
    return counts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NgramCounts c && c.vocabularySize == vocabularySize && c.maxOrder == maxOrder
        && c.trainingTokens == trainingTokens && Arrays.equals(c.tail, tail) && Arrays.equals(c.keys, keys)
        && Arrays.equals(c.counts, counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keys) * 31 + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "NgramCounts(V=" + vocabularySize + ", n=" + maxOrder + ", N=" + trainingTokens + ", " + keys.length
        + " distinct " + maxOrder + "-grams)";
  }
}
