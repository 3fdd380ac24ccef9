package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.recurrent.ops.EmbeddingBagMode;

/**
 * The architecture of a {@link SequenceModel} (kind {@code sequence}): everything needed, with a
 * {@code model.safetensors}, to rebuild it. Stored as {@code config.json}'s {@code model}; property names are
 * snake_case there.
 *
 * @param cell          the recurrent cell
 * @param inputSize     F, numeric features per time step (1 for token inputs, which read an embedding instead)
 * @param vocabSize     V > 0 when inputs are token ids (text): they pass an {@code Embedding(V, embeddingDim)}
 *                      first; 0 for numeric inputs
 * @param embeddingDim  E, embedding size for token inputs
 * @param paddingIdx    token id of padding (its embedding row stays zero and gets no gradient), or -1
 * @param hiddenSize    H per direction
 * @param numLayers     L stacked layers
 * @param bidirectional D = 2 when true
 * @param dropout       between stacked layers and before the head, training only
 * @param output        one output per sequence (many-to-one) or per step (many-to-many synced)
 * @param pooling       for per-sequence output, how the top layer's outputs are summarised
 * @param outputSize    K, the head's output width (classes, labels, regression targets, vocabulary)
 * @param input         the primary input's kind (absent in older files: tokens when vocabSize > 0, else dense)
 * @param bagMode       bags only: how a step's code embeddings are combined (sum or mean, default mean)
 * @param sideFeatures  S values per step of the side input {@value SequenceModel#SIDE}, appended to each step's
 *                      vector before the recurrent stack (0: none)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SequenceModelConfig(Cell cell, int inputSize, int vocabSize, int embeddingDim, int paddingIdx,
                                  int hiddenSize, int numLayers, boolean bidirectional, float dropout,
                                  OutputMode output, Pooling pooling, int outputSize, InputKind input,
                                  EmbeddingBagMode bagMode, int sideFeatures) implements ModelSpec {

  /**
   * The most stacked layers: deep recurrent stacks stop training well long before (GNMT used 8); each layer is a
   * few objects whatever its size, so a million tiny layers exhaust the heap although their weights would fit.
   */
  public static final int MAX_LAYERS = 1000;

  /** Dense features or token ids (by vocabSize), no side input. */
  public SequenceModelConfig(Cell cell, int inputSize, int vocabSize, int embeddingDim, int paddingIdx, int hiddenSize,
                             int numLayers, boolean bidirectional, float dropout, OutputMode output, Pooling pooling,
                             int outputSize) {
    this(cell, inputSize, vocabSize, embeddingDim, paddingIdx, hiddenSize, numLayers, bidirectional, dropout, output,
        pooling, outputSize, null, null, 0);
  }

  public SequenceModelConfig {
    if (input == null) input = vocabSize > 0 ? InputKind.TOKENS : InputKind.DENSE;
    if (input == InputKind.BAGS && bagMode == null) bagMode = EmbeddingBagMode.MEAN;
    if (input != InputKind.BAGS) bagMode = null;
    if (input.embedded() != vocabSize > 0) {
      throw new IllegalArgumentException("model.vocab_size must be > 0 exactly for token and bag inputs; got "
          + vocabSize + " for " + input.configName() + " inputs");
    }
    if (sideFeatures < 0) throw new IllegalArgumentException("model.side_features must be >= 0, got " + sideFeatures);
    if (cell == null) cell = Cell.LSTM;
    if (output == null) output = OutputMode.SEQUENCE;
    if (pooling == null) pooling = Pooling.LAST;
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
    if (numLayers < 1 || numLayers > MAX_LAYERS) {
      throw new IllegalArgumentException("model.num_layers must be in 1.." + MAX_LAYERS + ", got " + numLayers);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("model.dropout must be in [0, 1), got " + dropout);
    }
    if (outputSize < 1) throw new IllegalArgumentException("model.output_size must be >= 1, got " + outputSize);
  }

  /**
   * Embedding V*E (token and bag inputs), the recurrent stack ({@link #stackParameters}) and the head
   * K*(D*H) + K.
   */
  @Override
  public double parameterCount() {
    double embedding = input.embedded() ? (double) vocabSize * embeddingDim : 0;
    double head = (double) outputSize * directions() * hiddenSize + outputSize;
    return embedding + stackParameters(cell, recurrentInputSize(), hiddenSize, numLayers, bidirectional) + head;
  }

  /**
   * Parameters of a stack of L layers of D directions: per layer and direction {@code weight_ih} (G*H, in),
   * {@code weight_hh} (G*H, H) and two biases of G*H, where in is the input width for layer 0 and D*H above.
   */
  public static double stackParameters(Cell cell, int inputWidth, int hiddenSize, int numLayers, boolean bidirectional) {
    double g = cell.gates();
    double h = hiddenSize;
    double d = bidirectional ? 2 : 1;
    double perDirection0 = g * h * (inputWidth + h + 2);
    double perDirectionUpper = g * h * (d * h + h + 2);
    return d * (perDirection0 + Math.max(0, numLayers - 1.0) * perDirectionUpper);
  }

  /** The width of each step fed to the recurrent stack: E for tokens and bags, F for numeric inputs, plus S. */
  public int recurrentInputSize() {
    return (input.embedded() ? embeddingDim : inputSize) + sideFeatures;
  }

  public boolean tokenInput() {
    return input == InputKind.TOKENS;
  }

  public boolean perStep() {
    return output == OutputMode.PER_STEP;
  }

  public int directions() {
    return bidirectional ? 2 : 1;
  }
}
