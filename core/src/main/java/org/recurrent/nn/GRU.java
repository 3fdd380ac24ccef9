package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.GruResetBeforeSequence;
import org.recurrent.rnn.GruSequence;
import org.recurrent.rnn.SequencePlan;
import org.recurrent.tensor.Tensor;

/**
 * Multi-layer gated recurrent unit, matching {@code torch.nn.GRU} (same keys, gate order r, z, n, numbers).
 *
 * <pre>{@code
 * r_t = sigmoid(x_t W_ir^T + b_ir + h_{t-1} W_hr^T + b_hr)      reset gate
 * z_t = sigmoid(x_t W_iz^T + b_iz + h_{t-1} W_hz^T + b_hz)      update gate
 * n_t = tanh(x_t W_in^T + b_in + r_t * (h_{t-1} W_hn^T + b_hn))   candidate, reset AFTER the product
 * h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 * }</pre>
 * With {@link Reset#BEFORE_MATMUL} the candidate is {@code tanh(x W_in^T + b_in + (r * h_{t-1}) W_hn^T + b_hn)}:
 * the original GRU of Cho et al. (2014), Keras {@code reset_after=False}, the ONNX default. PyTorch has only
 * the reset-after form, so only that form is interchangeable with PyTorch weights' numbers; the keys and
 * shapes are the same either way.
 *
 * <p>{@code weight_ih_l{k}} (3H, I or D*H) stacks [W_ir | W_iz | W_in]; {@code weight_hh_l{k}} (3H, H);
 * biases (3H). Init U(-1/sqrt(H), 1/sqrt(H)).
 */
public final class GRU extends RecurrentLayer {

  /** Where the reset gate acts on the previous state. */
  public enum Reset { AFTER_MATMUL, BEFORE_MATMUL }

  private final Reset reset;

  public GRU(RecurrentConfig config, Reset reset, Random rng) {
    super("GRU", config, 3, rng);
    this.reset = reset;
  }

  public GRU(RecurrentConfig config, Random rng) {
    this(config, Reset.AFTER_MATMUL, rng);
  }

  public GRU(int inputSize, int hiddenSize, Random rng) {
    this(RecurrentConfig.of(inputSize, hiddenSize), rng);
  }

  public Reset reset() {
    return reset;
  }



  /** @param h0 (L*D, B, H) or null */
  public RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0) {
    return run(input, lengths, h0, null);
  }

  @Override
  protected Tensor[] runDirection(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                                  Tensor h0, Tensor c0) {
    return reset == Reset.AFTER_MATMUL
        ? GruSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0)
        : GruResetBeforeSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0);
  }

  @Override
  public String toString() {
    return reset == Reset.AFTER_MATMUL ? super.toString() : super.toString() + "[reset before matmul]";
  }
}
