package org.recurrent.models;

import org.recurrent.io.MemoryBudget;
import org.recurrent.ops.EmbeddingBagMode;

/**
 * The {@code model} section of a training config for kind {@code sequence} (the default): the architecture
 * choices a user makes; input and output sizes come from the data. See {@link SequenceModelConfig} for the
 * meaning. This record is the one place the defaults live.
 *
 * @param kind          {@code sequence} or absent (a config naming an unknown kind lands here and is refused)
 * @param cell          lstm (default), gru, gru_reset_before, rnn_tanh, rnn_relu, irnn
 * @param hiddenSize    H (default 64)
 * @param numLayers     L (default 1)
 * @param bidirectional default false
 * @param dropout       between layers and before the head (default 0)
 * @param embeddingDim  token inputs only (default 64)
 * @param pooling       last (default) or mean, for one output per sequence
 * @param bagMode       bag inputs (sets of codes per step): sum or mean (default) of the codes' embeddings
 * @param output        sequence or per_step; default from the task (per_step for tagging and language models,
 *                      and for regression on per-step targets)
 */
public record SequenceModelSection(String kind, Cell cell, Integer hiddenSize, Integer numLayers, Boolean bidirectional,
                                   Double dropout, Integer embeddingDim, Pooling pooling, EmbeddingBagMode bagMode,
                                   OutputMode output)
    implements ModelSection {

  public SequenceModelSection {
    if (kind != null && !kind.trim().equalsIgnoreCase(SequenceKind.NAME)) {
      ModelRegistry.standard().get(kind);   // throws "unknown model.kind ..., expected one of [...]" for unknown kinds
      throw new IllegalArgumentException("model.kind " + kind + " has its own section type, not the sequence kind's");
    }
    kind = SequenceKind.NAME;
    if (cell == null) cell = Cell.LSTM;
    if (hiddenSize == null) hiddenSize = 64;
    if (numLayers == null) numLayers = 1;
    if (bidirectional == null) bidirectional = false;
    if (dropout == null) dropout = 0.0;
    if (embeddingDim == null) embeddingDim = 64;
    if (pooling == null) pooling = Pooling.LAST;
    if (hiddenSize < 1) throw new IllegalArgumentException("model.hidden_size must be >= 1, got " + hiddenSize);
    if (numLayers < 1 || numLayers > SequenceModelConfig.MAX_LAYERS) {
      throw new IllegalArgumentException("model.num_layers must be in 1.." + SequenceModelConfig.MAX_LAYERS + ", got "
          + numLayers);
    }
    if (embeddingDim < 1) throw new IllegalArgumentException("model.embedding_dim must be >= 1, got " + embeddingDim);
    // what the choices alone cost (input and output widths of 1), before any data is read
    double least = SequenceModelConfig.stackParameters(cell, 1, hiddenSize, numLayers, bidirectional);
    MemoryBudget.requireFloats(ModelKind.TRAINING_COPIES * least, "model: hidden_size " + hiddenSize + " with "
        + "num_layers " + numLayers + (bidirectional ? " (bidirectional)" : "") + " needs at least {size} of "
        + "parameters+gradients+optimizer state (" + String.format(java.util.Locale.ROOT, "%.3g", least)
        + " parameters)", "hidden_size or num_layers");
  }

  public static SequenceModelSection defaults() {
    return new SequenceModelSection(null, null, null, null, null, null, null, null, null, null);
  }
}
