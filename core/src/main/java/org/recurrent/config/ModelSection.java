package org.recurrent.config;

/**
 * The {@code model} section of a training config: the architecture choices a user makes. Input and output sizes
 * come from the data and are not written here. See {@link org.recurrent.models.ModelConfig} for the meaning.
 *
 * @param cell          lstm (default), gru, gru_reset_before, rnn_tanh, rnn_relu, irnn
 * @param hiddenSize    H (default 64)
 * @param numLayers     L (default 1)
 * @param bidirectional default false
 * @param dropout       between layers and before the head (default 0)
 * @param embeddingDim  token inputs only (default 64)
 * @param pooling       last (default) or mean, for one output per sequence
 * @param output        sequence or per_step; default from the task (per_step for tagging and language models,
 *                      and for regression on per-step targets)
 */
public record ModelSection(String cell, Integer hiddenSize, Integer numLayers, Boolean bidirectional, Double dropout,
                           Integer embeddingDim, String pooling, String output) {

  public ModelSection {
    if (cell == null) cell = "lstm";
    cell = cell.trim().toLowerCase(java.util.Locale.ROOT);
    if (!org.recurrent.models.ModelConfig.CELLS.contains(cell)) {   // checked here so the message names the config line
      throw new IllegalArgumentException("unknown model.cell '" + cell + "'; expected one of "
          + org.recurrent.models.ModelConfig.CELLS);
    }
    if (hiddenSize == null) hiddenSize = 64;
    if (numLayers == null) numLayers = 1;
    if (bidirectional == null) bidirectional = false;
    if (dropout == null) dropout = 0.0;
    if (embeddingDim == null) embeddingDim = 64;
    if (pooling == null) pooling = "last";
  }

  public static ModelSection defaults() {
    return new ModelSection(null, null, null, null, null, null, null, null);
  }
}
