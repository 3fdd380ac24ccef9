package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

class MultiLabelTaskTest {
  private static final MultiLabelTask TASK = new MultiLabelTask();
  private static final OutputLabels ABC = new OutputLabels(List.of("a", "b", "c"), List.of(), 3, null, 0);

  @Test
  void metricsRankEachRowsLabelsAndPoolEveryPairForRocAuc() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.9f, 0.2f, 0.6f}, new float[] {1, 0, 0});
    p.add(1, -1, new float[] {0.3f, 0.8f, 0.1f}, new float[] {0, 1, 1});
    Map<String, Double> m = TASK.metrics(p, ABC);
    // K = 3: of k in 1, 5, 10, 20, 30 only k = 1 fits
    assertEquals(List.of("recall@1", "precision@1", "roc_auc_micro"), List.copyOf(m.keySet()));
    // top-1: row 0 label a (true, 1 of 1), row 1 label b (true, 1 of 2): recall (1 + 1/2) / 2, precision (1 + 1) / 2
    assertEquals(0.75, m.get("recall@1"), 1e-12);
    assertEquals(1.0, m.get("precision@1"), 1e-12);
    // the 6 (row, label) pairs: positives 0.9, 0.8, 0.1 against negatives 0.2, 0.6, 0.3: 0.9 and 0.8 beat all three,
    // 0.1 none: AUC = (3 + 3 + 0) / 9
    assertEquals(2.0 / 3, m.get("roc_auc_micro"), 1e-12);
  }

  @Test
  void topKUsesEveryKUpToTheNumberOfLabels() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.9f, 0.1f, 0.2f, 0.3f, 0.4f}, new float[] {0, 1, 0, 0, 0});
    Map<String, Double> m = TASK.metrics(p, new OutputLabels(List.of(), List.of(), 5, null, 0));
    // K = 5: k = 1 and k = 5 (5 <= K), not 10
    assertEquals(List.of("recall@1", "recall@5", "precision@1", "precision@5", "roc_auc_micro"), List.copyOf(m.keySet()));
    assertEquals(0.0, m.get("recall@1"), 1e-12);    // the top label (0.9) is not the true one
    assertEquals(1.0, m.get("recall@5"), 1e-12);    // all 5 labels hold the true one
    assertEquals(0.2, m.get("precision@5"), 1e-12); // 1 hit / 5
    // one positive (0.1) against four negatives, all higher
    assertEquals(0.0, m.get("roc_auc_micro"), 1e-12);
  }

  @Test
  void rocAucMicroOnlyWhenBothTruthValuesOccur() {
    Predictions allTrue = new Predictions();
    allTrue.add(0, -1, new float[] {0.9f, 0.2f, 0.6f}, new float[] {1, 1, 1});
    Map<String, Double> m = TASK.metrics(allTrue, ABC);
    assertEquals(List.of("recall@1", "precision@1"), List.copyOf(m.keySet()));
    assertEquals(1.0 / 3, m.get("recall@1"), 1e-12);
  }

  @Test
  void noTrueLabelAnywhereGivesNoMetrics() {
    // recall@k is undefined without a true label, and roc_auc_micro without a positive pair
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.9f, 0.2f, 0.6f}, new float[] {0, 0, 0});
    p.add(1, -1, new float[] {0.1f, 0.2f, 0.3f}, new float[] {0, 0, 0});
    assertEquals(Map.of(), TASK.metrics(p, ABC));
  }

  @Test
  void unlabelledPredictionsHaveNoMetrics() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.9f, 0.2f, 0.6f}, new float[0]);
    assertEquals(Map.of(), TASK.metrics(p, ABC));
  }

  @Test
  void aTargetCountsAsTrueOnlyAboveOneHalf() {
    // truth (0.5, 1, 0.75): labels b and c are true, a (exactly 0.5) is not; top-1 is a (0.9)
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.9f, 0.2f, 0.6f}, new float[] {0.5f, 1, 0.75f});
    Map<String, Double> m = TASK.metrics(p, ABC);
    assertEquals(0.0, m.get("recall@1"), 1e-12);
    // positives 0.2, 0.6 against the negative 0.9: AUC 0
    assertEquals(0.0, m.get("roc_auc_micro"), 1e-12);
    // the baseline reads its evaluation targets the same way: frequencies (1, 2, 0) rank b first, which is not
    // true in (1, 0.5, 0) -> recall@1 = 0 (it would be 1/2 if 0.5 counted)
    DataPart train = part("train", false, row(1, 1, 0), row(0, 1, 0));
    DataPart eval = part("eval", false, row(1, 0.5f, 0));
    assertEquals(0.0, TASK.baselines(train, eval, ABC).get("label_frequency_recall@1"), 1e-12);
  }

  @Test
  void labelFrequencyBaselineRanksByTrainingFrequencies() {
    // training frequencies: a 1, b 3, c 2 -> every evaluation row's top-1 is b
    DataPart train = part("train", false, row(0, 1, 1), row(0, 1, 1), row(1, 1, 0));
    // evaluation frequencies (a 0, b 2, c 3) would rank c first instead
    DataPart eval = part("eval", false, row(0, 1, 0), row(0, 1, 1), row(0, 0, 1), row(0, 0, 1));
    Map<String, Double> m = TASK.baselines(train, eval, ABC);
    assertEquals(List.of("label_frequency_recall@1", "label_frequency_precision@1"), List.copyOf(m.keySet()));
    // b is true in rows 0 and 1: recall (1/1 + 1/2 + 0 + 0) / 4 = 0.375; precision (1 + 1 + 0 + 0) / 4 = 0.5
    assertEquals(0.375, m.get("label_frequency_recall@1"), 1e-12);
    assertEquals(0.5, m.get("label_frequency_precision@1"), 1e-12);
  }

  @Test
  void labelFrequencyBaselineCountsEveryStepOfPerStepTargets() {
    // one training record of 3 steps, K = 2: (0, 1), (0, 1), (1, 1) -> frequencies a 1, b 3
    DataPart train = part("train", true, new float[] {0, 1, 0, 1, 1, 1});
    // one evaluation record of 2 steps: (1, 0), (0, 1) -> top-1 b is true at step 1 only
    DataPart eval = part("eval", true, new float[] {1, 0, 0, 1});
    Map<String, Double> m = TASK.baselines(train, eval, new OutputLabels(List.of("a", "b"), List.of(), 2, null, 0));
    assertEquals(0.5, m.get("label_frequency_recall@1"), 1e-12);   // (0 + 1) / 2 steps
    assertEquals(0.5, m.get("label_frequency_precision@1"), 1e-12);
  }

  @Test
  void labelFrequencyBaselineNeedsEvaluationRows() {
    assertEquals(Map.of(), TASK.baselines(part("train", false, row(1, 0, 0)), part("eval", false), ABC));
  }

  @Test
  void describeListsTheLabelsAtOrAboveOneHalf() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.5f, 0.49f, 0.9f}, new float[0]);
    p.add(1, -1, new float[] {0.1f, 0.2f, 0.3f}, new float[0]);
    Map<String, Object> row = new LinkedHashMap<>();
    TASK.describe(p, 0, ABC, row);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("labels", "a c");
    expected.put("p_a", (double) 0.5f);
    expected.put("p_b", (double) 0.49f);
    expected.put("p_c", (double) 0.9f);
    assertEquals(expected, row);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(row.keySet()));
    Map<String, Object> none = new LinkedHashMap<>();
    TASK.describe(p, 1, ABC, none);
    assertEquals("", none.get("labels"));
  }

  @Test
  void earlyStoppingOnAnyMetricButTheLossMaximises() {
    assertFalse(TASK.higherIsBetter("loss"));
    for (String metric : List.of("recall@5", "precision@1", "roc_auc_micro")) assertTrue(TASK.higherIsBetter(metric), metric);
  }

  @Test
  void acceptsMultiLabelTargetsPerSequenceOrPerStep() {
    assertDoesNotThrow(() -> TASK.checkTargets(TargetKind.MULTILABEL, "jsonl"));
    assertDoesNotThrow(() -> TASK.checkTargets(TargetKind.PER_STEP_MULTILABEL, "jsonl"));
    var e = assertThrows(IllegalArgumentException.class, () -> TASK.checkTargets(TargetKind.CLASS, "jsonl"));
    assertEquals("task multilabel needs multi-label targets (data.options.target: multilabel or per_step_multilabel),"
        + " but the data have class targets", e.getMessage());
    assertFalse(TASK.perStepOutput(TargetKind.MULTILABEL));
    assertTrue(TASK.perStepOutput(TargetKind.PER_STEP_MULTILABEL));
  }

  private static float[] row(float... y) {
    return y;
  }

  /** One record per row of targets: one step each, or (per step) y.length / 2 steps of K = 2 labels. */
  private static DataPart part(String name, boolean perStep, float[]... targets) {
    int K = perStep ? 2 : 3;
    List<SequenceExample> records = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      int T = perStep ? targets[i].length / K : 1;
      records.add(new SequenceExample("r" + i, T, 1, new float[T], targets[i], name + ":" + i));
    }
    return new DataPart(name, records, null, null, false, perStep, K);
  }
}
