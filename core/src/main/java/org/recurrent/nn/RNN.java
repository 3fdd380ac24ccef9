package org.recurrent.nn;

import java.util.Random;
import org.recurrent.nn.init.Init;
import org.recurrent.rnn.RnnSequence;
import org.recurrent.rnn.SequencePlan;
import org.recurrent.tensor.Tensor;

/**
 * Multi-layer Elman RNN, matching {@code torch.nn.RNN} with {@code nonlinearity='tanh'} or {@code 'relu'}.
 *
 * <pre>{@code
 * h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
 * }</pre>
 * {@code weight_ih_l{k}} (H, I or D*H), {@code weight_hh_l{k}} (H, H), biases (H). Init U(-1/sqrt(H), 1/sqrt(H)).
 * For long dependencies with ReLU, initialise W_hh to the identity and the biases to zero (IRNN, Le et al.
 * 2015) with {@link #irnn}.
 */
public final class RNN extends RecurrentLayer {

  public enum Nonlinearity { TANH, RELU }

  private final Nonlinearity nonlinearity;

  public RNN(RecurrentConfig config, Nonlinearity nonlinearity, Random rng) {
    super("RNN", config, 1, rng);
    this.nonlinearity = nonlinearity;
  }

  public RNN(RecurrentConfig config, Random rng) {
    this(config, Nonlinearity.TANH, rng);
  }

  public RNN(int inputSize, int hiddenSize, Random rng) {
    this(RecurrentConfig.of(inputSize, hiddenSize), rng);
  }

  /**
   * IRNN (Le, Jaitly and Hinton 2015): ReLU, every W_hh the identity, biases zero, W_ih ~ N(0, 0.001^2).
   * Gradients through time neither vanish nor explode at the start of training.
   */
  public static RNN irnn(RecurrentConfig config, Random rng) {
    RNN rnn = new RNN(config, Nonlinearity.RELU, rng);
    for (int l = 0; l < config.numLayers(); l++) {
      for (int d = 0; d < config.directions(); d++) {
        Init.identity(rnn.weightHh(l, d), 1f);
        Init.normal(rnn.weightIh(l, d), 0f, 0.001f, rng);
        if (rnn.biasIh(l, d) != null) {
          Init.zeros(rnn.biasIh(l, d));
          Init.zeros(rnn.biasHh(l, d));
        }
      }
    }
    return rnn;
  }

  public Nonlinearity nonlinearity() {
    return nonlinearity;
  }



  /** @param h0 (L*D, B, H) or null */
  public RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0) {
    return run(input, lengths, h0, null);
  }

  @Override
  protected Tensor[] runDirection(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                                  Tensor h0, Tensor c0) {
    return RnnSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, nonlinearity == Nonlinearity.RELU);
  }

  @Override
  public String toString() {
    return super.toString().replace("RNN(", "RNN[" + nonlinearity.name().toLowerCase() + "](");
  }
}
