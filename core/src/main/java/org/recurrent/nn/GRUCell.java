package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.GruSequence;
import org.recurrent.tensor.Tensor;

/**
 * One GRU step, matching {@code torch.nn.GRUCell} (reset gate after the recurrent product).
 * <pre>{@code
 * r = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)
 * z = sigmoid(x W_iz^T + b_iz + h W_hz^T + b_hz)
 * n = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))
 * h' = (1 - z) * n + z * h
 * }</pre>
 */
public final class GRUCell extends RecurrentCell {

  public GRUCell(int inputSize, int hiddenSize, boolean bias, Random rng) {
    super("GRUCell", inputSize, hiddenSize, bias, 3, rng);
  }

  public GRUCell(int inputSize, int hiddenSize, Random rng) {
    this(inputSize, hiddenSize, true, rng);
  }

  /** @param x (B, I); @param h (B, H) or null for zeros; returns h' (B, H) */
  public Tensor forward(Tensor x, Tensor h) {
    Tensor seq = asOneStep(x, h);
    return GruSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h)[1];
  }
}
