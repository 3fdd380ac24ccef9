package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.CellStep;
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

  /** @param x (B, I); @param h (B, H) or null for zeros; returns h' (B, H) in a new tensor */
  public Tensor forward(Tensor x, Tensor h) {
    checkStep(x, h, null);
    if (!recordsGradient(x, h, null)) return step(x, h, Tensor.zeros(x.size(0), hiddenSize()));
    Tensor seq = asOneStep(x, h);
    return RnnSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h,
        nonlinearity == RNN.Nonlinearity.RELU)[1];
  }

  /**
   * The step without gradients, h' written into {@code out} (B, H): the same values as {@link #forward}, and no
   * allocation, for streaming. {@code out} must not share data with {@code h}: alternate two buffers.
   *
   * @throws IllegalStateException when recording is on and something requires a gradient (use noGrad)
   */
  public Tensor forwardInto(Tensor x, Tensor h, Tensor out) {
    checkStep(x, h, null);
    checkInto("forwardInto", x, out, x, h, null);
    if (recordsGradient(x, h, null)) throw intoNeedsNoGrad("forwardInto");
    return step(x, h, out);
  }

  private Tensor step(Tensor x, Tensor h, Tensor out) {
    CellStep.rnn(x.size(0), inputSize(), hiddenSize(), x.data(), weightIh.data(), weightHh.data(),
        biasIh == null ? null : biasIh.data(), biasHh == null ? null : biasHh.data(), h == null ? null : h.data(),
        nonlinearity == RNN.Nonlinearity.RELU, out.data());
    return out;
  }
}
