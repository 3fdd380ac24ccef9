package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * The architecture of a {@link SequenceModel}: everything needed, with a {@code model.safetensors}, to rebuild
 * it. Stored as {@code config.json} in a model directory; property names are snake_case there.
 *
 * @param cell          {@code lstm}, {@code gru}, {@code gru_reset_before} (Keras {@code reset_after=False}),
 *                      {@code rnn_tanh}, {@code rnn_relu} or {@code irnn} (ReLU + identity initialisation)
 * @param inputSize     F, numeric features per time step (for token inputs: the embedding size is used instead)
 * @param vocabSize     V > 0 when inputs are token ids (text): they pass an {@code Embedding(V, embeddingDim)}
 *                      first; 0 for numeric inputs
 * @param embeddingDim  E, embedding size for token inputs
 * @param paddingIdx    token id of padding (its embedding row stays zero and gets no gradient), or -1
 * @param hiddenSize    H per direction
 * @param numLayers     L stacked layers
 * @param bidirectional D = 2 when true
 * @param dropout       between stacked layers and before the head, training only
 * @param output        {@code sequence} (many-to-one: one output vector per sequence) or {@code per_step}
 *                      (many-to-many synced: one per time step)
 * @param pooling       for {@code sequence} output: {@code last} (final hidden state of the top layer, both
 *                      directions concatenated) or {@code mean} (mean of the top layer's outputs over the
 *                      sequence's own length)
 * @param outputSize    K, the head's output width (classes, labels, regression targets, vocabulary)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelConfig(String cell, int inputSize, int vocabSize, int embeddingDim, int paddingIdx,
                          int hiddenSize, int numLayers, boolean bidirectional, float dropout, String output,
                          String pooling, int outputSize) {

  public static final List<String> CELLS = List.of("lstm", "gru", "gru_reset_before", "rnn_tanh", "rnn_relu", "irnn");
  public static final List<String> OUTPUTS = List.of("sequence", "per_step");
  public static final List<String> POOLINGS = List.of("last", "mean");

  public ModelConfig {
    cell = normalise("cell", cell, CELLS, "lstm");
    output = normalise("output", output, OUTPUTS, "sequence");
    pooling = normalise("pooling", pooling, POOLINGS, "last");
    if (vocabSize < 0) throw new IllegalArgumentException("model.vocab_size must be >= 0, got " + vocabSize);
    if (vocabSize > 0) {
      if (embeddingDim < 1) {
        throw new IllegalArgumentException("model.embedding_dim must be >= 1 for token inputs, got " + embeddingDim);
      }
      if (paddingIdx >= vocabSize) {
        throw new IllegalArgumentException("model.padding_idx " + paddingIdx + " is outside the vocabulary of "
            + vocabSize);
      }
    } else if (inputSize < 1) {
      throw new IllegalArgumentException("model.input_size must be >= 1, got " + inputSize);
    }
    if (hiddenSize < 1) throw new IllegalArgumentException("model.hidden_size must be >= 1, got " + hiddenSize);
    if (numLayers < 1) throw new IllegalArgumentException("model.num_layers must be >= 1, got " + numLayers);
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("model.dropout must be in [0, 1), got " + dropout);
    }
    if (outputSize < 1) throw new IllegalArgumentException("model.output_size must be >= 1, got " + outputSize);
  }

  private static String normalise(String field, String value, List<String> allowed, String fallback) {
    if (value == null || value.isBlank()) return fallback;
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException("unknown model." + field + " '" + value + "'; expected one of " + allowed);
    }
    return v;
  }

  /** The width of each step fed to the recurrent stack: E for tokens, F for numeric inputs. */
  public int recurrentInputSize() {
    return vocabSize > 0 ? embeddingDim : inputSize;
  }

  public boolean tokenInput() {
    return vocabSize > 0;
  }

  public boolean perStep() {
    return output.equals("per_step");
  }

  public int directions() {
    return bidirectional ? 2 : 1;
  }
}
