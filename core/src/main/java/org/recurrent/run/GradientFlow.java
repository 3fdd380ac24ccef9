package org.recurrent.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchInput;
import org.recurrent.models.Cell;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tasks.Task;
import org.recurrent.tensor.Tensor;

/**
 * How far back a model's gradient reaches: {@code ||dL/dh^l_t||} for the steps t of one batch and every layer l of
 * a unidirectional {@link SequenceModel} with one output per sequence.
 *
 * <p>The fused recurrent ops never hold dL/dh_t as a tensor, so it is measured as what it is, the gradient with
 * respect to the state a run continues from: the stack is run over steps 0 .. t (no gradient) to get every layer's
 * state h_t (and c_t), then from that state, made a leaf that requires a gradient, over steps t+1 .. T-1, and the
 * task's loss is back-propagated.
 * <pre>{@code
 * g^l(k) = (1/B) sum_b || dL / dh^l_{T-1-k, b} ||_2        k = 1 .. T: distance from the last step T-1
 * }</pre>
 * (k = T is the zero initial state h_{-1}; c_t is held fixed, so for an LSTM it is the gradient through h alone).
 * The loss is the task's batch mean, the one training back-propagates. Each distance costs a run of k steps; the
 * distances measured are 1 .. 16 and then about 40 more, spaced evenly in log k, up to T.
 */
public final class GradientFlow {
  private GradientFlow() {}

  /**
   * The gradient norms of one model on one batch.
   *
   * @param distances k of each column
   * @param norms     per layer ({@code layer 0}, {@code layer 1} ...), g^l(k) for each k of {@code distances}
   */
  public record Curves(int[] distances, Map<String, double[]> norms) {}

  /** The distances 1 .. min(16, T), then about 40 more spaced in log k, and T. */
  public static int[] distances(int T) {
    TreeSet<Integer> k = new TreeSet<>();
    for (int d = 1; d <= Math.min(16, T); d++) k.add(d);
    for (int i = 0; i <= 40; i++) k.add((int) Math.round(Math.exp(Math.log(16) + i * (Math.log(T) - Math.log(16)) / 40)));
    k.add(T);
    return k.stream().filter(d -> d >= 1 && d <= T).mapToInt(Integer::intValue).toArray();
  }

  public static Curves measure(SequenceModel model, Task task, Batch batch) {
    return measure(model, task, batch, distances(batch.steps()));
  }

  /** As {@link #measure(SequenceModel, Task, Batch)} at the given distances, each in 1 .. T. */
  public static Curves measure(SequenceModel model, Task task, Batch batch, int[] distances) {
    SequenceModelConfig c = model.config();
    if (c.perStep()) {
      throw new IllegalArgumentException("diagnose measures dL/dh_t for models with one output per sequence; this one "
          + "answers at every step (model.output per_step)");
    }
    if (c.bidirectional()) {
      throw new IllegalArgumentException("diagnose measures dL/dh_t through one direction; this model is bidirectional");
    }
    int T = batch.steps(), B = batch.size(), H = c.hiddenSize(), L = c.numLayers();
    for (int len : batch.lengths()) {
      if (len != T) throw new IllegalArgumentException("diagnose needs a batch of sequences of one length (the "
          + "long-memory tasks'); this batch has lengths from " + len + " to " + T);
    }
    boolean lstm = c.cell() == Cell.LSTM;
    boolean wasTraining = model.isTraining();
    model.eval();                                                   // no dropout: the measure is deterministic
    try {
      RecurrentOutput[] states = new RecurrentOutput[T];            // states[s]: every layer after steps 0 .. s-1
      try (var g = Autograd.noGrad()) {
        for (int s = 1; s < T; s++) states[s] = model.forward(slice(batch, s - 1, 1), states[s - 1]).state();
      }
      Map<String, double[]> norms = new LinkedHashMap<>();
      for (int l = 0; l < L; l++) norms.put("layer " + l, new double[distances.length]);
      List<String> layers = new ArrayList<>(norms.keySet());
      for (int i = 0; i < distances.length; i++) {
        int k = distances[i], s = T - k;                            // h_{s-1} = h_{T-1-k}
        if (k < 1 || k > T) throw new IllegalArgumentException("distance " + k + " outside 1.." + T);
        Tensor h0 = (s == 0 ? Tensor.zeros(L, B, H) : states[s].hN().copy()).requiresGrad(true);
        Tensor c0 = !lstm ? null : s == 0 ? Tensor.zeros(L, B, H) : states[s].cN().copy();
        Batch rest = slice(batch, s, T - s);
        Tensor loss = task.loss(model.forward(rest, new RecurrentOutput(null, h0, c0)).logits(), rest, null);
        loss.backward();
        float[] dh = h0.gradData();                                 // (L, B, H)
        for (int l = 0; l < L; l++) {
          double sum = 0;
          for (int b = 0; b < B; b++) {
            double sq = 0;
            for (int j = 0; j < H; j++) {
              double v = dh[(l * B + b) * H + j];
              sq += v * v;
            }
            sum += Math.sqrt(sq);
          }
          norms.get(layers.get(l))[i] = sum / B;
        }
        model.zeroGrad();
      }
      return new Curves(distances.clone(), norms);
    } finally {
      model.zeroGrad();
      model.train(wasTraining);
    }
  }

  /** Steps [from, from + count) of a batch of one output per sequence (the targets stay the sequence's). */
  static Batch slice(Batch batch, int from, int count) {
    Map<String, BatchInput> inputs = new LinkedHashMap<>();
    for (var in : batch.inputs().entrySet()) inputs.put(in.getKey(), in.getValue().slice(from, count));
    int[] lengths = new int[batch.size()];
    java.util.Arrays.fill(lengths, count);
    return new Batch(batch.indices(), count, inputs, lengths, batch.targets(), batch.targetWidth(), false, false);
  }
}
