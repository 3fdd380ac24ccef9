package org.recurrent.models;

/**
 * What data a model reads and answers, as the data and the task determine it.
 *
 * @param input          what the primary input holds at each step
 * @param features       F for dense inputs (1 for tokens and bags)
 * @param vocabularySize V for token and bag inputs (0 for dense)
 * @param paddingId      the padding token's id, or -1
 * @param sideFeatures   S real values per step of the side input {@value SequenceModel#SIDE} (0: none), such as
 *                       the time since the previous visit
 * @param outputSize     K
 * @param perStep        one output per step (T, B, K) rather than per sequence (B, K)
 */
public record DataSignature(InputKind input, int features, int vocabularySize, int paddingId, int sideFeatures,
                            int outputSize, boolean perStep) {
  public DataSignature {
    if (input == null) throw new IllegalArgumentException("the input kind is missing");
    if (input.embedded() && vocabularySize < 1) {
      throw new IllegalArgumentException(input.configName() + " inputs need a vocabulary, got V=" + vocabularySize);
    }
    if (!input.embedded() && features < 1) throw new IllegalArgumentException("dense inputs need F >= 1, got " + features);
    if (sideFeatures < 0) throw new IllegalArgumentException("side features must be >= 0, got " + sideFeatures);
    if (outputSize < 1) throw new IllegalArgumentException("output size K must be >= 1, got " + outputSize);
  }

  /** Dense features or token ids, no side input. */
  public DataSignature(boolean tokens, int features, int vocabularySize, int paddingId, int outputSize, boolean perStep) {
    this(tokens ? InputKind.TOKENS : InputKind.DENSE, features, vocabularySize, paddingId, 0, outputSize, perStep);
  }

  public boolean tokens() {
    return input == InputKind.TOKENS;
  }
}
