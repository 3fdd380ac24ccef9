package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.RnnSequence;
import org.recurrent.tensor.Tensor;

/**
 * One Elman step, matching {@code torch.nn.RNNCell}: {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)},
 * act = tanh or relu.
 */
public final class RNNCell extends RecurrentCell {
  private final RNN.Nonlinearity nonlinearity;

  public RNNCell(int inputSize, int hiddenSize, boolean bias, RNN.Nonlinearity nonlinearity, Random rng) {
    super("RNNCell", inputSize, hiddenSize, bias, 1, rng);
    this.nonlinearity = nonlinearity;
  }

  public RNNCell(int inputSize, int hiddenSize, Random rng) {
    this(inputSize, hiddenSize, true, RNN.Nonlinearity.TANH, rng);
  }

  /** @param x (B, I); @param h (B, H) or null for zeros; returns h' (B, H) */
  public Tensor forward(Tensor x, Tensor h) {
    Tensor seq = asOneStep(x, h);
    return RnnSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h,
        nonlinearity == RNN.Nonlinearity.RELU)[1];
  }
}
