package org.recurrent.nn;

import java.util.Random;
import org.recurrent.rnn.LstmSequence;
import org.recurrent.rnn.SequencePlan;
import org.recurrent.tensor.Tensor;

/**
 * Multi-layer long short-term memory, matching {@code torch.nn.LSTM} (same keys, gate order, numbers).
 *
 * <pre>{@code
 * i_t = sigmoid(x_t W_ii^T + b_ii + h_{t-1} W_hi^T + b_hi)      input gate
 * f_t = sigmoid(x_t W_if^T + b_if + h_{t-1} W_hf^T + b_hf)      forget gate
 * g_t = tanh   (x_t W_ig^T + b_ig + h_{t-1} W_hg^T + b_hg)      candidate
 * o_t = sigmoid(x_t W_io^T + b_io + h_{t-1} W_ho^T + b_ho)      output gate
 * c_t = f_t * c_{t-1} + i_t * g_t                                cell state: the additive "highway"
 * h_t = o_t * tanh(c_t)
 * }</pre>
 * {@code weight_ih_l{k}} is (4H, I) for k = 0 and (4H, D*H) above, stacking [W_i | W_f | W_g | W_o];
 * {@code weight_hh_l{k}} (4H, H); {@code bias_ih_l{k}}, {@code bias_hh_l{k}} (4H); {@code _reverse} for the
 * backward direction. Init U(-1/sqrt(H), 1/sqrt(H)). A common tweak, a forget-gate bias of 1, is
 * {@code Init.lstmForgetGateBias}. Each layer/direction runs as one fused op, {@link LstmSequence}.
 */
public final class LSTM extends RecurrentLayer {

  public LSTM(RecurrentConfig config, Random rng) {
    super("LSTM", config, 4, rng);
  }

  public LSTM(int inputSize, int hiddenSize, Random rng) {
    this(RecurrentConfig.of(inputSize, hiddenSize), rng);
  }




  @Override
  public boolean hasCellState() {
    return true;
  }

  @Override
  protected Tensor[] runDirection(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                                  Tensor h0, Tensor c0) {
    return LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, c0);
  }
}
