package org.recurrent.models;

import java.util.List;
import org.recurrent.io.MemoryBudget;
import java.util.Random;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchInput;
import org.recurrent.data.SequenceExample;
import org.recurrent.nn.EmbeddingBag;
import org.recurrent.nn.Dropout;
import org.recurrent.nn.Embedding;
import org.recurrent.nn.Linear;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * The general recurrent model the trainer builds from a {@link SequenceModelConfig}: optional embedding, a recurrent
 * stack, optional pooling over time, dropout, and a linear head. Covers many-to-one (classification,
 * regression, multi-label) and many-to-many synced (tagging, per-step prediction, language models).
 * <pre>{@code
 * e_t    = x_t (dense)  or  E[x_t] (token ids)  or  combine_{c in bag_t} w_c E[c] (bags; sum or mean)  (T, B, E|F)
 * e_t    = [e_t ; s_t]  with the side input s_t (S values per step) when the model has one        (T, B, E|F + S)
 * h_t    = RNN(e_t, h_{t-1})       top layer, directions concatenated  (T, B, D*H)
 * sequence output:  z = h_{len-1} (last; both directions' final states) or mean_{t<len} h_t    (B, D*H)
 *                   y = W z + b                                                               (B, K)
 * per_step output:  y_t = W h_t + b                                                           (T, B, K)
 * }</pre>
 * State-dict keys: {@code embedding.weight} (an {@code nn.Embedding} or {@code nn.EmbeddingBag}), {@code rnn.weight_ih_l0} ... (PyTorch's {@code nn.LSTM/GRU/RNN}
 * names), {@code head.weight}, {@code head.bias}: a PyTorch module with attributes {@code embedding},
 * {@code rnn} and {@code head} has the same state dict.
 */
public final class SequenceModel extends Model {
  private final SequenceModelConfig config;
  /** The side input's name: S extra values per step appended to each step's vector. */
  public static final String SIDE = SequenceExample.SIDE;

  private final Embedding embedding;
  private final EmbeddingBag bags;
  private final RecurrentLayer rnn;
  private final Dropout dropout;
  private final Linear head;

  public SequenceModel(SequenceModelConfig config, Random rng) {
    this.config = config;
    this.embedding = config.input() == InputKind.TOKENS
        ? registerModule("embedding", new Embedding(config.vocabSize(), config.embeddingDim(), config.paddingIdx(), rng))
        : null;
    this.bags = config.input() == InputKind.BAGS
        ? registerModule("embedding", new EmbeddingBag(config.vocabSize(), config.embeddingDim(), config.bagMode(),
            config.paddingIdx(), rng))
        : null;
    RecurrentConfig rc = RecurrentConfig.of(config.recurrentInputSize(), config.hiddenSize())
        .withNumLayers(config.numLayers()).withBidirectional(config.bidirectional()).withDropout(config.dropout());
    this.rnn = registerModule("rnn", config.cell().build(rc, rng));
    this.dropout = new Dropout(config.dropout(), new Random(rng.nextLong()));
    registerModule("dropout", dropout);
    this.head = registerModule("head", new Linear(config.directions() * config.hiddenSize(), config.outputSize(), rng));
  }

  public SequenceModelConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return SequenceKind.NAME;
  }

  @Override
  public SequenceModelConfig spec() {
    return config;
  }

  @Override
  public DataSignature signature() {
    return new DataSignature(config.input(), config.inputSize(), config.vocabSize(), config.paddingIdx(),
        config.sideFeatures(), config.outputSize(), config.perStep());
  }

  @Override
  public Output forward(Batch batch, RecurrentOutput state) {
    return forward(batch, state, null);
  }

  /**
   * As {@link #forward(Batch, RecurrentOutput)}, with the bag input's per-code weights given as a tensor (one per
   * id of the batch, in its order) instead of the batch's own: a tensor that requires grad gives each code
   * occurrence's gradient, which integrated gradients read. Null: the batch's weights.
   */
  public Output forward(Batch batch, RecurrentOutput state, Tensor bagWeights) {
    return run(recurrentInput(batch, bagWeights), batch.lengths(), state);
  }

  /**
   * What the recurrent stack reads for a batch: the dense values, embedded tokens or bags, with the side input
   * appended (T, B, I). {@code recurrent diagnose} runs the stack step by step from it.
   *
   * @param bagWeights as {@link #forward(Batch, RecurrentOutput, Tensor)}; null for the batch's own
   */
  public Tensor recurrentInput(Batch batch, Tensor bagWeights) {
    int T = batch.steps(), B = batch.size();
    requireActivations(T, B);
    Tensor x = switch (batch.primary()) {
      case BatchInput.Dense d -> {
        checkKind(InputKind.DENSE);
        yield d.values();                                                        // (T, B, F)
      }
      case BatchInput.Tokens t -> {
        checkKind(InputKind.TOKENS);
        yield embedding.forward(t.ids(), T, B);                                  // (T, B, E)
      }
      case BatchInput.Bags g -> {
        checkKind(InputKind.BAGS);
        if (bagWeights != null && (bagWeights.dim() != 1 || bagWeights.size(0) != g.ids().length)) {
          throw new IllegalArgumentException("bag weights must be one per id of the batch (" + g.ids().length + ")");
        }
        Tensor w = bagWeights != null ? bagWeights
            : g.weights() == null ? null : Tensor.of(g.weights(), g.weights().length);
        yield Ops.reshape(bags.forward(g.ids(), g.offsets(), w), T, B, config.embeddingDim());   // (T, B, E)
      }
      case BatchInput.Extension e -> throw new IllegalArgumentException("the sequence kind reads dense, token and "
          + "bag inputs, not " + e.getClass().getSimpleName() + "; a model kind of its own reads that type");
    };
    BatchInput side = batch.input(SIDE);
    if (config.sideFeatures() > 0) {
      if (!(side instanceof BatchInput.Dense d) || d.values().size(2) != config.sideFeatures() || d.steps() != T) {
        throw new IllegalArgumentException("this model reads a side input '" + SIDE + "' of " + config.sideFeatures()
            + " values per step, aligned with the " + T + " steps; the batch has "
            + (side == null ? "none" : side.getClass().getSimpleName().toLowerCase() + " " + shape(side)));
      }
      x = Ops.concat(List.of(x, d.values()), 2);                                 // (T, B, E|F + S)
    } else if (side != null) {
      throw new IllegalArgumentException("the batch has a side input '" + SIDE + "' but this model reads none "
          + "(model.side_features 0)");
    }
    return x;
  }

  /**
   * Refuses a batch whose activations could not fit in the heap beside the model, before the first is allocated.
   * Per step and sequence a forward pass keeps the input (E or F, plus S), per layer and direction G*H gate values
   * and the h and c states, and the K outputs; in training, backward makes their gradients (twice the floats) while
   * the parameters, gradients and optimizer state hold {@link ModelKind#TRAINING_COPIES} floats per parameter.
   */
  private void requireActivations(int T, int B) {
    double perStep = config.recurrentInputSize()
        + (double) config.numLayers() * config.directions() * (config.cell().gates() + 2.0) * config.hiddenSize()
        + config.outputSize();
    boolean training = org.recurrent.autograd.Autograd.isEnabled();             // backward will follow
    double activations = (training ? 2 : 1) * (double) T * B * perStep;
    double parameters = (training ? ModelKind.TRAINING_COPIES : 1) * config.parameterCount();
    MemoryBudget.requireFloats(activations + parameters, "a batch of " + B + " sequences of " + T + " steps needs {size}"
        + " of activations" + (training ? " and their gradients" : "") + " beside the model's "
        + MemoryBudget.size(parameters * Float.BYTES), "batch_size, the sequence length, embedding_dim or hidden_size");
  }

  private void checkKind(InputKind given) {
    if (given != config.input()) {
      throw new IllegalArgumentException("this model reads " + config.input().configName() + " inputs, the batch holds "
          + given.configName());
    }
  }

  private static String shape(BatchInput in) {
    return in instanceof BatchInput.Dense d ? d.values().shapeString() : "of " + in.steps() + " steps";
  }

  public RecurrentLayer recurrent() {
    return rnn;
  }

  /**
   * Numeric inputs.
   *
   * @param features (T, B, F) time-major
   * @param lengths  (B) steps per sequence, or null for all T
   * @param initial  state to start from (truncated BPTT, streaming), or null for zeros
   */
  public Output forward(Tensor features, int[] lengths, RecurrentOutput initial) {
    if (config.input() != InputKind.DENSE || config.sideFeatures() > 0) {
      throw new IllegalArgumentException("this model reads " + config.input().configName() + " inputs"
          + (config.sideFeatures() > 0 ? " with a side input" : "") + "; use forward(Batch, state)");
    }
    return run(features, lengths, initial);
  }

  /**
   * Token inputs.
   *
   * @param tokens (T, B) time-major ids, flattened
   */
  public Output forward(int[] tokens, int steps, int batch, int[] lengths, RecurrentOutput initial) {
    if (config.input() == InputKind.DENSE) {
      throw new IllegalArgumentException("this model reads " + config.inputSize() + " numeric features per step, "
          + "not token ids");
    }
    if (config.input() != InputKind.TOKENS || config.sideFeatures() > 0) {
      throw new IllegalArgumentException("this model reads " + config.input().configName() + " inputs"
          + (config.sideFeatures() > 0 ? " with a side input" : "") + ", not token ids alone; use forward(Batch, state)");
    }
    return run(embedding.forward(tokens, steps, batch), lengths, initial);     // (T, B, E)
  }

  private Output run(Tensor x, int[] lengths, RecurrentOutput initial) {
    Tensor h0 = initial == null ? null : initial.hN();
    Tensor c0 = initial == null ? null : initial.cN();
    RecurrentOutput r = rnn.forward(x, lengths, h0, c0);
    Tensor top;
    if (config.perStep()) {
      top = r.output();                                                          // (T, B, D*H)
    } else if (config.pooling() == Pooling.MEAN) {
      top = Ops.maskedMean(r.output(), lengths == null ? fullLengths(x) : lengths); // (B, D*H)
    } else {
      top = finalStates(r.hN());                                                 // (B, D*H)
    }
    return new Output(head(top), r);
  }

  /** The head's logits for what the top layer gives it: (B, D*H) per sequence or (T, B, D*H) per step. */
  public Tensor head(Tensor top) {
    return head.forward(dropout.forward(top));
  }

  /** The top layer's final hidden states, forward and backward concatenated: (B, D*H). */
  private Tensor finalStates(Tensor hN) {
    int layers = config.numLayers(), D = config.directions();
    Tensor forward = Ops.select(hN, 0, (layers - 1) * D);                        // (B, H)
    if (D == 1) return forward;
    return Ops.concat(List.of(forward, Ops.select(hN, 0, (layers - 1) * D + 1)), 1);
  }

  private static int[] fullLengths(Tensor x) {
    int[] lengths = new int[x.size(1)];
    java.util.Arrays.fill(lengths, x.size(0));
    return lengths;
  }
}
