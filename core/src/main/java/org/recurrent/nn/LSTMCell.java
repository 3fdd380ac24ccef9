package org.recurrent.nn;

import java.util.Random;
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

  /** @param x (B, I); @param state previous (h, c) or null for zeros */
  public State forward(Tensor x, State state) {
    Tensor h = state == null ? null : state.h(), c = state == null ? null : state.c();
    Tensor seq = asOneStep(x, h, c);
    Tensor[] r = LstmSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h, c);
    return new State(r[1], r[2]);
  }
}
