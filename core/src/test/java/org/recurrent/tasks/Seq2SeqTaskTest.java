package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.text.ParallelText;

class Seq2SeqTaskTest {
  private static final int EOS = ParallelText.EOS_ID;
  private static final OutputLabels LABELS = new OutputLabels(List.of("<pad>", "<unk>", "<bos>", "<eos>", "a", "b"),
      List.of(), 6, null, 0);

  private static float[] oneHot(int k) {
    float[] p = new float[6];
    p[k] = 1f;
    return p;
  }

  @Test
  void scoresTeacherForcedTokensAndDecodedSequences() {
    Predictions p = new Predictions();
    // record 0: target "a b" <eos>, argmax right on 2 of 3 steps; record 1: "b" <eos>, right on both
    int[][] truth = {{4, 5, EOS}, {5, EOS}};
    int[][] argmax = {{4, 4, EOS}, {5, EOS}};
    for (int r = 0; r < 2; r++) {
      for (int t = 0; t < truth[r].length; t++) p.add(r, t, oneHot(argmax[r][t]), new float[] {truth[r][t]});
    }
    Map<String, Double> noDecodes = new Seq2SeqTask().metrics(p, LABELS);
    assertEquals(Map.of("token_accuracy", 4.0 / 5), noDecodes);
    p.addDecoded(0, new int[] {4, 5});
    p.addDecoded(1, new int[] {4});
    Map<String, Double> m = new Seq2SeqTask().metrics(p, LABELS);
    assertEquals(0.5, m.get("exact_match"));
    // candidates "a b" / "a" against "a b" / "b": p1 = 2/3, p2 = 1/1, no 3- or 4-grams: BLEU 0
    assertEquals(0.0, m.get("bleu"));
  }

  @Test
  void positionModeBaselinePredictsTheCommonestTokenPerPositionUpToTheEnd() {
    List<SequenceExample> train = List.of(example(4, 5), example(4, 5), example(5));
    double[] mode = Seq2SeqTask.positionMode(train, 6);
    assertArrayEquals(new double[] {4, 5, EOS}, mode);
    DataPart eval = new DataPart("test", List.of(example(4, 5), example(4, 4)), null, List.of(), true, true, 1);
    Seq2SeqTask task = new Seq2SeqTask();
    Map<String, Double> s = task.scoreBaselines(task.fitBaselines(new DataPart("train", train, null, List.of(), true,
        true, 1), LABELS), eval, LABELS);
    assertEquals(5.0 / 6, s.get("position_mode_token_accuracy"), 1e-12);
    assertEquals(0.5, s.get("position_mode_exact_match"));
  }

  @Test
  void needsParallelTextPairs() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Seq2SeqTask().checkTargets(TargetKind.PER_STEP_CLASS,
        "jsonl"));
    assertEquals("task seq2seq needs source<TAB>target pairs (data.format parallel_text), got data.format jsonl with "
        + "per_step_class targets", e.getMessage());
    assertFalse(new Seq2SeqTask().higherIsBetter("loss"));
  }

  private static SequenceExample example(int... target) {
    float[] y = new float[target.length + 1];
    int[] x = new int[target.length + 1];
    x[0] = ParallelText.BOS_ID;
    for (int t = 0; t < target.length; t++) {
      y[t] = target[t];
      x[t + 1] = target[t];
    }
    y[target.length] = EOS;
    return new SequenceExample("r", x.length, Map.of(SequenceExample.PRIMARY, new org.recurrent.data.StepInput.Tokens(x),
        ParallelText.SOURCE, new org.recurrent.data.StepInput.Tokens(new int[] {2})), y, "test");
  }
}
