/**
 * Modules with PyTorch's names and state-dict keys: recurrent layers (RNN, LSTM, GRU) and cells, Linear,
 * Embedding, EmbeddingBag, Dropout.
 */
package org.recurrent.nn;
