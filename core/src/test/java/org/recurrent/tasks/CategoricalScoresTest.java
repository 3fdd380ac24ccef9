package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;

class CategoricalScoresTest {
  private static final OutputLabels THREE = new OutputLabels(List.of("neg", "pos", "unk"), List.of(), 3, null, 0);

  @Test
  void binaryClassificationAddsRankingMetricsFromClassOneProbability() {
    Predictions p = new Predictions();
    // truth 0, 0, 1, 1 with P(class 1) = 0.1, 0.4, 0.35, 0.8: accuracy 3/4 at argmax, ROC-AUC 0.75
    float[] scores = {0.1f, 0.4f, 0.35f, 0.8f};
    int[] truth = {0, 0, 1, 1};
    for (int i = 0; i < 4; i++) p.add(i, -1, new float[] {1 - scores[i], scores[i]}, new float[] {truth[i]});
    Map<String, Double> m = CategoricalScores.of(p);
    assertEquals(0.75, m.get("accuracy"), 1e-12);  // only 0.35 (truth 1) falls on the wrong side of 0.5
    assertEquals(0.75, m.get("roc_auc"), 1e-12);
    // ranked by score 0.8 (1), 0.4 (0), 0.35 (1), 0.1 (0): AP = (1/1 + 2/3) / 2
    assertEquals(0.8333333333333333, m.get("pr_auc"), 1e-12);
  }

  @Test
  void rankingMetricsNeedBothClassesAndExactlyTwo() {
    Predictions oneClass = new Predictions();
    oneClass.add(0, -1, new float[] {0.3f, 0.7f}, new float[] {1});
    oneClass.add(1, -1, new float[] {0.6f, 0.4f}, new float[] {1});
    Map<String, Double> m = CategoricalScores.of(oneClass);
    assertEquals(0.5, m.get("accuracy"), 1e-12);
    assertFalse(m.containsKey("roc_auc"));
    assertFalse(m.containsKey("pr_auc"));
    Predictions three = new Predictions();
    three.add(0, -1, new float[] {0.1f, 0.7f, 0.2f}, new float[] {1});
    three.add(1, -1, new float[] {0.6f, 0.3f, 0.1f}, new float[] {0});
    assertEquals(List.of("accuracy", "macro_f1", "micro_f1", "macro_precision", "macro_recall"),
        List.copyOf(CategoricalScores.of(three).keySet()));
  }

  @Test
  void unlabelledPredictionsHaveNoMetrics() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.3f, 0.7f}, new float[0]);
    assertTrue(CategoricalScores.of(p).isEmpty());
    assertTrue(CategoricalScores.of(new Predictions()).isEmpty());
  }

  /** Fitted on train, scored on eval, as a run does. */
  private static Map<String, Double> majority(List<SequenceExample> train, List<SequenceExample> eval, int classes) {
    return CategoricalScores.fitMajority(train, classes).stream().findFirst()
        .map(b -> CategoricalScores.scoreMajority(b.array(), eval)).orElse(Map.of());
  }

  @Test
  void majorityTieGoesToTheLowestClassIndex() {
    // training counts: class 0 once, classes 1 and 2 twice each -> the tie of 1 and 2 goes to 1
    List<SequenceExample> train = records(0, 1, 2, 2, 1);
    // evaluation 1, 1, 2, 0: predicting 1 gets 2 of 4 right (class 2 would get 1 of 4, class 0 also 1 of 4)
    List<SequenceExample> eval = records(1, 1, 2, 0);
    Map<String, Double> m = majority(train, eval, 3);
    assertEquals(0.5, m.get("majority_class_accuracy"), 1e-12);
    // F1_1 = 2 tp / (2 tp + fp + fn) = 4 / (4 + 2 + 0) = 2/3; F1_0 = F1_2 = 0 (never predicted); macro = (2/3) / 3
    assertEquals(2.0 / 9, m.get("majority_class_macro_f1"), 1e-12);
  }

  @Test
  void majorityBaselineNeedsBothParts() {
    assertEquals(Map.of(), majority(List.of(), records(0, 1), 2));
    assertEquals(Map.of(), majority(records(0, 1), List.of(), 2));
  }

  @Test
  void describeGivesTheLabelEveryClassProbabilityAndTheTrueLabel() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.2f, 0.7f, 0.1f}, new float[] {0});
    p.add(1, -1, new float[] {0.5f, 0.2f, 0.3f}, new float[0]);
    Map<String, Object> row = new LinkedHashMap<>();
    CategoricalScores.describe(p, 0, THREE, row);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("label", "pos");
    expected.put("p_neg", (double) 0.2f);
    expected.put("p_pos", (double) 0.7f);
    expected.put("p_unk", (double) 0.1f);
    expected.put("true_label", "neg");
    assertEquals(expected, row);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(row.keySet()));
    Map<String, Object> unlabelled = new LinkedHashMap<>();
    CategoricalScores.describe(p, 1, THREE, unlabelled);
    assertEquals(List.of("label", "p_neg", "p_pos", "p_unk"), List.copyOf(unlabelled.keySet()));
    assertEquals("neg", unlabelled.get("label"));
  }

  @Test
  void onlyTheLossIsLowerIsBetter() {
    assertFalse(CategoricalScores.higherIsBetter("loss"));
    for (String metric : List.of("accuracy", "macro_f1", "micro_f1", "macro_precision", "macro_recall", "roc_auc",
        "pr_auc")) {
      assertTrue(CategoricalScores.higherIsBetter(metric), metric);
    }
  }

  /** One single-step record per class index. */
  static List<SequenceExample> records(int... classes) {
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      out.add(new SequenceExample("r" + i, 1, 1, new float[] {0}, new float[] {classes[i]}, "mem:" + i));
    }
    return out;
  }
}
