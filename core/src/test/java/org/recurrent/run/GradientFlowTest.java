package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.TargetLayout;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.data.BatchInput;
import org.recurrent.data.synthetic.CopyTask;
import org.recurrent.models.EchoStateConfig;
import org.recurrent.models.EchoStateNetwork;
import org.recurrent.models.MultiScaleConfig;
import org.recurrent.models.MultiScaleModel;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskRegistry;

/** {@link GradientFlow}: dL/dh_t against finite differences computed apart, and what it shows about tanh vs LSTM. */
class GradientFlowTest {
  static final Task REGRESSION = TaskRegistry.standard().get("regression");

  private static Batch adding(int T, int B, long seed) {
    return new Batcher(new AddingProblem(T).generate(B, seed).examples(), BatchPlan.of(B), new TargetLayout(false, 1))
        .batch(0, 0);
  }

  private static SequenceModel model(Cell cell, int H, int layers, long seed) {
    return new SequenceModel(new SequenceModelConfig(cell, 2, 0, 0, -1, H, layers, false, 0f, OutputMode.SEQUENCE,
        Pooling.LAST, 1), new Random(seed));
  }

  /** L = (1/B) sum_b (W_head h_{T-1} + b_head - y)^2 of a one-layer tanh RNN, in double, from h_s on. */
  private static double lossFrom(double[][] w, int s, double[][] hStart, Batch batch) {
    double[] wIh = w[0], wHh = w[1], bIh = w[2], bHh = w[3], head = w[4];
    int T = batch.steps(), B = batch.size(), H = bIh.length;
    double loss = 0;
    for (int b = 0; b < B; b++) {
      double[] h = hStart[b].clone();
      for (int t = s; t < T; t++) {
        double[] next = new double[H];
        for (int u = 0; u < H; u++) {
          double a = bIh[u] + bHh[u];
          for (int i = 0; i < 2; i++) a += wIh[u * 2 + i] * batch.features().data()[(t * B + b) * 2 + i];
          for (int j = 0; j < H; j++) a += wHh[u * H + j] * h[j];
          next[u] = Math.tanh(a);
        }
        h = next;
      }
      double y = head[H];
      for (int j = 0; j < H; j++) y += head[j] * h[j];
      loss += (y - batch.targets()[b]) * (y - batch.targets()[b]);
    }
    return loss / B;
  }

  @Test
  void perStepNormsMatchFiniteDifferencesOfAnIndependentForward() {
    int T = 7, B = 3, H = 4;
    SequenceModel m = model(Cell.RNN_TANH, H, 1, 5);
    Batch batch = adding(T, B, 2);
    var sd = m.stateDict();
    double[] head = new double[H + 1];
    for (int j = 0; j < H; j++) head[j] = sd.get("head.weight").data()[j];
    head[H] = sd.get("head.bias").data()[0];
    double[][] w = {toDouble(sd.get("rnn.weight_ih_l0").data()), toDouble(sd.get("rnn.weight_hh_l0").data()),
        toDouble(sd.get("rnn.bias_ih_l0").data()), toDouble(sd.get("rnn.bias_hh_l0").data()), head};
    GradientFlow.Curves curves = GradientFlow.measure(m, REGRESSION, batch);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7}, curves.distances());
    double eps = 1e-6;
    for (int i = 0; i < curves.distances().length; i++) {
      int k = curves.distances()[i], s = T - k;                 // the state after steps 0 .. s-1
      double[][] hs = new double[B][];
      for (int b = 0; b < B; b++) hs[b] = statesAfter(w, s, batch, b);
      double mean = 0;
      for (int b = 0; b < B; b++) {
        double sq = 0;
        for (int j = 0; j < H; j++) {
          double[][] plus = copy(hs), minus = copy(hs);
          plus[b][j] += eps;
          minus[b][j] -= eps;
          double d = (lossFrom(w, s, plus, batch) - lossFrom(w, s, minus, batch)) / (2 * eps);
          sq += d * d;
        }
        mean += Math.sqrt(sq) / B;
      }
      double got = curves.norms().get("layer 0")[i];
      assertEquals(mean, got, 1e-4 + 1e-3 * mean, "||dL/dh|| at distance " + k);
    }
  }

  @Test
  void aTanhRnnsGradientDecaysWithDistanceFasterThanAnLstms() {
    int T = 100;
    Batch batch = adding(T, 16, 3);
    double tanh = reach(GradientFlow.measure(model(Cell.RNN_TANH, 32, 1, 1), REGRESSION, batch));
    double lstm = reach(GradientFlow.measure(model(Cell.LSTM, 32, 1, 1), REGRESSION, batch));
    // g(100) / g(1) at PyTorch's init, seen: tanh 1.1e-26, LSTM 5.3e-20 (forget gate ~0.5); a margin of 1e3
    assertTrue(tanh < 1e-3 * lstm, "tanh g(T)/g(1) = " + tanh + ", LSTM " + lstm);
  }

  @Test
  void refusesBatchesOfSeveralLengths() {
    var batch = new Batcher(java.util.List.of(new AddingProblem(5).generate(1, 1).examples().get(0),
        new AddingProblem(8).generate(1, 1).examples().get(0)), BatchPlan.of(2), new TargetLayout(false, 1)).batch(0, 0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> GradientFlow.measure(model(Cell.GRU, 3, 1, 1), REGRESSION, batch));
    assertTrue(e.getMessage().contains("sequences of one length"), e.getMessage());
  }

  private static double reach(GradientFlow.Curves c) {
    double[] g = c.norms().get("layer 0");
    return g[g.length - 1] / g[0];
  }

  private static double[] statesAfter(double[][] w, int s, Batch batch, int b) {
    int H = w[2].length, B = batch.size();
    double[] h = new double[H];
    for (int t = 0; t < s; t++) {
      double[] next = new double[H];
      for (int u = 0; u < H; u++) {
        double a = w[2][u] + w[3][u];
        for (int i = 0; i < 2; i++) a += w[0][u * 2 + i] * batch.features().data()[(t * B + b) * 2 + i];
        for (int j = 0; j < H; j++) a += w[1][u * H + j] * h[j];
        next[u] = Math.tanh(a);
      }
      h = next;
    }
    return h;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  /** The loss of a batch with the carried state of k steps still to run moved by delta at (sequence b, unit j). */
  private interface PerturbedLoss {
    double at(int k, int b, int j, float delta);
  }

  /**
   * Checks every g(k) of {@code curve} against central differences of {@code loss} over units [from, to): the
   * mean over the batch of each sequence's gradient norm. The models are float32, so eps is 1e-2 and the tolerance
   * 2% (plus 1e-5): a wrong step, direction, group or missing path is off by far more.
   */
  private static void matchesFiniteDifferences(GradientFlow.Curves curves, String curve, int B, int from, int to,
                                               PerturbedLoss loss) {
    float eps = 1e-2f;
    double[] got = curves.norms().get(curve);
    assertTrue(got != null, curve + " missing from " + curves.norms().keySet());
    for (int i = 0; i < curves.distances().length; i++) {
      int k = curves.distances()[i];
      double mean = 0;
      for (int b = 0; b < B; b++) {
        double sq = 0;
        for (int j = from; j < to; j++) {
          double d = (loss.at(k, b, j, eps) - loss.at(k, b, j, -eps)) / (2 * eps);
          sq += d * d;
        }
        mean += Math.sqrt(sq) / B;
      }
      assertEquals(mean, got[i], 1e-5 + 2e-2 * mean, curve + ": ||dL/dh|| at distance " + k);
    }
  }

  /** Steps [from, from + count) of a batch; the targets stay the batch's. */
  private static Batch slice(Batch batch, int from, int count) {
    java.util.Map<String, BatchInput> inputs = new java.util.LinkedHashMap<>();
    for (var in : batch.inputs().entrySet()) inputs.put(in.getKey(), in.getValue().slice(from, count));
    int[] lengths = new int[batch.size()];
    java.util.Arrays.fill(lengths, count);
    return new Batch(batch.indices(), count, inputs, lengths, batch.targets(), batch.targetWidth(), batch.perStep(),
        false);
  }

  private static Tensor moved(Tensor state, int b, int j, float delta) {
    Tensor s = state.copy();
    int H = s.size(s.dim() - 1);
    s.data()[b * H + j] += delta;
    return s;
  }

  private static RecurrentLayer direction(SequenceModel m, Cell cell, int in, int H, String suffix) {
    RecurrentLayer r = cell.build(RecurrentConfig.of(in, H), new Random(0));
    var sd = m.stateDict();
    System.arraycopy(sd.get("rnn.weight_ih_l0" + suffix).data(), 0, r.weightIh(0, 0).data(), 0, r.weightIh(0, 0).numel());
    System.arraycopy(sd.get("rnn.weight_hh_l0" + suffix).data(), 0, r.weightHh(0, 0).data(), 0, r.weightHh(0, 0).numel());
    System.arraycopy(sd.get("rnn.bias_ih_l0" + suffix).data(), 0, r.biasIh(0, 0).data(), 0, r.biasIh(0, 0).numel());
    System.arraycopy(sd.get("rnn.bias_hh_l0" + suffix).data(), 0, r.biasHh(0, 0).data(), 0, r.biasHh(0, 0).numel());
    return r;
  }

  /** The state of a one-direction layer after steps [0, s) of x (T, B, I) and then, moved, over [s, T). */
  private static Tensor runFrom(RecurrentLayer r, Tensor x, int s, int b, int j, float delta, int B, int H) {
    int T = x.size(0);
    Tensor h = s == 0 ? Tensor.zeros(1, B, H) : r.forward(Ops.slice(x, 0, 0, s), null, null, null).hN();
    h = moved(h, b, j, delta);
    return r.forward(Ops.slice(x, 0, s, T), null, h, null).hN();
  }

  private static Tensor reversed(Tensor x) {
    int T = x.size(0);
    java.util.List<Tensor> steps = new java.util.ArrayList<>();
    for (int t = T - 1; t >= 0; t--) steps.add(Ops.slice(x, 0, t, t + 1));
    return Ops.concat(steps, 0);
  }

  @Test
  void bidirectionalCurvesPerDirectionMatchFiniteDifferencesOfEachDirectionRunApart() {
    int T = 6, B = 2, H = 3;
    SequenceModel m = new SequenceModel(new SequenceModelConfig(Cell.GRU, 2, 0, 0, -1, H, 1, true, 0f,
        OutputMode.SEQUENCE, Pooling.LAST, 1), new Random(7));
    Batch batch = adding(T, B, 4);
    GradientFlow.Curves curves = GradientFlow.measure(m, REGRESSION, batch);
    assertEquals(java.util.List.of("layer 0 forward", "layer 0 reverse"), java.util.List.copyOf(curves.norms().keySet()));
    RecurrentLayer fw = direction(m, Cell.GRU, 2, H, ""), rv = direction(m, Cell.GRU, 2, H, "_reverse");
    Tensor x = batch.features(), xr = reversed(x);
    float[] head = m.stateDict().get("head.weight").data();
    float bias = m.stateDict().get("head.bias").data()[0];
    // the head reads [h_forward(T-1), h_reverse(0)]; the reverse direction runs over x reversed in time
    java.util.function.BiFunction<Tensor, Tensor, Double> mse = (f, r) -> {
      double loss = 0;
      for (int b = 0; b < B; b++) {
        double y = bias;
        for (int u = 0; u < H; u++) y += head[u] * f.data()[b * H + u] + head[H + u] * r.data()[b * H + u];
        loss += (y - batch.targets()[b]) * (y - batch.targets()[b]);
      }
      return loss / B;
    };
    Tensor fwFinal = fw.forward(x, null, null, null).hN(), rvFinal = rv.forward(xr, null, null, null).hN();
    matchesFiniteDifferences(curves, "layer 0 forward", B, 0, H,
        (k, b, j, d) -> mse.apply(runFrom(fw, x, T - k, b, j, d, B, H), rvFinal));
    matchesFiniteDifferences(curves, "layer 0 reverse", B, 0, H,
        (k, b, j, d) -> mse.apply(fwFinal, runFrom(rv, xr, T - k, b, j, d, B, H)));
  }

  @Test
  void perStepCurvesMatchFiniteDifferencesOfTheModelContinuingFromAMovedState() {
    int T = 3, K = 2, A = 3, B = 2, H = 4;                         // copy: T + 2K = 7 steps, A + 2 inputs
    CopyTask copy = new CopyTask(T, K, A);
    Batch batch = new Batcher(copy.generate(B, 3).examples(), BatchPlan.of(B), new TargetLayout(true, 1)).batch(0, 0);
    Task tagging = TaskRegistry.standard().get("tagging");
    SequenceModel m = new SequenceModel(new SequenceModelConfig(Cell.RNN_TANH, A + 2, 0, 0, -1, H, 1, false, 0f,
        OutputMode.PER_STEP, Pooling.LAST, A + 1), new Random(2));
    GradientFlow.Curves curves = GradientFlow.measure(m, tagging, batch);
    int steps = batch.steps();
    assertEquals(steps, curves.distances().length);
    matchesFiniteDifferences(curves, "layer 0", B, 0, H, (k, b, j, d) -> {
      int s = steps - k;                                            // the state carried into step s, moved
      Tensor prefix = s == 0 ? null : m.forward(slice(batch, 0, s), null).logits();      // (s, B, K)
      Tensor h = s == 0 ? Tensor.zeros(1, B, H) : m.forward(slice(batch, 0, s), null).state().hN();
      Tensor rest = m.forward(slice(batch, s, steps - s), new RecurrentOutput(null, moved(h, b, j, d), null)).logits();
      Tensor logits = prefix == null ? rest : Ops.concat(java.util.List.of(prefix, rest), 0);
      return tagging.loss(logits, batch, null).item();
    });
  }

  @Test
  void echoStateCurveMatchesFiniteDifferencesThroughTheFixedReservoir() {
    int T = 8, B = 2, N = 6;
    EchoStateNetwork esn = (EchoStateNetwork) TrainingRun.initialModel(org.recurrent.models.ModelRegistry.standard()
        .get("esn"), new EchoStateConfig(2, N, 0.3, 0.9, 1.0, 0.6, 0, java.util.List.of(1e-6), OutputMode.SEQUENCE, 1), 5);
    float[] w = esn.stateDict().get("readout.weight").data();         // unfitted read-out: give it weights
    for (int i = 0; i < w.length; i++) w[i] = 0.5f - 0.2f * i;
    Batch batch = adding(T, B, 6);
    GradientFlow.Curves curves = GradientFlow.measure(esn, REGRESSION, batch);
    assertEquals(java.util.List.of("reservoir"), java.util.List.copyOf(curves.norms().keySet()));
    matchesFiniteDifferences(curves, "reservoir", B, 0, N, (k, b, j, d) -> {
      int s = T - k;
      Tensor h = s == 0 ? Tensor.zeros(1, B, N) : esn.forward(slice(batch, 0, s), null).state().hN();
      Tensor y = esn.forward(slice(batch, s, T - s), new RecurrentOutput(null, moved(h, b, j, d), null)).logits();
      return REGRESSION.loss(y, batch, null).item();
    });
    double[] g = curves.norms().get("reservoir");
    assertTrue(g[g.length - 1] < g[0], "a reservoir of spectral radius 0.9 forgets: g(T) " + g[g.length - 1]
        + " below g(1) " + g[0]);
  }

  @Test
  void multiScaleCurvesPerDelayGroupMatchFiniteDifferencesOfAnIndependentForward() {
    int T = 7, B = 2, Hg = 2;
    int[] delays = {1, 3};
    MultiScaleModel m = new MultiScaleModel(new MultiScaleConfig(2, java.util.List.of(1, 3), Hg, "tanh",
        OutputMode.SEQUENCE, 1), new Random(9));
    Batch batch = adding(T, B, 8);
    GradientFlow.Curves curves = GradientFlow.measure(m, REGRESSION, batch);
    assertEquals(java.util.List.of("delay 1", "delay 3"), java.util.List.copyOf(curves.norms().keySet()));
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, curves.distances(), "the last state hands nothing on");
    var sd = m.stateDict();
    double[] wIh = toDouble(sd.get("rnn.weight_ih_l0").data()), wHh = toDouble(sd.get("rnn.weight_hh_l0").data());
    double[] bIh = toDouble(sd.get("rnn.bias_ih_l0").data()), bHh = toDouble(sd.get("rnn.bias_hh_l0").data());
    double[] head = toDouble(sd.get("head.weight").data());
    double headBias = sd.get("head.bias").data()[0];
    int H = 2 * Hg;
    // h_t = tanh(W_ih x_t + b_ih + b_hh + W_hh[g] h~_{t-d_g} per group); h~_s = h_s + delta at (b, j) for one s
    PerturbedLoss loss = (k, pb, pj, delta) -> {
      int moved = T - 1 - k;
      double total = 0;
      for (int b = 0; b < B; b++) {
        double[][] h = new double[T][];
        for (int t = 0; t < T; t++) {
          h[t] = new double[H];
          for (int u = 0; u < H; u++) {
            int g = u / Hg;
            double a = bIh[u] + bHh[u];
            for (int i = 0; i < 2; i++) a += wIh[u * 2 + i] * batch.features().data()[(t * B + b) * 2 + i];
            int from = t - delays[g];
            if (from >= 0) {
              for (int v = 0; v < H; v++) {
                double hv = h[from][v] + (from == moved && b == pb && v == pj ? delta : 0);
                a += wHh[u * H + v] * hv;
              }
            }
            h[t][u] = Math.tanh(a);
          }
        }
        double y = headBias;
        for (int u = 0; u < H; u++) y += head[u] * h[T - 1][u];
        total += (y - batch.targets()[b]) * (y - batch.targets()[b]);
      }
      return total / B;
    };
    matchesFiniteDifferences(curves, "delay 1", B, 0, Hg, loss);
    matchesFiniteDifferences(curves, "delay 3", B, Hg, H, loss);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }
}
