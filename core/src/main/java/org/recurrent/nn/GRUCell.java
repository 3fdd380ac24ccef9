package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.GruResetBeforeSequence;
import org.recurrent.rnn.GruSequence;
import org.recurrent.tensor.Tensor;

/**
 * One GRU step, matching {@code torch.nn.GRUCell} (reset gate after the recurrent product, the default).
 * <pre>{@code
 * r = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)
 * z = sigmoid(x W_iz^T + b_iz + h W_hz^T + b_hz)
 * n = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))
 * h' = (1 - z) * n + z * h
 * }</pre>
 * With {@link GRU.Reset#BEFORE_MATMUL}, {@code n = tanh(x W_in^T + b_in + (r * h) W_hn^T + b_hn)}, the step of a
 * {@link GRU} built with that option (PyTorch has no such cell; keys and shapes are the same).
 */
public final class GRUCell extends RecurrentCell {
  private final GRU.Reset reset;

  public GRUCell(int inputSize, int hiddenSize, boolean bias, GRU.Reset reset, Random rng) {
    super("GRUCell", inputSize, hiddenSize, bias, 3, rng);
    this.reset = reset;
  }

  public GRUCell(int inputSize, int hiddenSize, boolean bias, Random rng) {
    this(inputSize, hiddenSize, bias, GRU.Reset.AFTER_MATMUL, rng);
  }

  public GRUCell(int inputSize, int hiddenSize, Random rng) {
    this(inputSize, hiddenSize, true, rng);
  }

  public GRU.Reset reset() {
    return reset;
  }

  /** @param x (B, I); @param h (B, H) or null for zeros; returns h' (B, H) */
  public Tensor forward(Tensor x, Tensor h) {
    Tensor seq = asOneStep(x, h);
    return reset == GRU.Reset.AFTER_MATMUL
        ? GruSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h)[1]
        : GruResetBeforeSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h)[1];
  }
}
