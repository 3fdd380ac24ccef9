package org.recurrent.nn;

import org.recurrent.tensor.Tensor;

/**
 * What a recurrent layer returns, like PyTorch's {@code output, h_n} (and {@code c_n} for LSTM).
 *
 * @param output (T, B, D*H), or (B, T, D*H) when batch-first: the last layer's state at every step, the two
 *               directions concatenated; zeros after each sequence's end
 * @param hN     (L*D, B, H): every layer/direction's state after each sequence's last step
 * @param cN     (L*D, B, H) LSTM cell states, null for RNN and GRU
 */
public record RecurrentOutput(Tensor output, Tensor hN, Tensor cN) {}
