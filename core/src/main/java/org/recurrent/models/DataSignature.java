package org.recurrent.models;

/**
 * What data a model reads and answers, as the data and the task determine it.
 *
 * @param tokens         inputs are token ids (T, B) rather than dense features (T, B, F)
 * @param features       F for dense inputs (1 for tokens)
 * @param vocabularySize V for token inputs (0 otherwise)
 * @param paddingId      the padding token's id, or -1
 * @param outputSize     K
 * @param perStep        one output per step (T, B, K) rather than per sequence (B, K)
 */
public record DataSignature(boolean tokens, int features, int vocabularySize, int paddingId, int outputSize,
                            boolean perStep) {
  public DataSignature {
    if (tokens && vocabularySize < 1) throw new IllegalArgumentException("token inputs need a vocabulary, got V=" + vocabularySize);
    if (!tokens && features < 1) throw new IllegalArgumentException("dense inputs need F >= 1, got " + features);
    if (outputSize < 1) throw new IllegalArgumentException("output size K must be >= 1, got " + outputSize);
  }
}
