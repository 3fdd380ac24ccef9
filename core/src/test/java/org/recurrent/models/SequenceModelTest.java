package org.recurrent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class SequenceModelTest {

  private static SequenceModelConfig numeric(String cell, boolean bi, String output, String pooling) {
    return new SequenceModelConfig(Cell.parse(cell), 5, 0, 0, -1, 7, 2, bi, 0f, OutputMode.parse(output), Pooling.parse(pooling), 3);
  }

  @ParameterizedTest
  @CsvSource({"lstm,false,sequence,last", "gru,true,sequence,last", "rnn_tanh,true,sequence,mean",
      "gru_reset_before,false,per_step,last", "irnn,false,sequence,mean", "rnn_relu,true,per_step,last"})
  void gradientsOfEveryParameterAndInputMatchFiniteDifferences(String cell, boolean bi, String output, String pooling) {
    SequenceModel model = new SequenceModel(numeric(cell, bi, output, pooling), new Random(3));
    boolean relu = cell.equals("rnn_relu") || cell.equals("irnn");
    if (relu) {
      // keep pre-activations away from ReLU's kink so central differences are meaningful
      for (Tensor p : model.recurrent().parameters()) if (p.dim() == 1) for (int j = 0; j < p.numel(); j++) p.data()[j] += 0.2f;
    }
    Tensor x = Tensor.randn(new Random(4), 1f, 4, 3, 5).requiresGrad(true);   // (T, B, F)
    int[] lengths = {4, 2, 3};
    Tensor[] inputs = new Tensor[model.parameters().size() + 1];
    inputs[0] = x;
    for (int i = 0; i < model.parameters().size(); i++) inputs[i + 1] = model.parameters().get(i);
    GradCheck.create().eps(relu ? 1e-3 : 5e-3).check(cell + " model", () -> new Tensor[] {model.forward(x, lengths, null).logits()}, inputs);
  }

  @Test
  void tokenModelHasPyTorchStateDictKeysAndShapes() {
    SequenceModelConfig c = new SequenceModelConfig(Cell.parse("lstm"), 0, 11, 4, 0, 6, 1, true, 0f, OutputMode.SEQUENCE, Pooling.LAST, 2);
    SequenceModel m = new SequenceModel(c, new Random(1));
    assertEquals(List.of("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
        "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0_reverse", "rnn.bias_ih_l0_reverse", "rnn.bias_hh_l0_reverse",
        "head.weight", "head.bias"), List.copyOf(m.stateDict().keySet()));
    assertArrayEquals(new int[] {2, 12}, m.stateDict().get("head.weight").shape());
    SequenceModel.Output o = m.forward(new int[] {1, 2, 3, 4, 5, 0}, 3, 2, new int[] {3, 2}, null);
    assertArrayEquals(new int[] {2, 2}, o.logits().shape());
  }

  @Test
  void lastPoolingReadsEachSequencesOwnFinalStateInBothDirections() {
    SequenceModel m = new SequenceModel(numeric("gru", true, "sequence", "last"), new Random(2));
    Tensor x = Tensor.randn(new Random(5), 1f, 4, 2, 5);
    // The same sequence alone, unpadded, must give the same output as inside a padded batch.
    float[] alone = new float[2 * 5];
    for (int t = 0; t < 2; t++) System.arraycopy(x.data(), (t * 2 + 1) * 5, alone, t * 5, 5);
    Tensor batched = m.forward(x, new int[] {4, 2}, null).logits();
    Tensor single = m.forward(Tensor.of(alone, 2, 1, 5), null, null).logits();
    for (int k = 0; k < 3; k++) assertEquals(single.get(0, k), batched.get(1, k), 1e-5f);
  }

  @Test
  void carriedStateContinuesASequence() {
    SequenceModel m = new SequenceModel(numeric("lstm", false, "per_step", "last"), new Random(2));
    Tensor x = Tensor.randn(new Random(6), 1f, 6, 2, 5);
    Tensor whole = m.forward(x, null, null).logits();                          // (6, 2, 3)
    float[] first = new float[3 * 2 * 5], second = new float[3 * 2 * 5];
    System.arraycopy(x.data(), 0, first, 0, first.length);
    System.arraycopy(x.data(), first.length, second, 0, second.length);
    RecurrentOutput s = m.forward(Tensor.of(first, 3, 2, 5), null, null).state();
    Tensor rest = m.forward(Tensor.of(second, 3, 2, 5), null, s).logits();
    for (int i = 0; i < rest.numel(); i++) assertEquals(whole.data()[first.length / 5 * 3 + i], rest.data()[i], 1e-5f);
  }

  @Test
  void configRejectsUnknownCellAndBadSizesWithTheFieldName() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Cell.parse("transformer"));
    assertEquals("unknown model.cell 'transformer'; expected one of [lstm, gru, gru_reset_before, rnn_tanh, rnn_relu, irnn]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SequenceModelConfig(Cell.parse("gru"), 5, 0, 0, -1, 0, 1, false, 0f, null, null, 3));
    assertEquals("model.hidden_size must be >= 1, got 0", e.getMessage());
    assertTrue(new SequenceModelConfig(Cell.parse("GRU"), 5, 0, 0, -1, 2, 1, false, 0f, null, null, 3).cell() == Cell.GRU);
  }

  @Test
  void numericModelRefusesTokenIdsWithAClearMessage() {
    SequenceModel m = new SequenceModel(numeric("lstm", false, "sequence", "last"), new Random(2));
    var e = assertThrows(IllegalArgumentException.class, () -> m.forward(new int[] {1}, 1, 1, null, null));
    assertEquals("this model reads 5 numeric features per step, not token ids", e.getMessage());
  }

  /**
   * Issue 15: {@code embedding_dim: 200000} ran out of memory in the first batch. A batch of B = 32 texts of T = 200
   * tokens embedded in E = 200000 holds T*B*E = 1.28e9 floats of input alone: refused before the first allocation.
   */
  @Test
  void aBatchWhoseActivationsCannotFitIsRefusedBeforeTheForwardPass() {
    int T = 200, B = 32;
    SequenceModelConfig c = new SequenceModelConfig(Cell.LSTM, 0, 10, 200_000, 0, 2, 1, false, 0f, OutputMode.SEQUENCE,
        Pooling.LAST, 2);
    SequenceModel model = new SequenceModel(c, new Random(0));
    int[] lengths = new int[B];
    java.util.Arrays.fill(lengths, T);
    org.recurrent.data.Batch batch = new org.recurrent.data.Batch(new int[B], T, null, new int[T * B], lengths,
        new float[0], 0, false, false);
    var e = assertThrows(IllegalArgumentException.class, () -> model.forward(batch, null));
    assertTrue(e.getMessage().startsWith("a batch of 32 sequences of 200 steps needs ~"), e.getMessage());
    assertTrue(e.getMessage().contains(" of activations and their gradients beside the model's "), e.getMessage());
    assertTrue(e.getMessage().contains("HINT: lower batch_size, the sequence length, embedding_dim or hidden_size, or "
        + "raise the heap (./recurrent: RECURRENT_HEAP=8g"), e.getMessage());
  }
}
