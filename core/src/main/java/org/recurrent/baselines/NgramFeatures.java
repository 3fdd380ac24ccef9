package org.recurrent.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binary bag-of-words and bag-of-bigrams features of token-id sequences, the classical text-classification
 * baseline (Wang and Manning, "Baselines and bigrams: simple, good sentiment and topic classification", ACL 2012,
 * whose binarised unigram+bigram features this follows):
 * <pre>{@code
 * columns   0 .. V-1          one per token id v (the vocabulary; ids are those of the model's Embedding)
 *           V .. V+M-1        one per bigram (a, b) seen in the training sequences, in order of first occurrence
 * x[v]      = 1 if token v occurs in the sequence, else 0                  (binary, not term frequency)
 * x[V + m]  = 1 if bigram m occurs (two consecutive tokens), else 0
 * }</pre>
 * A bigram never seen in training has no column and is ignored, as an unseen word maps to the vocabulary's
 * unknown id before it gets here. Binary rather than counts because a sentence rarely repeats a word and Wang and
 * Manning found binarised features at least as good for sentiment. The features are sparse: a sentence of T
 * tokens has at most 2T - 1 non-zeros whatever V and M.
 */
public final class NgramFeatures {
  private final int vocabularySize;
  private final long[] bigramKeys;                                     // (M) a * V + b, in column order
  private final Map<Long, Integer> bigramColumn;                       // key -> column - V

  private NgramFeatures(int vocabularySize, long[] bigramKeys) {
    this.vocabularySize = vocabularySize;
    this.bigramKeys = bigramKeys;
    this.bigramColumn = new HashMap<>(bigramKeys.length * 2);
    for (int m = 0; m < bigramKeys.length; m++) {
      if (bigramColumn.put(bigramKeys[m], m) != null) {
        throw new IllegalArgumentException("NgramFeatures: bigram " + describe(bigramKeys[m], vocabularySize)
            + " listed twice (column " + (vocabularySize + m) + ")");
      }
    }
  }

  /** Unigram columns only ({@code bigrams} false), or unigrams and every bigram of {@code train}. */
  public static NgramFeatures fit(List<int[]> train, int vocabularySize, boolean bigrams) {
    Objects.requireNonNull(train, "train");
    requireVocabulary(vocabularySize);
    if (!bigrams) return new NgramFeatures(vocabularySize, new long[0]);
    Map<Long, Integer> seen = new HashMap<>();
    List<Long> order = new ArrayList<>();
    for (int r = 0; r < train.size(); r++) {
      int[] ids = train.get(r);
      checkIds(ids, r, vocabularySize);
      for (int t = 1; t < ids.length; t++) {
        long key = (long) ids[t - 1] * vocabularySize + ids[t];
        if (seen.putIfAbsent(key, order.size()) == null) order.add(key);
      }
    }
    long[] keys = new long[order.size()];
    for (int m = 0; m < keys.length; m++) keys[m] = order.get(m);
    return new NgramFeatures(vocabularySize, keys);
  }

  /** Features with these bigram columns (as {@link #bigramKeys} gave them), e.g. read back from a file. */
  public static NgramFeatures of(int vocabularySize, long[] bigramKeys) {
    requireVocabulary(vocabularySize);
    long limit = (long) vocabularySize * vocabularySize;
    for (long k : bigramKeys) {
      if (k < 0 || k >= limit) {
        throw new IllegalArgumentException("NgramFeatures: bigram key " + k + " is outside 0.." + (limit - 1)
            + " for a vocabulary of " + vocabularySize);
      }
    }
    return new NgramFeatures(vocabularySize, bigramKeys.clone());
  }

  /** V, the unigram columns. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** M, the bigram columns. */
  public int bigrams() {
    return bigramKeys.length;
  }

  /** V + M, the feature columns. */
  public int width() {
    return vocabularySize + bigramKeys.length;
  }

  /** Bigram m's key {@code a * V + b} for columns V + m, in column order (a copy). */
  public long[] bigramKeys() {
    return bigramKeys.clone();
  }

  /** The binary features of each sequence (row r from {@code sequences.get(r)}); ids must be in [0, V). */
  public SparseFeatures transform(List<int[]> sequences) {
    Objects.requireNonNull(sequences, "sequences");
    if (sequences.isEmpty()) throw new IllegalArgumentException("NgramFeatures.transform: no sequences");
    int n = sequences.size();
    int[] rowStart = new int[n + 1];
    int[] index = new int[16];
    int nnz = 0;
    int[] row = new int[16];
    for (int r = 0; r < n; r++) {
      int[] ids = sequences.get(r);
      checkIds(ids, r, vocabularySize);
      if (row.length < 2 * ids.length) row = new int[2 * ids.length];
      int k = 0;
      for (int t = 0; t < ids.length; t++) {
        row[k++] = ids[t];
        if (t > 0) {
          Integer m = bigramColumn.get((long) ids[t - 1] * vocabularySize + ids[t]);
          if (m != null) row[k++] = vocabularySize + m;
        }
      }
      Arrays.sort(row, 0, k);
      if (index.length < nnz + k) index = Arrays.copyOf(index, Math.max(2 * index.length, nnz + k));
      for (int j = 0; j < k; j++) {
        if (j == 0 || row[j] != row[j - 1]) index[nnz++] = row[j];       // binary: a repeat is still one
      }
      rowStart[r + 1] = nnz;
    }
    double[] value = new double[nnz];
    Arrays.fill(value, 1.0);
    return SparseFeatures.of(n, width(), rowStart, Arrays.copyOf(index, nnz), value);
  }

  private static void requireVocabulary(int vocabularySize) {
    if (vocabularySize < 1 || (long) vocabularySize * vocabularySize > (1L << 53)) {
      throw new IllegalArgumentException("NgramFeatures: vocabulary size must be in 1.." + (1 << 26) + ", got "
          + vocabularySize);
    }
  }

  private static void checkIds(int[] ids, int row, int vocabularySize) {
    Objects.requireNonNull(ids, "sequence " + row);
    for (int t = 0; t < ids.length; t++) {
      if (ids[t] < 0 || ids[t] >= vocabularySize) {
        throw new IllegalArgumentException("NgramFeatures: sequence " + row + " step " + t + " has token id "
            + ids[t] + ", expected 0.." + (vocabularySize - 1) + " (the vocabulary the features were fitted on)");
      }
    }
  }

  private static String describe(long key, int vocabularySize) {
    return "(" + key / vocabularySize + ", " + key % vocabularySize + ")";
  }
}
