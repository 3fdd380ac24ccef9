package org.recurrent.nn;

import java.util.Random;
import org.recurrent.autograd.Autograd;
import org.recurrent.ops.Ops;
import org.recurrent.rnn.SequencePlan;
import org.recurrent.tensor.Tensor;

/**
 * The parameters and checks shared by {@link RNNCell}, {@link LSTMCell} and {@link GRUCell}: one step of the
 * recurrence for step-wise use (decoders, streaming). Keys as PyTorch's cells: {@code weight_ih} (G, I),
 * {@code weight_hh} (G, H), {@code bias_ih}, {@code bias_hh} (G); init U(-1/sqrt(H), 1/sqrt(H)).
 * A step that records a gradient is the fused sequence op with T = 1, so cells and layers share one implementation
 * of the math; a step that records none (under {@link Autograd#noGrad()}, or with nothing that requires a
 * gradient) runs {@link org.recurrent.rnn.CellStep}, the same kernel calls without the sequence bookkeeping, and
 * gives the same bits. Each cell's {@code forwardInto} writes the new state into tensors the caller owns, so a
 * streaming loop that alternates two state buffers allocates nothing per step.
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

  /**
   * Checks x (B, I) and up to two states (B, H), each possibly null, without allocating (the streaming path).
   */
  protected final void checkStep(Tensor x, Tensor s1, Tensor s2) {
    if (x.dim() != 2 || x.size(1) != inputSize) {
      throw new IllegalArgumentException(kind + " input must be (B, I=" + inputSize + "), got " + x.shapeString());
    }
    checkState(x, s1, "state");
    checkState(x, s2, "state");
  }

  private void checkState(Tensor x, Tensor s, String what) {
    if (s != null && (s.dim() != 2 || s.size(0) != x.size(0) || s.size(1) != hiddenSize)) {
      throw new IllegalArgumentException(kind + " " + what + " must be (B=" + x.size(0) + ", H=" + hiddenSize
          + "), got " + s.shapeString());
    }
  }

  /**
   * True when a step with these inputs must record a gradient: recording is on and x, a state or a parameter
   * requires one. Written out rather than through {@link Autograd#needsGrad(Tensor...)}: no varargs array per step.
   */
  protected final boolean recordsGradient(Tensor x, Tensor s1, Tensor s2) {
    if (!Autograd.isEnabled()) return false;
    return x.requiresGrad() || weightIh.requiresGrad() || weightHh.requiresGrad()
        || (biasIh != null && biasIh.requiresGrad()) || (biasHh != null && biasHh.requiresGrad())
        || (s1 != null && s1.requiresGrad()) || (s2 != null && s2.requiresGrad());
  }

  /**
   * Checks the target of a {@code forwardInto}: (B, H), not requiring a gradient (its data is overwritten, which
   * would corrupt a recorded graph), and not sharing its data with x or the previous state (the products read the
   * whole previous state before the gate kernels write the new one).
   */
  protected final void checkInto(String method, Tensor x, Tensor out, Tensor in1, Tensor in2, Tensor in3) {
    if (out == null) throw new IllegalArgumentException(kind + "." + method + ": the output state is null");
    checkState(x, out, method + " output");
    if (out.requiresGrad()) {
      throw new IllegalArgumentException(kind + "." + method + " overwrites its output, which must not require a "
          + "gradient; pass tensors made by Tensor.zeros(B, H) or returned by a step without gradients");
    }
    if (shares(out, in1) || shares(out, in2) || shares(out, in3)) {
      throw new IllegalArgumentException(kind + "." + method + ": the output shares its data with an input; "
          + "alternate two state buffers (step t writes the one step t-1 did not)");
    }
  }

  private static boolean shares(Tensor out, Tensor in) {
    return in != null && in.data() == out.data();
  }

  /** Thrown by {@code forwardInto} when a gradient would have to be recorded. */
  protected final IllegalStateException intoNeedsNoGrad(String method) {
    return new IllegalStateException(kind + "." + method + " records no gradient, but recording is on and an "
        + "input or parameter requires one: call it inside Autograd.noGrad(), or use forward()");
  }

  protected static SequencePlan oneStep(Tensor x) {
    return SequencePlan.of(1, x.size(0), null);
  }
}
