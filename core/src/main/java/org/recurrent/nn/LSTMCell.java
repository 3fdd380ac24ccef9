package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.CellStep;
import org.recurrent.rnn.LstmSequence;
import org.recurrent.tensor.Tensor;

/**
 * One LSTM step, matching {@code torch.nn.LSTMCell}.
 * <pre>{@code
 * [i f g o] = x W_ih^T + b_ih + h W_hh^T + b_hh        (B, 4H)
 * c' = sigmoid(f) * c + sigmoid(i) * tanh(g)
 * h' = sigmoid(o) * tanh(c')
 * }</pre>
 */
public final class LSTMCell extends RecurrentCell {

  /** The pair (h, c), each (B, H). */
  public record State(Tensor h, Tensor c) {}

  public LSTMCell(int inputSize, int hiddenSize, boolean bias, Random rng) {
    super("LSTMCell", inputSize, hiddenSize, bias, 4, rng);
  }

  public LSTMCell(int inputSize, int hiddenSize, Random rng) {
    this(inputSize, hiddenSize, true, rng);
  }

  /** @param x (B, I); @param state previous (h, c) or null for zeros; returns the new state in new tensors */
  public State forward(Tensor x, State state) {
    Tensor h = state == null ? null : state.h(), c = state == null ? null : state.c();
    checkStep(x, h, c);
    if (!recordsGradient(x, h, c)) {
      int B = x.size(0), H = hiddenSize();
      return step(x, h, c, new State(Tensor.zeros(B, H), Tensor.zeros(B, H)));
    }
    Tensor[] r = LstmSequence.apply(asOneStep(x, h, c), oneStep(x), weightIh, weightHh, biasIh, biasHh, h, c);
    return new State(r[1], r[2]);
  }

  /**
   * The step without gradients, written into {@code out} (its h and c, each (B, H), overwritten): the same
   * values as {@link #forward}, and no allocation, for streaming. {@code out} must not share data with
   * {@code state}: alternate two states, e.g. {@code cell.forwardInto(x_t, s[t % 2], s[(t + 1) % 2])}.
   *
   * @throws IllegalStateException when recording is on and something requires a gradient (use noGrad)
   */
  public State forwardInto(Tensor x, State state, State out) {
    Tensor h = state == null ? null : state.h(), c = state == null ? null : state.c();
    checkStep(x, h, c);
    if (out == null) throw new IllegalArgumentException("LSTMCell.forwardInto: the output state is null");
    checkInto("forwardInto", x, out.h(), x, h, c);
    checkInto("forwardInto", x, out.c(), x, h, c);
    if (out.h().data() == out.c().data()) {
      throw new IllegalArgumentException("LSTMCell.forwardInto: the output's h and c share one array");
    }
    if (recordsGradient(x, h, c)) throw intoNeedsNoGrad("forwardInto");
    return step(x, h, c, out);
  }

  private State step(Tensor x, Tensor h, Tensor c, State out) {
    CellStep.lstm(x.size(0), inputSize(), hiddenSize(), x.data(), weightIh.data(), weightHh.data(),
        biasIh == null ? null : biasIh.data(), biasHh == null ? null : biasHh.data(),
        h == null ? null : h.data(), c == null ? null : c.data(), out.h().data(), out.c().data());
    return out;
  }
}
