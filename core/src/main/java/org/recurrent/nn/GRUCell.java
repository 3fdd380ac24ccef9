package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.CellStep;
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

  /** @param x (B, I); @param h (B, H) or null for zeros; returns h' (B, H) in a new tensor */
  public Tensor forward(Tensor x, Tensor h) {
    checkStep(x, h, null);
    if (!recordsGradient(x, h, null)) return step(x, h, Tensor.zeros(x.size(0), hiddenSize()));
    Tensor seq = asOneStep(x, h);
    return reset == GRU.Reset.AFTER_MATMUL
        ? GruSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h)[1]
        : GruResetBeforeSequence.apply(seq, oneStep(x), weightIh, weightHh, biasIh, biasHh, h)[1];
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
    float[] bIh = biasIh == null ? null : biasIh.data(), bHh = biasHh == null ? null : biasHh.data();
    float[] hPrev = h == null ? null : h.data();
    if (reset == GRU.Reset.AFTER_MATMUL) {
      CellStep.gru(x.size(0), inputSize(), hiddenSize(), x.data(), weightIh.data(), weightHh.data(), bIh, bHh,
          hPrev, out.data());
    } else {
      CellStep.gruResetBefore(x.size(0), inputSize(), hiddenSize(), x.data(), weightIh.data(), weightHh.data(),
          bIh, bHh, hPrev, out.data());
    }
    return out;
  }
}
