package org.recurrent.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.recurrent.ops.Ops;
import org.recurrent.rnn.SequencePlan;
import org.recurrent.rnn.SequenceReverse;
import org.recurrent.tensor.Tensor;

/**
 * The stacking shared by {@link RNN}, {@link LSTM} and {@link GRU} (PyTorch's {@code RNNBase}): parameters per
 * layer and direction under PyTorch's keys, in PyTorch's order
 * ({@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, weight_ih_l0_reverse, ...}); layer l reads the
 * concatenated (T, B, D*H) output of layer l-1, with dropout between layers when training; the reverse direction
 * runs over each sequence reversed within its own length.
 *
 * <p>Default initialisation is PyTorch's: every weight and bias U(-1/sqrt(H), 1/sqrt(H)).
 */
public abstract class RecurrentLayer extends Module {
  private final RecurrentConfig config;
  private final String kind;
  private final int gateRows;
  private final Tensor[][] weightIh;
  private final Tensor[][] weightHh;
  private final Tensor[][] biasIh;
  private final Tensor[][] biasHh;
  private final Random dropoutRng;

  /**
   * @param kind  name used in messages ("LSTM")
   * @param gates gate blocks per weight matrix: 4 LSTM, 3 GRU, 1 RNN
   */
  protected RecurrentLayer(String kind, RecurrentConfig config, int gates, Random rng) {
    this.config = config;
    this.kind = kind;
    int H = config.hiddenSize(), D = config.directions(), L = config.numLayers();
    this.gateRows = gates * H;
    this.weightIh = new Tensor[L][D];
    this.weightHh = new Tensor[L][D];
    this.biasIh = new Tensor[L][D];
    this.biasHh = new Tensor[L][D];
    float bound = (float) (1.0 / Math.sqrt(H));
    for (int l = 0; l < L; l++) {
      int in = l == 0 ? config.inputSize() : D * H;
      for (int d = 0; d < D; d++) {
        String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
        weightIh[l][d] = registerParameter("weight_ih" + suffix, Tensor.uniform(rng, -bound, bound, gateRows, in));
        weightHh[l][d] = registerParameter("weight_hh" + suffix, Tensor.uniform(rng, -bound, bound, gateRows, H));
        if (config.bias()) {
          biasIh[l][d] = registerParameter("bias_ih" + suffix, Tensor.uniform(rng, -bound, bound, gateRows));
          biasHh[l][d] = registerParameter("bias_hh" + suffix, Tensor.uniform(rng, -bound, bound, gateRows));
        }
      }
    }
    this.dropoutRng = new Random(rng.nextLong());
  }

  public final RecurrentConfig config() {
    return config;
  }

  public final Tensor weightIh(int layer, int direction) {
    return weightIh[layer][direction];
  }

  public final Tensor weightHh(int layer, int direction) {
    return weightHh[layer][direction];
  }

  /** Null when the layer has no biases. */
  public final Tensor biasIh(int layer, int direction) {
    return biasIh[layer][direction];
  }

  /** Null when the layer has no biases. */
  public final Tensor biasHh(int layer, int direction) {
    return biasHh[layer][direction];
  }

  /**
   * One layer in one direction over time-major x (T, B, F). Returns {y (T, B, H), hT (B, H), cT (B, H) or null}.
   * {@code h0}/{@code c0} are (B, H) or null for zeros.
   */
  protected abstract Tensor[] runDirection(Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh,
                                           Tensor bHh, Tensor h0, Tensor c0);

  @Override
  protected void reseedOwn(long seed) {
    dropoutRng.setSeed(seed);
  }

  /** All sequences full length, zero initial states. */
  public final RecurrentOutput forward(Tensor input) {
    return run(input, null, null, null);
  }

  /** Variable lengths (B), in any order; zero initial states. */
  public final RecurrentOutput forward(Tensor input, int[] lengths) {
    return run(input, lengths, null, null);
  }

  /**
   * The stack from given initial states: the one forward every cell kind shares, so code that holds "some
   * recurrent layer" (a model, a trainer carrying state across truncated-BPTT chunks) never asks which.
   *
   * @param input   (T, B, I), or (B, T, I) when batch-first
   * @param lengths (B) or null for full length
   * @param h0      (L*D, B, H) or null for zeros
   * @param c0      (L*D, B, H) for an LSTM (or null for zeros); must be null for cells without a cell state
   */
  public final RecurrentOutput forward(Tensor input, int[] lengths, Tensor h0, Tensor c0) {
    return run(input, lengths, h0, c0);
  }

  /** Whether this layer carries a cell state (LSTM). */
  public boolean hasCellState() {
    return false;
  }

  /**
   * The full stack. {@code lengths} (B) may be null (all sequences full length); states (L*D, B, H) may be null.
   */
  protected final RecurrentOutput run(Tensor input, int[] lengths, Tensor h0, Tensor c0) {
    int H = config.hiddenSize(), D = config.directions(), L = config.numLayers();
    if (input.dim() != 3 || input.size(2) != config.inputSize()) {
      String layout = config.batchFirst() ? "(B, T, I=" : "(T, B, I=";
      throw new IllegalArgumentException(kind + " input must be " + layout + config.inputSize() + "), got "
          + input.shapeString() + (input.dim() == 2 ? "; for one unbatched sequence reshape it to add B=1" : ""));
    }
    Tensor x = config.batchFirst() ? Ops.transpose(input, 0, 1) : input;       // (T, B, I)
    int T = x.size(0), B = x.size(1);
    checkState("h0", h0, L * D, B, H);
    checkState("c0", c0, L * D, B, H);
    if (c0 != null && !hasCellState()) throw new IllegalArgumentException(kind + " has no cell state; pass c0 = null");
    SequencePlan plan = SequencePlan.of(T, B, lengths);

    List<Tensor> hN = new ArrayList<>(L * D);
    List<Tensor> cN = new ArrayList<>(L * D);
    Tensor layerInput = x;
    for (int l = 0; l < L; l++) {
      List<Tensor> outputs = new ArrayList<>(D);
      for (int d = 0; d < D; d++) {
        int s = l * D + d;
        Tensor h0s = h0 == null ? null : Ops.select(h0, 0, s);
        Tensor c0s = c0 == null ? null : Ops.select(c0, 0, s);
        Tensor in = d == 0 ? layerInput : SequenceReverse.apply(layerInput, plan);
        Tensor[] r = runDirection(in, plan, weightIh[l][d], weightHh[l][d], biasIh[l][d], biasHh[l][d], h0s, c0s);
        outputs.add(d == 0 ? r[0] : SequenceReverse.apply(r[0], plan));
        hN.add(Ops.reshape(r[1], 1, B, H));
        if (r.length > 2 && r[2] != null) cN.add(Ops.reshape(r[2], 1, B, H));
      }
      layerInput = D == 1 ? outputs.get(0) : Ops.concat(outputs, 2);          // (T, B, D*H)
      if (l < L - 1 && config.dropout() > 0f && isTraining()) {
        layerInput = Ops.dropout(layerInput, config.dropout(), true, dropoutRng);
      }
    }
    Tensor output = config.batchFirst() ? Ops.transpose(layerInput, 0, 1) : layerInput;
    Tensor hStack = hN.size() == 1 ? hN.get(0) : Ops.concat(hN, 0);
    Tensor cStack = cN.isEmpty() ? null : cN.size() == 1 ? cN.get(0) : Ops.concat(cN, 0);
    return new RecurrentOutput(output, hStack, cStack);
  }

  private void checkState(String name, Tensor state, int... expected) {
    if (state != null && !Arrays.equals(state.shape(), expected)) {
      throw new IllegalArgumentException(kind + " " + name + " must be (L*D=" + expected[0] + ", B=" + expected[1]
          + ", H=" + expected[2] + "), got " + state.shapeString());
    }
  }

  @Override
  public String toString() {
    return kind + "(" + config.inputSize() + ", " + config.hiddenSize() + ", numLayers=" + config.numLayers()
        + ", bias=" + config.bias() + ", batchFirst=" + config.batchFirst() + ", dropout=" + config.dropout()
        + ", bidirectional=" + config.bidirectional() + ")";
  }
}
