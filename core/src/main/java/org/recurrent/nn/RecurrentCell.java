package org.recurrent.nn;

import java.util.Random;
import org.recurrent.ops.Ops;
import org.recurrent.rnn.SequencePlan;
import org.recurrent.tensor.Tensor;

/**
 * The parameters and checks shared by {@link RNNCell}, {@link LSTMCell} and {@link GRUCell}: one step of the
 * recurrence for step-wise use (decoders, streaming). Keys as PyTorch's cells: {@code weight_ih} (G, I),
 * {@code weight_hh} (G, H), {@code bias_ih}, {@code bias_hh} (G); init U(-1/sqrt(H), 1/sqrt(H)).
 * A step is the fused sequence op with T = 1, so cells and layers share one implementation of the math.
 */
public abstract class RecurrentCell extends Module {
  private final String kind;
  private final int inputSize;
  private final int hiddenSize;
  protected final Tensor weightIh;
  protected final Tensor weightHh;
  protected final Tensor biasIh;
  protected final Tensor biasHh;

  protected RecurrentCell(String kind, int inputSize, int hiddenSize, boolean bias, int gates, Random rng) {
    if (inputSize < 1 || hiddenSize < 1) {
      throw new IllegalArgumentException(kind + " sizes must be >= 1, got inputSize=" + inputSize
          + ", hiddenSize=" + hiddenSize);
    }
    this.kind = kind;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    float bound = (float) (1.0 / Math.sqrt(hiddenSize));
    int G = gates * hiddenSize;
    weightIh = registerParameter("weight_ih", Tensor.uniform(rng, -bound, bound, G, inputSize));
    weightHh = registerParameter("weight_hh", Tensor.uniform(rng, -bound, bound, G, hiddenSize));
    biasIh = bias ? registerParameter("bias_ih", Tensor.uniform(rng, -bound, bound, G)) : null;
    biasHh = bias ? registerParameter("bias_hh", Tensor.uniform(rng, -bound, bound, G)) : null;
  }

  public final int inputSize() {
    return inputSize;
  }

  public final int hiddenSize() {
    return hiddenSize;
  }

  /** Checks x (B, I) and a state (B, H) or null; returns x as a one-step sequence (1, B, I). */
  protected final Tensor asOneStep(Tensor x, Tensor... states) {
    if (x.dim() != 2 || x.size(1) != inputSize) {
      throw new IllegalArgumentException(kind + " input must be (B, I=" + inputSize + "), got " + x.shapeString());
    }
    for (Tensor s : states) {
      if (s != null && (s.dim() != 2 || s.size(0) != x.size(0) || s.size(1) != hiddenSize)) {
        throw new IllegalArgumentException(kind + " state must be (B=" + x.size(0) + ", H=" + hiddenSize + "), got "
            + s.shapeString());
      }
    }
    return Ops.reshape(x, 1, x.size(0), inputSize);
  }

  protected static SequencePlan oneStep(Tensor x) {
    return SequencePlan.of(1, x.size(0), null);
  }
}
