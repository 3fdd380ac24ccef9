package org.recurrent.nn;

/**
 * The shape of a recurrent layer stack, with PyTorch's argument names and defaults
 * ({@code num_layers=1, bias=True, batch_first=False, dropout=0, bidirectional=False}).
 *
 * @param inputSize     I, features per time step
 * @param hiddenSize    H, state size per direction
 * @param numLayers     L, stacked layers; layer l > 0 reads the (T, B, D*H) output of layer l-1
 * @param bias          whether the layers have b_ih and b_hh
 * @param batchFirst    inputs and outputs are (B, T, F) instead of (T, B, F); states are (L*D, B, H) either way
 * @param dropout       dropout probability on the outputs of every layer except the last (training only)
 * @param bidirectional D = 2: a second pass over each sequence reversed, outputs concatenated [forward, backward]
 */
public record RecurrentConfig(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
                              float dropout, boolean bidirectional) {

  public RecurrentConfig {
    if (inputSize < 1) throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
    if (hiddenSize < 1) throw new IllegalArgumentException("hiddenSize must be >= 1, got " + hiddenSize);
    if (numLayers < 1) throw new IllegalArgumentException("numLayers must be >= 1, got " + numLayers);
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** One unidirectional layer with biases, time-major, no dropout. */
  public static RecurrentConfig of(int inputSize, int hiddenSize) {
    return new RecurrentConfig(inputSize, hiddenSize, 1, true, false, 0f, false);
  }

  public RecurrentConfig withNumLayers(int n) {
    return new RecurrentConfig(inputSize, hiddenSize, n, bias, batchFirst, dropout, bidirectional);
  }

  public RecurrentConfig withBias(boolean b) {
    return new RecurrentConfig(inputSize, hiddenSize, numLayers, b, batchFirst, dropout, bidirectional);
  }

  public RecurrentConfig withBatchFirst(boolean b) {
    return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, b, dropout, bidirectional);
  }

  public RecurrentConfig withDropout(float p) {
    return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, p, bidirectional);
  }

  public RecurrentConfig withBidirectional(boolean b) {
    return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, b);
  }

  /** D: 2 if bidirectional, else 1. */
  public int directions() {
    return bidirectional ? 2 : 1;
  }
}
