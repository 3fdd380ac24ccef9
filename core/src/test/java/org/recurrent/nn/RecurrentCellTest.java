package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

/** Cells: gradients, the same numbers as a one-layer sequence run step by step, and shape errors. */
class RecurrentCellTest {
  static final int B = 3, I = 5, H = 7, T = 4;

  @Test
  void lstmCellStepsReproduceTheSequenceLayer() {
    Random rng = new Random(1);
    LSTM layer = new LSTM(I, H, rng);
    LSTMCell cell = new LSTMCell(I, H, rng);
    Map<String, Tensor> sd = layer.stateDict();
    cell.loadStateDict(Map.of("weight_ih", sd.get("weight_ih_l0"), "weight_hh", sd.get("weight_hh_l0"),
        "bias_ih", sd.get("bias_ih_l0"), "bias_hh", sd.get("bias_hh_l0")));
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I);
    RecurrentOutput full = layer.forward(x);
    LSTMCell.State s = null;
    for (int t = 0; t < T; t++) {
      s = cell.forward(Ops.select(x, 0, t), s);
      assertArrayEquals(Ops.select(full.output(), 0, t).data(), s.h().data(), 1e-6f, "step " + t);
    }
    assertArrayEquals(Ops.select(full.cN(), 0, 0).data(), s.c().data(), 1e-6f);
  }

  @Test
  void cellGradientsMatchFiniteDifferences() {
    Random rng = new Random(2);
    Tensor x = Tensor.uniform(rng, -1, 1, B, I).requiresGrad(true);
    Tensor h = Tensor.uniform(rng, -1, 1, B, H).requiresGrad(true);
    Tensor c = Tensor.uniform(rng, -1, 1, B, H).requiresGrad(true);
    LSTMCell lstm = new LSTMCell(I, H, rng);
    GRUCell gru = new GRUCell(I, H, rng);
    RNNCell rnn = new RNNCell(I, H, rng);
    GradCheck.create().check("LSTMCell", () -> {
      LSTMCell.State s = lstm.forward(x, new LSTMCell.State(h, c));
      return new Tensor[] {s.h(), s.c()};
    }, with(lstm, x, h, c));
    GradCheck.create().check("GRUCell", () -> new Tensor[] {gru.forward(x, h)}, with(gru, x, h));
    GradCheck.create().check("RNNCell", () -> new Tensor[] {rnn.forward(x, h)}, with(rnn, x, h));
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
}
