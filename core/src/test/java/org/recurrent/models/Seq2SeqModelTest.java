package org.recurrent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchInput;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.text.ParallelText;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class Seq2SeqModelTest {
  static final int VS = 7, K = 9;

  static Seq2SeqModel model(Cell cell, AttentionKind attention, boolean bidirectional, int layers, long seed) {
    return new Seq2SeqModel(new Seq2SeqModel.Spec(cell, VS, K, 5, 4, layers, bidirectional, attention, 3, 0, 12),
        new Random(seed));
  }

  /** Sources (time-major ids, own lengths) and teacher-forced decoder inputs <bos> y.. of the given lengths. */
  static Batch batch(int[][] sources, int[][] targets) {
    int B = sources.length, Ts = 0, T = 0;
    for (int[] s : sources) Ts = Math.max(Ts, s.length);
    for (int[] t : targets) T = Math.max(T, t.length + 1);
    int[] src = new int[Ts * B], x = new int[T * B], srcLen = new int[B], len = new int[B];
    float[] y = new float[T * B];
    for (int b = 0; b < B; b++) {
      srcLen[b] = sources[b].length;
      len[b] = targets[b].length + 1;
      for (int t = 0; t < sources[b].length; t++) src[t * B + b] = sources[b][t];
      x[b] = ParallelText.BOS_ID;
      for (int t = 0; t < targets[b].length; t++) {
        x[(t + 1) * B + b] = targets[b][t];
        y[t * B + b] = targets[b][t];
      }
      y[targets[b].length * B + b] = ParallelText.EOS_ID;
    }
    Map<String, BatchInput> inputs = new LinkedHashMap<>();
    inputs.put(SequenceExample.PRIMARY, new BatchInput.Tokens(x, T, len));
    inputs.put(ParallelText.SOURCE, new BatchInput.Tokens(src, Ts, srcLen));
    int[] indices = new int[B];
    for (int b = 0; b < B; b++) indices[b] = b;
    return new Batch(indices, T, inputs, len, y, 1, true, false);
  }

  static final int[][] SOURCES = {{2, 3, 4, 5, 6}, {6, 2, 2}, {1}};
  static final int[][] TARGETS = {{4, 5, 6}, {8, 7, 4, 4}, {5}};

  @Test
  void forwardGivesPerStepLogits() {
    Batch b = batch(SOURCES, TARGETS);
    Tensor z = model(Cell.LSTM, AttentionKind.ADDITIVE, false, 1, 1).forward(b, null).logits();
    assertArrayEquals(new int[] {5, 3, K}, z.shape());
  }

  @Test
  void backwardMatchesFiniteDifferencesForEveryAttentionAndCell() {
    Batch b = batch(SOURCES, TARGETS);
    record Case(Cell cell, AttentionKind attention, boolean bi, int layers) {}
    for (Case c : List.of(new Case(Cell.LSTM, AttentionKind.ADDITIVE, true, 2), new Case(Cell.GRU, AttentionKind.GENERAL,
        false, 1), new Case(Cell.LSTM, AttentionKind.DOT, false, 2), new Case(Cell.GRU, AttentionKind.NONE, true, 1),
        new Case(Cell.LSTM, AttentionKind.GENERAL, true, 1))) {
      Seq2SeqModel m = model(c.cell(), c.attention(), c.bi(), c.layers(), 3);
      GradCheck.create().maxPerInput(12).check(c.toString(), () -> new Tensor[] {m.forward(b, null).logits()},
          m.parameters().toArray(new Tensor[0]));
    }
  }

  @Test
  void paddedSourcePositionsChangeNothing() {
    // sequence 2 (source of length 3) gives the same logits alone as beside a source of length 5
    for (AttentionKind a : AttentionKind.values()) {
      Seq2SeqModel m = model(Cell.LSTM, a, a != AttentionKind.DOT, 1, 5);
      m.eval();
      try (var g = Autograd.noGrad()) {
        Tensor both = m.forward(batch(new int[][] {SOURCES[0], SOURCES[1]}, new int[][] {TARGETS[1], TARGETS[1]}), null)
            .logits();
        Tensor alone = m.forward(batch(new int[][] {SOURCES[1]}, new int[][] {TARGETS[1]}), null).logits();
        for (int t = 0; t < alone.size(0); t++) {
          for (int k = 0; k < K; k++) assertEquals(alone.get(t, 0, k), both.get(t, 1, k), 1e-5f, a + " step " + t);
        }
      }
    }
  }

  @Test
  void beamSearchOfWidthOneIsGreedySearch() {
    for (AttentionKind a : AttentionKind.values()) {
      Seq2SeqModel m = model(Cell.GRU, a, false, 2, 11);
      BatchInput.Tokens src = (BatchInput.Tokens) batch(SOURCES, TARGETS).input(ParallelText.SOURCE);
      List<SequenceDecoder.Decoded> greedy = m.decode(src, new Decoding.Greedy(12));
      List<SequenceDecoder.Decoded> beam = m.decode(src, new Decoding.Beam(1, 0.6, 12));
      List<SequenceDecoder.Decoded> top1 = m.decode(src, new Decoding.Sample(1.0, 1, 7, 12));
      for (int b = 0; b < SOURCES.length; b++) {
        assertArrayEquals(greedy.get(b).tokens(), beam.get(b).tokens(), a + " source " + b);
        // the same tokens; the score up to float rounding: beam runs its hypotheses as other GEMM row counts, whose
        // sums may round differently (on 8 lanes -20.2978347198 against -20.2978346673)
        double logP = greedy.get(b).logProbability();
        assertEquals(logP, beam.get(b).logProbability(), 1e-6 * Math.max(1, Math.abs(logP)), a + " log p " + b);
        assertArrayEquals(greedy.get(b).tokens(), top1.get(b).tokens(), a + " top-1 sampling, source " + b);
      }
    }
  }

  @Test
  void decodesCarryAttentionRowsOverEachSourcesRealSteps() {
    Seq2SeqModel m = model(Cell.LSTM, AttentionKind.ADDITIVE, true, 1, 2);
    BatchInput.Tokens src = (BatchInput.Tokens) batch(SOURCES, TARGETS).input(ParallelText.SOURCE);
    for (Decoding how : List.of(new Decoding.Greedy(6), new Decoding.Beam(3, 0, 6), new Decoding.Sample(1, 0, 1, 6))) {
      List<SequenceDecoder.Decoded> out = m.decode(src, how);
      for (int b = 0; b < SOURCES.length; b++) {
        SequenceDecoder.Decoded d = out.get(b);
        assertEquals(d.tokens().length + (d.ended() ? 1 : 0), d.attention().length, how + " rows");
        assertTrue(d.attention().length <= 6, how + " stops at the maximum length");
        for (float[] row : d.attention()) {
          assertEquals(SOURCES[b].length, row.length, how + " row width");
          double sum = 0;
          for (float w : row) sum += w;
          assertEquals(1.0, sum, 1e-5, how + " weights sum to 1");
        }
      }
    }
  }

  @Test
  void beamSearchFindsAtLeastAsLikelyAnOutputWithoutLengthPenalty() {
    // on a briefly random model, the widest beam's best finished log p is never below greedy's when both end
    Seq2SeqModel m = model(Cell.LSTM, AttentionKind.GENERAL, false, 1, 4);
    BatchInput.Tokens src = (BatchInput.Tokens) batch(SOURCES, TARGETS).input(ParallelText.SOURCE);
    List<SequenceDecoder.Decoded> greedy = m.decode(src, new Decoding.Greedy(3));
    List<SequenceDecoder.Decoded> beam = m.decode(src, new Decoding.Beam(K * K, 0, 3));   // exhaustive over 3 steps
    for (int b = 0; b < SOURCES.length; b++) {
      assertTrue(beam.get(b).logProbability() >= greedy.get(b).logProbability() - 1e-9,
          "source " + b + ": beam " + beam.get(b).logProbability() + " < greedy " + greedy.get(b).logProbability());
    }
  }

  @Test
  void rejectsDotAttentionOverABidirectionalEncoder() {
    var e = assertThrows(IllegalArgumentException.class, () -> model(Cell.LSTM, AttentionKind.DOT, true, 1, 1));
    assertEquals("attention dot needs the decoder state (H=4) as wide as the encoder states (D*H=8); use attention "
        + "general or additive with a bidirectional encoder", e.getMessage());
  }

  @Test
  void rejectsABatchWithoutSource() {
    Batch b = batch(SOURCES, TARGETS);
    Batch noSource = new Batch(b.indices(), b.steps(), Map.of(SequenceExample.PRIMARY, b.primary()), b.lengths(),
        b.targets(), 1, true, false);
    var e = assertThrows(IllegalArgumentException.class,
        () -> model(Cell.GRU, AttentionKind.NONE, false, 1, 1).forward(noSource, null));
    assertEquals("seq2seq needs the source token ids as input 'source' (data.format parallel_text), got inputs [x]",
        e.getMessage());
  }
}
