package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

/**
 * Cells against an independent reference: {@link Reference}, plain double-precision loops written here from the
 * equations of {@code torch.nn.LSTMCell}, {@code GRUCell} and {@code RNNCell} (and the reset-before GRU of Cho et
 * al. 2014), sharing no code with the library's kernels; and small cases worked out by hand. Then finite-difference
 * gradients, PyTorch's keys and shape errors.
 */
class RecurrentCellTest {
  static final int B = 3, I = 5, H = 7, T = 4;
  /** float32 cell against the double reference, several steps of O(1) values: a wrong term is off by O(0.1). */
  static final double TOL = 1e-5;

  /**
   * Each weight matrix stacks its gate blocks by rows, in PyTorch's order: LSTM [i f g o], GRU [r z n], so
   * {@code W_ih} is (G, I) with block q in rows q*H .. q*H+H-1. All arrays are one batch row.
   */
  static final class Reference {
    private Reference() {}

    /** W v + b for one row v: (G, K) times (K) plus (G); b may be null. */
    static double[] affine(Tensor w, Tensor b, double[] v) {
      int rows = w.size(0), cols = w.size(1);
      double[] out = new double[rows];
      for (int j = 0; j < rows; j++) {
        double s = b == null ? 0 : b.data()[j];
        for (int k = 0; k < cols; k++) s += (double) w.data()[j * cols + k] * v[k];
        out[j] = s;
      }
      return out;
    }

    static double sigmoid(double v) {
      return 1 / (1 + Math.exp(-v));
    }

    /** torch.nn.LSTMCell: returns {h', c'}. */
    static double[][] lstm(RecurrentCell cell, double[] x, double[] h, double[] c) {
      double[] gx = affine(cell.weightIh, cell.biasIh, x), gh = affine(cell.weightHh, cell.biasHh, h);
      double[] h1 = new double[H], c1 = new double[H];
      for (int j = 0; j < H; j++) {
        double i = sigmoid(gx[j] + gh[j]);                          // i = sigmoid(W_ii x + b_ii + W_hi h + b_hi)
        double f = sigmoid(gx[H + j] + gh[H + j]);                  // f = sigmoid(W_if x + b_if + W_hf h + b_hf)
        double g = Math.tanh(gx[2 * H + j] + gh[2 * H + j]);        // g = tanh(W_ig x + b_ig + W_hg h + b_hg)
        double o = sigmoid(gx[3 * H + j] + gh[3 * H + j]);          // o = sigmoid(W_io x + b_io + W_ho h + b_ho)
        c1[j] = f * c[j] + i * g;                                   // c' = f * c + i * g
        h1[j] = o * Math.tanh(c1[j]);                               // h' = o * tanh(c')
      }
      return new double[][] {h1, c1};
    }

    /** torch.nn.GRUCell (reset after the product), or with {@code resetBefore} the Cho et al. candidate. */
    static double[] gru(RecurrentCell cell, boolean resetBefore, double[] x, double[] h) {
      double[] gx = affine(cell.weightIh, cell.biasIh, x), gh = affine(cell.weightHh, cell.biasHh, h);
      double[] r = new double[H], z = new double[H];
      for (int j = 0; j < H; j++) {
        r[j] = sigmoid(gx[j] + gh[j]);                              // r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
        z[j] = sigmoid(gx[H + j] + gh[H + j]);                      // z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
      }
      double[] rh = new double[H];
      for (int k = 0; k < H; k++) rh[k] = r[k] * h[k];
      double[] h1 = new double[H];
      for (int j = 0; j < H; j++) {
        double hn;
        if (resetBefore) {                                          // W_hn (r * h) + b_hn
          hn = cell.biasHh == null ? 0 : cell.biasHh.data()[2 * H + j];
          for (int k = 0; k < H; k++) hn += (double) cell.weightHh.data()[(2 * H + j) * H + k] * rh[k];
        } else {                                                    // r * (W_hn h + b_hn)
          hn = r[j] * gh[2 * H + j];
        }
        double n = Math.tanh(gx[2 * H + j] + hn);                   // n = tanh(W_in x + b_in + ...)
        h1[j] = (1 - z[j]) * n + z[j] * h[j];                       // h' = (1 - z) * n + z * h
      }
      return h1;
    }

    /** torch.nn.RNNCell: h' = act(W_ih x + b_ih + W_hh h + b_hh). */
    static double[] rnn(RecurrentCell cell, boolean relu, double[] x, double[] h) {
      double[] gx = affine(cell.weightIh, cell.biasIh, x), gh = affine(cell.weightHh, cell.biasHh, h);
      double[] h1 = new double[H];
      for (int j = 0; j < H; j++) {
        double a = gx[j] + gh[j];
        h1[j] = relu ? Math.max(0, a) : Math.tanh(a);
      }
      return h1;
    }
  }

  enum Kind { LSTM, GRU, GRU_RESET_BEFORE, RNN_TANH, RNN_RELU }

  private static RecurrentCell cell(Kind kind, boolean bias, Random rng) {
    return switch (kind) {
      case LSTM -> new LSTMCell(I, H, bias, rng);
      case GRU -> new GRUCell(I, H, bias, GRU.Reset.AFTER_MATMUL, rng);
      case GRU_RESET_BEFORE -> new GRUCell(I, H, bias, GRU.Reset.BEFORE_MATMUL, rng);
      case RNN_TANH -> new RNNCell(I, H, bias, RNN.Nonlinearity.TANH, rng);
      case RNN_RELU -> new RNNCell(I, H, bias, RNN.Nonlinearity.RELU, rng);
    };
  }

  /** One step of the cell under test; state {h} or {h, c}, entries null for zeros. */
  private static Tensor[] step(RecurrentCell cell, Tensor x, Tensor[] state) {
    if (cell instanceof LSTMCell lstm) {
      LSTMCell.State s = lstm.forward(x, state[0] == null ? null : new LSTMCell.State(state[0], state[1]));
      return new Tensor[] {s.h(), s.c()};
    }
    if (cell instanceof GRUCell gru) return new Tensor[] {gru.forward(x, state[0])};
    return new Tensor[] {((RNNCell) cell).forward(x, state[0])};
  }

  /** One step of the reference for batch row b; state as in {@link #step}, each (H). */
  private static double[][] referenceStep(Kind kind, RecurrentCell cell, double[] x, double[][] state) {
    return switch (kind) {
      case LSTM -> Reference.lstm(cell, x, state[0], state[1]);
      case GRU -> new double[][] {Reference.gru(cell, false, x, state[0])};
      case GRU_RESET_BEFORE -> new double[][] {Reference.gru(cell, true, x, state[0])};
      case RNN_TANH -> new double[][] {Reference.rnn(cell, false, x, state[0])};
      case RNN_RELU -> new double[][] {Reference.rnn(cell, true, x, state[0])};
    };
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stepsMatchTheReferenceEquations(Kind kind) {
    for (boolean bias : new boolean[] {true, false}) {
      for (boolean zeroStart : new boolean[] {true, false}) {
        Random rng = new Random(kind.ordinal() * 4 + (bias ? 2 : 0) + (zeroStart ? 1 : 0));
        RecurrentCell cell = cell(kind, bias, rng);
        int states = kind == Kind.LSTM ? 2 : 1;
        Tensor[] state = new Tensor[states];
        double[][][] ref = new double[B][states][H];               // (B, states, H), zeros unless given
        if (!zeroStart) {
          for (int s = 0; s < states; s++) {
            state[s] = Tensor.uniform(rng, -1, 1, B, H);
            for (int b = 0; b < B; b++) ref[b][s] = row(state[s], b);
          }
        }
        for (int t = 0; t < T; t++) {
          Tensor x = Tensor.uniform(rng, -2, 2, B, I);
          state = step(cell, x, state);
          for (int b = 0; b < B; b++) ref[b] = referenceStep(kind, cell, row(x, b), ref[b]);
          String what = kind + (bias ? "" : " without bias") + (zeroStart ? " from zeros" : " from a given state")
              + ", step " + t;
          for (int s = 0; s < states; s++) assertClose(ref, s, state[s], what + (s == 0 ? ", h" : ", c"));
        }
      }
    }
  }

  private static double[] row(Tensor m, int b) {
    int n = m.size(1);
    double[] out = new double[n];
    for (int j = 0; j < n; j++) out[j] = m.data()[b * n + j];
    return out;
  }

  /** Reports the largest difference and the first entry beyond {@link #TOL}. */
  private static void assertClose(double[][][] ref, int s, Tensor actual, String what) {
    assertArrayEquals(new int[] {B, H}, actual.shape(), what + " shape");
    double maxDiff = 0;
    String firstBad = null;
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        double e = ref[b][s][j], a = actual.data()[b * H + j], d = Math.abs(a - e);
        maxDiff = Math.max(maxDiff, d);
        if (d > TOL && firstBad == null) firstBad = "(" + b + ", " + j + "): expected " + e + ", got " + a;
      }
    }
    if (firstBad != null) fail(what + ": max |diff| " + maxDiff + " > " + TOL + ", first at " + firstBad);
  }

  private static void set(Tensor t, float... values) {
    assertEquals(values.length, t.numel(), "values for " + t.shapeString());
    System.arraycopy(values, 0, t.data(), 0, values.length);
  }

  private static Tensor one(float v) {
    return Tensor.of(new float[] {v}, 1, 1);
  }

  @Test
  void lstmStepByHand() {
    // I = H = 1, x = 1, h = 0, c = 2, biases 0: the pre-activations are the W_ih rows [i f g o].
    // W_ih = [ln 3, -ln 3, atanh(1/2), 0]  ->  i = 3/4, f = 1/4, g = 1/2, o = 1/2
    // c' = f c + i g = 1/2 + 3/8 = 7/8;  h' = o tanh(c') = tanh(7/8) / 2.
    // Every gate has a different value, so two gates exchanged give other numbers.
    LSTMCell cell = new LSTMCell(1, 1, true, new Random(1));
    float ln3 = (float) Math.log(3);
    set(cell.weightIh, ln3, -ln3, (float) (0.5 * Math.log(3)), 0f);  // atanh(1/2) = ln(3)/2
    set(cell.weightHh, 5f, 5f, 5f, 5f);                               // times h = 0
    set(cell.biasIh, 0f, 0f, 0f, 0f);
    set(cell.biasHh, 0f, 0f, 0f, 0f);
    LSTMCell.State s = cell.forward(one(1f), new LSTMCell.State(one(0f), one(2f)));
    assertEquals(0.875, s.c().item(), 1e-6);
    assertEquals(Math.tanh(0.875) / 2, s.h().item(), 1e-6);
  }

  @Test
  void gruStepByHandForBothResetPlacements() {
    // I = H = 1, x = 0, h = 1, b_ih = 0. W_hh = [w_hr, w_hz, w_hn] = [ln 3, 0, 1], b_hh = [0, 0, 1]:
    // r = sigmoid(ln 3) = 3/4, z = sigmoid(0) = 1/2.
    // reset after  (PyTorch): n = tanh(r (w_hn h + b_hn)) = tanh(3/4 * 2)     = tanh(3/2)
    // reset before (Cho):     n = tanh(w_hn (r h) + b_hn) = tanh(3/4 + 1)     = tanh(7/4)
    // h' = (1 - z) n + z h = n / 2 + 1/2.
    for (GRU.Reset reset : GRU.Reset.values()) {
      GRUCell cell = new GRUCell(1, 1, true, reset, new Random(1));
      set(cell.weightIh, 7f, 7f, 7f);                                  // times x = 0
      set(cell.weightHh, (float) Math.log(3), 0f, 1f);
      set(cell.biasIh, 0f, 0f, 0f);
      set(cell.biasHh, 0f, 0f, 1f);
      double n = Math.tanh(reset == GRU.Reset.AFTER_MATMUL ? 1.5 : 1.75);
      assertEquals(n / 2 + 0.5, cell.forward(one(0f), one(1f)).item(), 1e-6, reset.toString());
    }
  }

  @Test
  void rnnStepByHandForTanhAndRelu() {
    // I = H = 1, x = 1, h = 1/2: a = w_ih x + b_ih + w_hh h + b_hh.
    // W_ih = 1/2, W_hh = -1, b_ih = b_hh = 1/4: a = 1/2 - 1/2 + 1/2 = 1/2  ->  tanh(1/2), relu 1/2
    // with b_hh = -1: a = 1/2 - 1/2 + 1/4 - 1 = -3/4                         ->  tanh(-3/4), relu 0
    for (RNN.Nonlinearity act : RNN.Nonlinearity.values()) {
      RNNCell cell = new RNNCell(1, 1, true, act, new Random(1));
      set(cell.weightIh, 0.5f);
      set(cell.weightHh, -1f);
      set(cell.biasIh, 0.25f);
      set(cell.biasHh, 0.25f);
      boolean relu = act == RNN.Nonlinearity.RELU;
      assertEquals(relu ? 0.5 : Math.tanh(0.5), cell.forward(one(1f), one(0.5f)).item(), 1e-6, act + ", a = 1/2");
      set(cell.biasHh, -1f);
      assertEquals(relu ? 0 : Math.tanh(-0.75), cell.forward(one(1f), one(0.5f)).item(), 1e-6, act + ", a = -3/4");
    }
  }

  @Test
  void aNullStateIsTheZeroState() {
    Random rng = new Random(3);
    LSTMCell cell = new LSTMCell(I, H, rng);
    Tensor x = Tensor.uniform(rng, -1, 1, B, I);
    LSTMCell.State fromNull = cell.forward(x, null);
    LSTMCell.State fromZeros = cell.forward(x, new LSTMCell.State(Tensor.zeros(B, H), Tensor.zeros(B, H)));
    assertArrayEquals(fromZeros.h().data(), fromNull.h().data());
    assertArrayEquals(fromZeros.c().data(), fromNull.c().data());
  }

  @Test
  void cellGradientsMatchFiniteDifferences() {
    Random rng = new Random(2);
    Tensor x = Tensor.uniform(rng, -1, 1, B, I).requiresGrad(true);
    Tensor h = Tensor.uniform(rng, -1, 1, B, H).requiresGrad(true);
    Tensor c = Tensor.uniform(rng, -1, 1, B, H).requiresGrad(true);
    LSTMCell lstm = new LSTMCell(I, H, rng);
    GRUCell gru = new GRUCell(I, H, rng);
    GRUCell gruBefore = new GRUCell(I, H, true, GRU.Reset.BEFORE_MATMUL, rng);
    RNNCell rnn = new RNNCell(I, H, rng);
    RNNCell relu = new RNNCell(I, H, true, RNN.Nonlinearity.RELU, rng);
    GradCheck.create().check("LSTMCell", () -> {
      LSTMCell.State s = lstm.forward(x, new LSTMCell.State(h, c));
      return new Tensor[] {s.h(), s.c()};
    }, with(lstm, x, h, c));
    GradCheck.create().check("GRUCell", () -> new Tensor[] {gru.forward(x, h)}, with(gru, x, h));
    GradCheck.create().check("GRUCell reset before", () -> new Tensor[] {gruBefore.forward(x, h)}, with(gruBefore, x, h));
    GradCheck.create().check("RNNCell", () -> new Tensor[] {rnn.forward(x, h)}, with(rnn, x, h));
    GradCheck.create().check("RNNCell relu", () -> new Tensor[] {relu.forward(x, h)}, with(relu, x, h));
  }

  private static Tensor[] with(Module m, Tensor... extra) {
    List<Tensor> all = new ArrayList<>(List.of(extra));
    all.addAll(m.parameters());
    return all.toArray(new Tensor[0]);
  }

  @Test
  void cellKeysAreTorchCellKeys() {
    assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
        new ArrayList<>(new GRUCell(I, H, new Random(1)).stateDict().keySet()));
    assertEquals(List.of("weight_ih", "weight_hh"),
        new ArrayList<>(new RNNCell(I, H, false, RNN.Nonlinearity.RELU, new Random(1)).stateDict().keySet()));
  }

  @Test
  void rejectsStateWithWrongShape() {
    GRUCell cell = new GRUCell(I, H, new Random(1));
    var e = assertThrows(IllegalArgumentException.class, () -> cell.forward(Tensor.zeros(B, I), Tensor.zeros(B, H + 1)));
    assertEquals("GRUCell state must be (B=3, H=7), got (3, 8)", e.getMessage());
  }

  @Test
  void rejectsInputWithWrongFeatureCount() {
    LSTMCell cell = new LSTMCell(I, H, new Random(1));
    var e = assertThrows(IllegalArgumentException.class, () -> cell.forward(Tensor.zeros(B, 4), null));
    assertEquals("LSTMCell input must be (B, I=5), got (3, 4)", e.getMessage());
  }

  /** One step written into {@code out} by forwardInto; state and out as in {@link #step}. */
  private static Tensor[] stepInto(RecurrentCell cell, Tensor x, Tensor[] state, Tensor[] out) {
    if (cell instanceof LSTMCell lstm) {
      LSTMCell.State s = lstm.forwardInto(x, state[0] == null ? null : new LSTMCell.State(state[0], state[1]),
          new LSTMCell.State(out[0], out[1]));
      return new Tensor[] {s.h(), s.c()};
    }
    if (cell instanceof GRUCell gru) return new Tensor[] {gru.forwardInto(x, state[0], out[0])};
    return new Tensor[] {((RNNCell) cell).forwardInto(x, state[0], out[0])};
  }

  private static void assertSameBits(Tensor expected, Tensor actual, String what) {
    float[] e = expected.data(), a = actual.data();
    assertEquals(e.length, a.length, what);
    for (int j = 0; j < e.length; j++) {
      if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
        fail(what + " differs first at " + j + ": " + e[j] + " vs " + a[j]);
      }
    }
  }

  /**
   * The streaming path (no gradient recorded: forward under noGrad, and forwardInto alternating two buffers) gives
   * the bits of the recorded step, the fused sequence op at T = 1, over several carried steps. Catches any change
   * in the order of the kernel calls between the two paths, and a forwardInto that reads the state it writes.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void stepsWithoutGradientsHaveTheBitsOfRecordedSteps(Kind kind) {
    for (boolean bias : new boolean[] {true, false}) {
      Random rng = new Random(11);
      RecurrentCell cell = cell(kind, bias, rng);
      int parts = kind == Kind.LSTM ? 2 : 1;
      Tensor[] recorded = new Tensor[parts], free = new Tensor[parts], into = new Tensor[parts];
      Tensor[][] buffers = new Tensor[2][parts];
      for (int p = 0; p < parts; p++) {
        buffers[0][p] = Tensor.zeros(B, H);
        buffers[1][p] = Tensor.zeros(B, H);
      }
      for (int t = 0; t < T; t++) {
        Tensor x = Tensor.uniform(rng, -2, 2, B, I);
        recorded = step(cell, x, recorded);
        assertTrue(recorded[0].requiresGrad(), "the recorded path records");
        try (var g = Autograd.noGrad()) {
          free = step(cell, x, free);
          into = stepInto(cell, x, t == 0 ? new Tensor[parts] : into, buffers[(t + 1) % 2]);
        }
        assertFalse(free[0].requiresGrad(), "no gradient under noGrad");
        for (int p = 0; p < parts; p++) {
          assertSameBits(recorded[p], free[p], kind + " forward under noGrad, step " + t + ", state " + p);
          assertSameBits(recorded[p], into[p], kind + " forwardInto, step " + t + ", state " + p);
          assertSame(buffers[(t + 1) % 2][p], into[p], "forwardInto returns the buffers it was given");
        }
      }
    }
  }

  @Test
  void forwardIntoRejectsRecordingAnOutputThatAliasesTheStateAndAGradientOutput() {
    Random rng = new Random(1);
    GRUCell gru = new GRUCell(I, H, rng);
    Tensor x = Tensor.zeros(B, I), h = Tensor.zeros(B, H);
    var recording = assertThrows(IllegalStateException.class, () -> gru.forwardInto(x, h, Tensor.zeros(B, H)));
    assertEquals("GRUCell.forwardInto records no gradient, but recording is on and an input or parameter requires "
        + "one: call it inside Autograd.noGrad(), or use forward()", recording.getMessage());
    try (var g = Autograd.noGrad()) {
      var alias = assertThrows(IllegalArgumentException.class, () -> gru.forwardInto(x, h, h));
      assertEquals("GRUCell.forwardInto: the output shares its data with an input; alternate two state buffers "
          + "(step t writes the one step t-1 did not)", alias.getMessage());
      var shape = assertThrows(IllegalArgumentException.class, () -> gru.forwardInto(x, h, Tensor.zeros(B, H + 1)));
      assertEquals("GRUCell forwardInto output must be (B=3, H=7), got (3, 8)", shape.getMessage());
      var grad = assertThrows(IllegalArgumentException.class,
          () -> gru.forwardInto(x, h, Tensor.zeros(B, H).requiresGrad(true)));
      assertTrue(grad.getMessage().startsWith("GRUCell.forwardInto overwrites its output, which must not require"),
          grad.getMessage());
      LSTMCell lstm = new LSTMCell(I, H, rng);
      Tensor shared = Tensor.zeros(B, H);
      var pair = assertThrows(IllegalArgumentException.class,
          () -> lstm.forwardInto(x, null, new LSTMCell.State(shared, shared)));
      assertEquals("LSTMCell.forwardInto: the output's h and c share one array", pair.getMessage());
    }
  }
}
