package org.recurrent.data.text;

/**
 * How {@link Vocabulary#fit} chooses its tokens.
 *
 * @param minFrequency keep tokens seen at least this often (default 1: every token)
 * @param maxSize      at most this many ids in total, specials included, so it is the embedding's V
 *                     ({@link #UNLIMITED} by default); the most frequent tokens are kept
 * @param pad          reserve {@code <pad>} = 0 for padding batches (default true; a character language model
 *                     trained on one contiguous stream does not need it)
 * @param unk          reserve {@code <unk>} (id 1, or 0 without pad) for tokens not in the vocabulary
 *                     (default true; without it, encoding an unknown token is an error)
 */
public record VocabularyOptions(int minFrequency, int maxSize, boolean pad, boolean unk) {

  public static final int UNLIMITED = Integer.MAX_VALUE;

  public VocabularyOptions {
    if (minFrequency < 1) throw new IllegalArgumentException("minFrequency must be >= 1, got " + minFrequency);
    int specials = (pad ? 1 : 0) + (unk ? 1 : 0);
    if (maxSize < Math.max(1, specials)) {
      throw new IllegalArgumentException("maxSize must be >= " + Math.max(1, specials)
          + " (the specials plus room for tokens), got " + maxSize);
    }
  }

  /** minFrequency 1, no size limit, with {@code <pad>} and {@code <unk>}. */
  public static VocabularyOptions defaults() {
    return new VocabularyOptions(1, UNLIMITED, true, true);
  }

  public VocabularyOptions withMinFrequency(int minFrequency) {
    return new VocabularyOptions(minFrequency, maxSize, pad, unk);
  }

  public VocabularyOptions withMaxSize(int maxSize) {
    return new VocabularyOptions(minFrequency, maxSize, pad, unk);
  }

  public VocabularyOptions withSpecials(boolean pad, boolean unk) {
    return new VocabularyOptions(minFrequency, maxSize, pad, unk);
  }
}
