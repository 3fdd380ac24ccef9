package org.recurrent.models;

/**
 * The {@code model} section for kind {@code seq2seq} ({@link Seq2SeqModel}); vocabulary sizes come from the data.
 * This record is the one place its defaults live.
 *
 * @param kind              {@code seq2seq}
 * @param cell              lstm (default) or gru, encoder and decoder alike
 * @param embeddingDim      E of source and target embeddings (default 32)
 * @param hiddenSize        H (default 64)
 * @param numLayers         L of encoder and decoder (default 1)
 * @param bidirectional     a bidirectional encoder (default false)
 * @param attention         none, additive (default), dot or general
 * @param attentionSize     A of additive attention (default: H)
 * @param scheduledSampling probability of feeding the model's own previous token while training (default 0:
 *                          pure teacher forcing)
 * @param maxDecodeLength   longest greedy output in evaluation, end token included (default 100)
 */
public record Seq2SeqSection(String kind, Cell cell, Integer embeddingDim, Integer hiddenSize, Integer numLayers,
                             Boolean bidirectional, AttentionKind attention, Integer attentionSize,
                             Double scheduledSampling, Integer maxDecodeLength) implements ModelSection {
  public Seq2SeqSection {
    kind = Seq2SeqKind.NAME;
    if (cell == null) cell = Cell.LSTM;
    if (embeddingDim == null) embeddingDim = 32;
    if (hiddenSize == null) hiddenSize = 64;
    if (numLayers == null) numLayers = 1;
    if (bidirectional == null) bidirectional = false;
    if (attention == null) attention = AttentionKind.ADDITIVE;
    if (attentionSize == null) attentionSize = hiddenSize;
    if (scheduledSampling == null) scheduledSampling = 0.0;
    if (maxDecodeLength == null) maxDecodeLength = 100;
  }
}
