package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

/** Gradient checks of whole stacks (cell x layers x directions x lengths x initial state) and the API contract. */
class RecurrentLayerTest {
  static final int T = 4, B = 3, I = 5, H = 7;

  enum Kind { RNN_TANH, RNN_RELU, LSTM, GRU, GRU_RESET_BEFORE }

  static RecurrentLayer make(Kind kind, RecurrentConfig c, Random rng) {
    return switch (kind) {
      case RNN_TANH -> new RNN(c, RNN.Nonlinearity.TANH, rng);
      case RNN_RELU -> new RNN(c, RNN.Nonlinearity.RELU, rng);
      case LSTM -> new LSTM(c, rng);
      case GRU -> new GRU(c, rng);
      case GRU_RESET_BEFORE -> new GRU(c, GRU.Reset.BEFORE_MATMUL, rng);
    };
  }

  static RecurrentOutput run(RecurrentLayer layer, Tensor x, int[] lengths, Tensor h0, Tensor c0) {
    return switch (layer) {
      case LSTM l -> l.forward(x, lengths, h0, c0);
      case GRU g -> g.forward(x, lengths, h0);
      case RNN r -> r.forward(x, lengths, h0);
      default -> throw new IllegalArgumentException();
    };
  }

  static Stream<Arguments> stacks() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Kind kind : Kind.values()) {
      s.add(Arguments.of(kind, 1, false, null, false));
      s.add(Arguments.of(kind, 2, true, new int[] {3, 4, 1}, true));
      s.add(Arguments.of(kind, 3, false, new int[] {2, 4, 4}, true));
      s.add(Arguments.of(kind, 1, true, null, false));
    }
    return s.build();
  }

  @ParameterizedTest(name = "{0} L={1} bi={2} lengths={3} h0={4}")
  @MethodSource("stacks")
  void stackBackwardMatchesFiniteDifferences(Kind kind, int layers, boolean bi, int[] lengths, boolean withState) {
    Random rng = new Random(11);
    RecurrentConfig c = RecurrentConfig.of(I, H).withNumLayers(layers).withBidirectional(bi);
    RecurrentLayer layer = make(kind, c, rng);
    if (kind == Kind.RNN_RELU) {
      // keep pre-activations away from ReLU's kink so central differences are meaningful
      for (Tensor p : layer.parameters()) if (p.dim() == 1) for (int j = 0; j < p.numel(); j++) p.data()[j] += 0.2f;
    }
    int D = c.directions();
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I).requiresGrad(true);
    Tensor h0 = withState ? Tensor.uniform(rng, -1, 1, layers * D, B, H).requiresGrad(true) : null;
    Tensor c0 = withState && kind == Kind.LSTM ? Tensor.uniform(rng, -1, 1, layers * D, B, H).requiresGrad(true) : null;
    List<Tensor> inputs = new ArrayList<>(List.of(x));
    if (h0 != null) inputs.add(h0);
    if (c0 != null) inputs.add(c0);
    inputs.addAll(layer.parameters());
    // ReLU: a smaller step so that fewer pre-activations cross the kink between the two evaluations
    GradCheck check = GradCheck.create().maxPerInput(12).eps(kind == Kind.RNN_RELU ? 1e-3 : 5e-3);
    check.check(kind + " stack", () -> {
      RecurrentOutput o = run(layer, x, lengths, h0, c0);
      return o.cN() == null ? new Tensor[] {o.output(), o.hN()} : new Tensor[] {o.output(), o.hN(), o.cN()};
    }, inputs.toArray(new Tensor[0]));
  }

  @Test
  void stateDictKeysFollowPyTorchOrder() {
    LSTM lstm = new LSTM(RecurrentConfig.of(I, H).withNumLayers(2).withBidirectional(true), new Random(1));
    assertEquals(List.of(
        "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
        "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
        "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
        "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
        new ArrayList<>(lstm.stateDict().keySet()));
    assertArrayEquals(new int[] {4 * H, 2 * H}, lstm.stateDict().get("weight_ih_l1").shape());
  }

  @Test
  void defaultInitIsUniformWithinOneOverSqrtH() {
    GRU gru = new GRU(RecurrentConfig.of(I, 16).withNumLayers(2), new Random(3));
    float bound = 0.25f;
    float max = 0;
    for (Tensor p : gru.parameters()) for (float v : p.data()) max = Math.max(max, Math.abs(v));
    assertTrue(max <= bound && max > 0.9f * bound, "max |w| = " + max);
  }

  @Test
  void outputsAreZeroAfterEachSequenceEndsAndFinalStateIsAtTheLastStep() {
    Random rng = new Random(5);
    LSTM lstm = new LSTM(RecurrentConfig.of(I, H).withBidirectional(true), rng);
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I);
    int[] lengths = {4, 2, 3};
    RecurrentOutput o = lstm.forward(x, lengths);
    for (int b = 0; b < B; b++) {
      for (int t = lengths[b]; t < T; t++) {
        for (int j = 0; j < 2 * H; j++) assertEquals(0f, o.output().get(t, b, j));
      }
      for (int j = 0; j < H; j++) {
        assertEquals(o.output().get(lengths[b] - 1, b, j), o.hN().get(0, b, j), "forward h_n of sequence " + b);
        assertEquals(o.output().get(0, b, H + j), o.hN().get(1, b, j), "reverse h_n of sequence " + b);
      }
    }
  }

  @Test
  void aShortSequenceGivesTheSameNumbersAloneAndInARaggedBatch() {
    Random rng = new Random(6);
    GRU gru = new GRU(RecurrentConfig.of(I, H).withNumLayers(2).withBidirectional(true), rng);
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I);
    RecurrentOutput batch = gru.forward(x, new int[] {4, 2, 3});
    Tensor alone = Tensor.zeros(2, 1, I);
    for (int t = 0; t < 2; t++) for (int i = 0; i < I; i++) alone.set(x.get(t, 1, i), t, 0, i);
    RecurrentOutput single = gru.forward(alone);
    for (int t = 0; t < 2; t++) {
      for (int j = 0; j < 2 * H; j++) assertEquals(single.output().get(t, 0, j), batch.output().get(t, 1, j), 1e-6f);
    }
    for (int s = 0; s < 4; s++) {
      for (int j = 0; j < H; j++) assertEquals(single.hN().get(s, 0, j), batch.hN().get(s, 1, j), 1e-6f);
    }
  }

  @Test
  void batchFirstIsTheTransposedLayout() {
    Random rng = new Random(8);
    RecurrentConfig c = RecurrentConfig.of(I, H).withNumLayers(2);
    RNN timeMajor = new RNN(c, new Random(1));
    RNN batchFirst = new RNN(c.withBatchFirst(true), new Random(1));
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I);
    RecurrentOutput a = timeMajor.forward(x);
    RecurrentOutput b = batchFirst.forward(Ops.transpose(x, 0, 1));
    assertArrayEquals(Ops.transpose(a.output(), 0, 1).data(), b.output().data(), 0f);
    assertArrayEquals(a.hN().data(), b.hN().data(), 0f);
    assertNull(b.cN());
  }

  @Test
  void dropoutActsOnlyBetweenLayersAndOnlyInTraining() {
    Random rng = new Random(9);
    LSTM lstm = new LSTM(RecurrentConfig.of(I, H).withNumLayers(2).withDropout(0.5f), rng);
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I);
    lstm.eval();
    float[] e1 = lstm.forward(x).output().data().clone();
    float[] e2 = lstm.forward(x).output().data();
    assertArrayEquals(e1, e2, 0f);
    lstm.train(true);
    float[] t1 = lstm.forward(x).output().data();
    boolean differs = false;
    for (int i = 0; i < t1.length; i++) differs |= t1[i] != e1[i];
    assertTrue(differs, "training-mode dropout between layers must change the output");
    // after the last layer there is none: a one-layer stack ignores the dropout setting, as in PyTorch
    LSTM single = new LSTM(RecurrentConfig.of(I, H).withDropout(0.5f), new Random(4));
    single.train(true);
    float[] trained = single.forward(x).output().data().clone();
    single.eval();
    assertArrayEquals(trained, single.forward(x).output().data(), 0f);
  }

  @Test
  void rejectsInputWithWrongFeatureCount() {
    LSTM lstm = new LSTM(32, 8, new Random(1));
    var e = assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensor.zeros(50, 16, 64)));
    assertEquals("LSTM input must be (T, B, I=32), got (50, 16, 64)", e.getMessage());
  }

  @Test
  void rejectsInitialStateWithWrongBatchSize() {
    GRU gru = new GRU(RecurrentConfig.of(I, H).withNumLayers(2), new Random(1));
    var e = assertThrows(IllegalArgumentException.class,
        () -> gru.forward(Tensor.zeros(T, B, I), null, Tensor.zeros(2, B + 1, H)));
    assertEquals("GRU h0 must be (L*D=2, B=3, H=7), got (2, 4, 7)", e.getMessage());
  }

  @Test
  void rejectsLengthsOutsideOneToT() {
    RNN rnn = new RNN(I, H, new Random(1));
    var e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(Tensor.zeros(T, B, I), new int[] {4, 0, 2}));
    assertTrue(e.getMessage().startsWith("lengths[1] = 0 is outside [1, T=4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(Tensor.zeros(T, B, I), new int[] {5, 1, 2}));
    assertTrue(e.getMessage().startsWith("lengths[0] = 5 is outside [1, T=4]"), e.getMessage());
  }

  @Test
  void irnnStartsWithIdentityRecurrenceAndZeroBiases() {
    RNN irnn = RNN.irnn(RecurrentConfig.of(I, H), new Random(2));
    assertEquals(RNN.Nonlinearity.RELU, irnn.nonlinearity());
    for (int r = 0; r < H; r++) for (int c = 0; c < H; c++) assertEquals(r == c ? 1f : 0f, irnn.weightHh(0, 0).get(r, c));
    for (float v : irnn.biasIh(0, 0).data()) assertEquals(0f, v);
  }
}
