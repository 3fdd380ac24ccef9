/**
 * Modules with PyTorch's names and state-dict keys: recurrent layers (RNN, LSTM, GRU) and cells, Linear,
 * Embedding, EmbeddingBag, Dropout; and {@link org.recurrent.nn.Module}, which holds trainable parameters, frozen
 * parameters, buffers and child modules and turns them into a state dict.
 */
package org.recurrent.nn;
