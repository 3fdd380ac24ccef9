package org.recurrent.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.models.Cell;
import org.recurrent.models.EchoStateNetwork;
import org.recurrent.models.Model;
import org.recurrent.models.MultiScaleModel;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.nn.MultiScaleRNN;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tasks.Task;
import org.recurrent.tensor.Tensor;

/**
 * How far back a model's gradient reaches: {@code ||dL/dh_t||} for the steps t of one batch, per layer and
 * direction of a {@code sequence} model, per delay group of a {@code multiscale} one, and through the fixed
 * reservoir of an {@code esn}.
 *
 * <p>The fused recurrent ops never hold dL/dh_t as a tensor, so the model is run again step by step (for
 * {@code sequence} each step is the layer's own fused op with T = 1 on a one-direction copy of that layer's
 * weights; for {@code multiscale} and {@code esn} the model's equations written with {@link Ops}), and the state
 * each step hands to the next gets a zero probe p added, a leaf that requires a gradient:
 * <pre>{@code
 * h~_t = h_t + p_t     (B, H)   what step t+1 (t + d_g for a delay group) reads; outputs read h_t itself
 * g(k) = (1/B) sum_b || dL / dp_{t, b} ||_2     k: the steps the direction still runs after h_t
 * }</pre>
 * so g(k) is the gradient of the task's loss with respect to the state a run continues from, k steps before the
 * direction's last step: for a forward direction h_{T-1-k} (k = T the zero initial state), for a reverse
 * direction (which runs T-1 .. 0) h_{k-1}. One backward gives every k. With one output per sequence it is the whole
 * dL/dh_t; with an output per step it leaves out the output at step t itself (it measures what the recurrence
 * carries forward). An LSTM's c_t gets no probe, so its curve is the gradient through h alone. The run's logits
 * are checked against the model's own forward (the replay is the model) before the gradient is read.
 */
public final class GradientFlow {
  private GradientFlow() {}

  /**
   * The gradient norms of one model on one batch.
   *
   * @param distances k of each column
   * @param norms     per curve ({@code layer 0}, {@code layer 0 reverse}, {@code delay 4}, {@code reservoir}),
   *                  g(k) for each k of {@code distances}
   */
  public record Curves(int[] distances, Map<String, double[]> norms) {}

  /**
   * What the replay of a {@code sequence} model saw, for gate saturation: per layer and direction, the input each
   * step read (B, I_l) and the state it started from (B, H), in the order the direction ran.
   */
  record Trace(Map<String, List<float[]>> inputs, Map<String, List<float[]>> states) {}

  /** The distances 1 .. min(16, T), then about 40 more spaced in log k, and T. */
  public static int[] distances(int T) {
    TreeSet<Integer> k = new TreeSet<>();
    for (int d = 1; d <= Math.min(16, T); d++) k.add(d);
    for (int i = 0; i <= 40 && T > 16; i++) {
      k.add((int) Math.round(Math.exp(Math.log(16) + i * (Math.log(T) - Math.log(16)) / 40)));
    }
    k.add(T);
    return k.stream().filter(d -> d >= 1 && d <= T).mapToInt(Integer::intValue).toArray();
  }

  /** The curves at the distances of {@link #distances} (up to T, or T - 1 for a multiscale model). */
  public static Curves measure(Model model, Task task, Batch batch) {
    return measure(model, task, batch, null, null);
  }

  /** As {@link #measure(Model, Task, Batch)}, keeping the replay's inputs and states in {@code trace}. */
  static Curves measure(Model model, Task task, Batch batch, int[] distances, Trace trace) {
    int T = batch.steps();
    for (int len : batch.lengths()) {
      if (len != T) throw new IllegalArgumentException("diagnose needs a batch of sequences of one length (the "
          + "long-memory tasks'); this batch has lengths from " + len + " to " + T);
    }
    boolean wasTraining = model.isTraining();
    model.eval();                                                   // no dropout: the measure is deterministic
    try {
      Tensor expected;
      try (var g = Autograd.noGrad()) {
        expected = model.forward(batch, null).logits();
      }
      Replay r = switch (model) {
        case SequenceModel m -> sequence(m, batch, trace);
        case MultiScaleModel m -> multiScale(m, batch);
        case EchoStateNetwork m -> echoState(m, batch);
        default -> throw new IllegalArgumentException("diagnose measures the state gradients of model.kind sequence, "
            + "multiscale and esn; this model is kind " + model.kind());
      };
      checkSame(expected, r.logits());
      task.loss(r.logits(), batch, null).backward();
      int maxK = r.probes().values().iterator().next().length;
      int[] ks = distances != null ? distances : distances(maxK);
      Map<String, double[]> norms = new LinkedHashMap<>();
      for (var e : r.probes().entrySet()) {
        double[] g = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
          if (ks[i] < 1 || ks[i] > maxK) throw new IllegalArgumentException("distance " + ks[i] + " outside 1.." + maxK);
          g[i] = meanNorm(e.getValue()[ks[i] - 1], batch.size(), r.units().get(e.getKey()));
        }
        norms.put(e.getKey(), g);
      }
      return new Curves(ks.clone(), norms);
    } finally {
      model.zeroGrad();
      model.train(wasTraining);
    }
  }

  /**
   * A model run again step by step.
   *
   * @param logits what the model's forward gives
   * @param probes per curve, the probe of distance k at index k - 1
   * @param units  per curve, the units [from, to) of each probe's H whose norm the curve takes
   */
  private record Replay(Tensor logits, Map<String, Tensor[]> probes, Map<String, int[]> units) {}

  /** (1/B) sum_b ||grad[b, from..to)|| of a probe (1, B, H). */
  private static double meanNorm(Tensor probe, int B, int[] units) {
    float[] d = probe.gradData();
    if (d == null) return 0;                                        // no path from this state to the loss
    int H = probe.size(probe.dim() - 1);
    double sum = 0;
    for (int b = 0; b < B; b++) {
      double sq = 0;
      for (int j = units[0]; j < units[1]; j++) sq += (double) d[b * H + j] * d[b * H + j];
      sum += Math.sqrt(sq);
    }
    return sum / B;
  }

  private static void checkSame(Tensor expected, Tensor replayed) {
    float[] a = expected.data(), b = replayed.data();
    if (!Arrays.equals(expected.shape(), replayed.shape())) {
      throw new IllegalStateException("diagnose's step-by-step replay gives logits " + replayed.shapeString()
          + ", the model " + expected.shapeString());
    }
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - b[i]) <= 1e-4f * (1 + Math.abs(a[i])))) {
        throw new IllegalStateException("diagnose's step-by-step replay differs from the model's forward at logit " + i
            + ": " + b[i] + " against " + a[i]);
      }
    }
  }

  private static Tensor probe(int B, int H) {
    return Tensor.zeros(1, B, H).requiresGrad(true);
  }

  private static Tensor step(Tensor x, int t) {
    return Ops.slice(x, 0, t, t + 1);                               // (1, B, F)
  }

  /**
   * A {@code sequence} model: each layer and direction replayed by a one-direction copy of its weights, one fused
   * step at a time; layer l + 1 reads layer l's outputs (directions concatenated), the head what the model's head
   * reads (the top layer's last states, their mean, or every step's output).
   */
  private static Replay sequence(SequenceModel m, Batch batch, Trace trace) {
    SequenceModelConfig c = m.config();
    int T = batch.steps(), B = batch.size(), H = c.hiddenSize(), L = c.numLayers(), D = c.directions();
    boolean lstm = c.cell() == Cell.LSTM;
    Tensor x;
    try (var g = Autograd.noGrad()) {
      x = m.recurrentInput(batch, null);                            // (T, B, I)
    }
    Map<String, Tensor[]> probes = new LinkedHashMap<>();
    Map<String, int[]> units = new LinkedHashMap<>();
    RecurrentLayer layer = m.recurrent();
    Tensor[] last = new Tensor[D];                                  // the top layer's final state per direction
    for (int l = 0; l < L; l++) {
      int in = x.size(2);
      Tensor[][] out = new Tensor[D][T];                            // (1, B, H) per step, in time order
      for (int d = 0; d < D; d++) {
        String name = "layer " + l + (D == 2 ? (d == 0 ? " forward" : " reverse") : "");
        RecurrentLayer view = c.cell().build(RecurrentConfig.of(in, H), new Random(0));
        copy(layer.weightIh(l, d), view.weightIh(0, 0));
        copy(layer.weightHh(l, d), view.weightHh(0, 0));
        copy(layer.biasIh(l, d), view.biasIh(0, 0));
        copy(layer.biasHh(l, d), view.biasHh(0, 0));
        Tensor[] p = new Tensor[T];                                 // p[k-1]: the state with k steps still to run
        Tensor h = null, cell = lstm ? Tensor.zeros(1, B, H) : null;
        List<float[]> seenInputs = new ArrayList<>(), seenStates = new ArrayList<>();
        for (int j = 0; j < T; j++) {                               // the j-th step this direction runs
          int t = d == 0 ? j : T - 1 - j;
          Tensor pj = probe(B, H);
          p[T - 1 - j] = pj;                                        // T - j steps still to run, this one included
          Tensor hIn = h == null ? pj : Ops.add(h, pj);
          Tensor xt = step(x, t);
          if (trace != null) {
            seenInputs.add(xt.data().clone());
            seenStates.add(h == null ? new float[B * H] : h.data().clone());
          }
          RecurrentOutput r = view.forward(xt, null, hIn, cell);
          out[d][t] = r.output();
          h = r.hN();
          cell = lstm ? r.cN() : null;
        }
        last[d] = h;
        probes.put(name, p);
        units.put(name, new int[] {0, H});
        if (trace != null) {
          trace.inputs().put("layer " + l + (d == 1 ? " reverse" : ""), seenInputs);
          trace.states().put("layer " + l + (d == 1 ? " reverse" : ""), seenStates);
        }
      }
      List<Tensor> steps = new ArrayList<>(T);
      for (int t = 0; t < T; t++) steps.add(D == 1 ? out[0][t] : Ops.concat(List.of(out[0][t], out[1][t]), 2));
      x = Ops.concat(steps, 0);                                     // (T, B, D*H): the next layer's input
    }
    Tensor top;
    if (c.perStep()) {
      top = x;
    } else if (c.pooling() == Pooling.MEAN) {
      top = Ops.maskedMean(x, batch.lengths());
    } else {
      Tensor f = Ops.reshape(last[0], B, H);
      top = D == 1 ? f : Ops.concat(List.of(f, Ops.reshape(last[1], B, H)), 1);
    }
    return new Replay(m.head(top), probes, units);
  }

  private static void copy(Tensor from, Tensor to) {
    System.arraycopy(from.data(), 0, to.data(), 0, from.numel());
  }

  /**
   * A {@code multiscale} model, its equation replayed: group g of step t reads the state d_g steps back,
   * {@code a_t^g = W_ih[g] x_t + b_ih[g] + W_hh[g] h~_{t-d_g} + b_hh[g]}, {@code h_t = act(a_t)}. One curve per
   * group, the norm over that group's units of dL/dp_t: how far back the gradient reaching the group reaches. The
   * last state hands nothing on, so k runs 1 .. T-1.
   */
  private static Replay multiScale(MultiScaleModel m, Batch batch) {
    var spec = m.spec();
    MultiScaleRNN rnn = m.recurrent();
    int T = batch.steps(), B = batch.size(), H = rnn.hiddenSize(), G = spec.delays().size(), Hg = spec.groupSize();
    if (T < 2) throw new IllegalArgumentException("diagnose needs sequences of at least 2 steps, got " + T);
    Tensor x = batch.features();                                    // (T, B, I)
    Tensor wIh = constant(rnn.weightIh()), bIh = constant(rnn.biasIh()), bHh = constant(rnn.biasHh());
    Tensor[] wHh = new Tensor[G];                                   // (H_g, H) rows of group g
    for (int g = 0; g < G; g++) {
      wHh[g] = Tensor.of(Arrays.copyOfRange(rnn.weightHh().data(), g * Hg * H, (g + 1) * Hg * H), Hg, H);
    }
    Tensor[] carried = new Tensor[T];                               // h~_t = h_t + p_t, (B, H)
    Tensor[] p = new Tensor[T - 1];
    List<Tensor> outputs = new ArrayList<>(T);
    Tensor h = null;
    for (int t = 0; t < T; t++) {
      Tensor a = Ops.add(Ops.linear(Ops.reshape(step(x, t), B, x.size(2)), wIh, bIh), broadcast(bHh, B));
      List<Tensor> rec = new ArrayList<>(G);
      for (int g = 0; g < G; g++) {
        int from = t - spec.delays().get(g);
        rec.add(from < 0 ? Tensor.zeros(B, Hg) : Ops.linear(carried[from], wHh[g], null));
      }
      a = Ops.add(a, G == 1 ? rec.get(0) : Ops.concat(rec, 1));
      h = spec.relu() ? Ops.relu(a) : Ops.tanh(a);                  // (B, H)
      outputs.add(Ops.reshape(h, 1, B, H));
      if (t < T - 1) {
        p[T - 2 - t] = probe(B, H);                                 // T - 1 - t steps still to run after h_t
        carried[t] = Ops.add(h, Ops.reshape(p[T - 2 - t], B, H));
      }
    }
    Tensor logits = m.head().forward(spec.perStep() ? Ops.concat(outputs, 0) : h);
    Map<String, Tensor[]> probes = new LinkedHashMap<>();
    Map<String, int[]> units = new LinkedHashMap<>();
    for (int g = 0; g < G; g++) {
      String name = "delay " + spec.delays().get(g) + (countOf(spec.delays(), spec.delays().get(g)) > 1 ? " #" + g : "");
      probes.put(name, p);
      units.put(name, new int[] {g * Hg, (g + 1) * Hg});
    }
    return new Replay(logits, probes, units);
  }

  private static long countOf(List<Integer> list, int v) {
    return list.stream().filter(d -> d == v).count();
  }

  /**
   * An {@code esn}, its reservoir replayed: {@code h_t = (1 - a) h~_{t-1} + a tanh(W_in x_t + W h~_{t-1})} and the
   * fitted read-out. The reservoir is fixed and the read-out was fitted in closed form, so no training ever used
   * this gradient: it shows how far back the fitted read-out's loss still depends on the reservoir's state, the
   * reservoir's fading memory set by its spectral radius and leak.
   */
  private static Replay echoState(EchoStateNetwork m, Batch batch) {
    var spec = m.spec();
    int T = batch.steps(), B = batch.size(), N = spec.reservoirSize(), K = spec.outputSize();
    var sd = m.stateDict();
    Tensor wIn = constant(sd.get("weight_ih_l0")), w = constant(sd.get("weight_hh_l0"));
    Tensor x = batch.features();
    float a = (float) spec.leakRate();
    Tensor[] p = new Tensor[T];
    List<Tensor> states = new ArrayList<>(T);
    Tensor h = null;
    for (int t = 0; t < T; t++) {
      Tensor pt = probe(B, N);
      p[T - 1 - t] = pt;                                            // T - t steps still to run from h~_{t-1}
      Tensor hIn = h == null ? Ops.reshape(pt, B, N) : Ops.add(h, Ops.reshape(pt, B, N));
      Tensor pre = Ops.add(Ops.linear(Ops.reshape(step(x, t), B, x.size(2)), wIn, null), Ops.linear(hIn, w, null));
      h = Ops.add(Ops.scale(hIn, 1 - a), Ops.scale(Ops.tanh(pre), a));
      states.add(h);
    }
    Tensor logits = spec.perStep()
        ? Ops.reshape(m.logits(Ops.concat(states, 0)), T, B, K)    // (T*B, N) -> (T, B, K)
        : m.logits(h);
    return new Replay(logits, Map.of("reservoir", p), Map.of("reservoir", new int[] {0, N}));
  }

  private static Tensor constant(Tensor t) {
    return Tensor.of(t.data().clone(), t.shape());
  }

  private static Tensor broadcast(Tensor bias, int B) {
    int G = bias.numel();
    float[] out = new float[B * G];
    for (int b = 0; b < B; b++) System.arraycopy(bias.data(), 0, out, b * G, G);
    return Tensor.of(out, B, G);
  }
}
