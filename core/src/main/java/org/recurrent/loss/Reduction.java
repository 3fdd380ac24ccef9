package org.recurrent.loss;

/** How a loss combines its per-element values, like PyTorch's {@code reduction='mean'|'sum'|'none'}. */
public enum Reduction {
  /**
   * Weighted mean {@code sum_i m_i l_i / sum_i m_i}, where {@code m_i} is the mask (1 without one) times, for
   * cross-entropy, the class weight of the row's target. When the denominator is 0 (every position masked or
   * ignored) the loss is 0 and every gradient is 0. PyTorch returns NaN there because it computes 0/0; we
   * differ on purpose: a batch or truncated-BPTT chunk made only of padding is normal in sequence training
   * and must add nothing, not poison the parameters with NaN.
   */
  MEAN,
  /** {@code sum_i m_i l_i}; 0 when everything is masked. */
  SUM,
  /** The masked values {@code m_i l_i} themselves, shaped like the input (one per row for cross-entropy). */
  NONE
}
