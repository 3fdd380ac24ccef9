package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.TargetLayout;
import org.recurrent.tensor.Tensor;

class NextVisitTaskTest {
  private static final NextVisitTask TASK = new NextVisitTask();

  private static double bce(double z, double y) {
    return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** Two labels and the time: K = 3. Record r0 has 2 steps, r1 one, so (t=1, b=1) is padding. */
  @Test
  void lossIsLTimesTheMeanLabelCrossEntropyPlusTheTimeSquaredErrorOverRealSteps() {
    Batch batch = new Batcher(List.of(
        new SequenceExample("r0", 2, 1, new float[] {0, 0}, new float[] {1, 0, 0.5f, 0, 1, 0.25f}, "mem:1"),
        new SequenceExample("r1", 1, 1, new float[] {0}, new float[] {1, 1, 1f}, "mem:2")),
        BatchPlan.of(2), TargetLayout.perStep(3)).batch(0, 0);
    // rows t*B + b: (0,0) r0 step 0, (0,1) r1 step 0, (1,0) r0 step 1, (1,1) padding
    float[] z = {0.5f, -1, 0.2f, 2, 0, 1, -0.5f, 1.5f, 0.4f, 9, 9, 9};
    double labels = (bce(0.5, 1) + bce(-1, 0) + bce(2, 1) + bce(0, 1) + bce(-0.5, 0) + bce(1.5, 1)) / 6;
    double time = (Math.pow(0.2 - 0.5, 2) + Math.pow(1 - 1, 2) + Math.pow(0.4 - 0.25, 2)) / 3;
    double loss = TASK.loss(Tensor.of(z, 2, 2, 3), batch, null).item();
    assertEquals(2 * labels + time, loss, 1e-6);
  }

  @Test
  void readoutIsSigmoidForTheLabelsAndTheRawValueForTheTime() {
    Tensor r = TASK.readout(Tensor.of(new float[] {0, 2, -3, 0.7f}, 1, 1, 4));
    assertEquals(0.5, r.get(0, 0, 0), 1e-6);
    assertEquals(1 / (1 + Math.exp(-2)), r.get(0, 0, 1), 1e-6);
    assertEquals(1 / (1 + Math.exp(3)), r.get(0, 0, 2), 1e-6);
    assertEquals(0.7, r.get(0, 0, 3), 1e-6);
  }

  @Test
  void metricsRankTheLabelsAndMeasureTheTimeInDays() {
    Predictions p = new Predictions();
    float tauYear = (float) Math.log1p(365); // 365 days
    float[] out = new float[6];
    out[0] = 0.9f; out[1] = 0.8f; out[2] = 0.1f; out[3] = 0.7f; out[4] = 0.2f; out[5] = tauYear;
    float[] truth = {0, 0, 1, 1, 0, 0};  // labels 2 and 3; true time tau 0 = 0 days
    p.add(0, 0, out, truth);
    Map<String, Double> m = TASK.metrics(p, new OutputLabels(List.of(), names(5), 6, null, 0));
    // L = 5: recall@5 only; the top 5 of 5 labels hold both true ones
    assertEquals(1.0, m.get("recall@5"), 1e-12);
    assertFalse(m.containsKey("recall@10"));
    assertEquals(365, m.get("time_mae_days"), 1e-2);
  }

  @Test
  void sameAsCurrentRanksThePreviousStepsTargetsFirstAndMostFrequentUsesTrainingCounts() {
    int L = 12, K = L + 1;
    // training targets: label 11 at every step, so most_frequent ranks it first
    List<SequenceExample> train = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      float[] y = new float[2 * K];
      y[11] = 1;
      y[K + 11] = 1;
      y[K + i] = 1;
      train.add(new SequenceExample("t" + i, 2, 1, new float[2], y, "mem"));
    }
    // evaluation: step 1's labels are exactly step 0's (labels 0 and 1), never label 11
    float[] y = new float[2 * K];
    y[0] = 1; y[1] = 1; y[K] = 1; y[K + 1] = 1;
    List<SequenceExample> eval = List.of(new SequenceExample("e", 2, 1, new float[2], y, "mem"));
    var labels = new OutputLabels(List.of(), names(L), K, null, 0);
    Map<String, Double> b = TASK.baselines(part(train, K), part(eval, K), labels);
    // same_as_current: step 0 has no current labels (frequency ranking: 11, then 0..4 by count ties -> labels 0, 1
    // in the top 5); step 1 ranks labels 0 and 1 first: recall@5 = (1 + 1) / 2
    assertEquals(1.0, b.get("same_as_current_recall@5"), 1e-12);
    assertTrue(b.get("same_as_current_recall@10") >= b.get("same_as_current_recall@5"));
    // most_frequent ranks 11 first and labels 0..4 next (one count each): top 5 = 11, 0, 1, 2, 3 holds 0 and 1
    assertEquals(1.0, b.get("most_frequent_recall@5"), 1e-12);
    assertTrue(b.containsKey("most_frequent_time_mae_days"));
    assertFalse(b.containsKey("same_as_current_time_mae_days"));
  }

  @Test
  void sameAsCurrentBeatsMostFrequentWhenVisitsRepeat() {
    int L = 12, K = L + 1;
    List<SequenceExample> train = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      float[] y = new float[K];
      for (int k = 0; k < 6; k++) y[k] = 1;   // labels 0..5 frequent in training
      train.add(new SequenceExample("t" + i, 1, 1, new float[1], y, "mem"));
    }
    float[] y = new float[3 * K];
    for (int t = 0; t < 3; t++) y[t * K + 9] = 1; // the patient's visits all hold label 9, never frequent
    var labels = new OutputLabels(List.of(), names(L), K, null, 0);
    Map<String, Double> b = TASK.baselines(part(train, K),
        part(List.of(new SequenceExample("e", 3, 1, new float[3], y, "mem")), K), labels);
    // most_frequent's top 5 is labels 0..4 at every step: recall 0; same_as_current finds 9 at steps 1 and 2
    assertEquals(0.0, b.get("most_frequent_recall@5"), 1e-12);
    assertEquals(2.0 / 3, b.get("same_as_current_recall@5"), 1e-12);
  }

  @Test
  void acceptsOnlyEhrVisitSequences() {
    assertThrows(IllegalArgumentException.class, () -> TASK.checkTargets(TargetKind.PER_STEP_REGRESSION, "jsonl"));
    assertThrows(IllegalArgumentException.class, () -> TASK.checkTargets(TargetKind.CLASS, "ehr"));
    TASK.checkTargets(TargetKind.PER_STEP_REGRESSION, "ehr");
    assertTrue(TASK.perStepOutput(TargetKind.PER_STEP_REGRESSION));
    assertFalse(TASK.higherIsBetter("time_mae_days"));
    assertTrue(TASK.higherIsBetter("recall@10"));
  }

  @Test
  void describeListsTheTopLabelsAndTheDays() {
    Predictions p = new Predictions();
    p.add(0, 0, new float[] {0.1f, 0.9f, 0.5f, 0}, new float[0]);
    Map<String, Object> row = new LinkedHashMap<>();
    TASK.describe(p, 0, new OutputLabels(List.of(), List.of("a", "b", "c", NextVisitTask.TIME_TARGET), 4, null, 0), row);
    assertEquals("b c a", row.get("top_10_next_labels"));
    assertEquals(0.0, (double) row.get("days_to_next_visit"), 1e-9);
  }

  private static List<String> names(int L) {
    List<String> n = new ArrayList<>();
    for (int k = 0; k < L; k++) n.add("d" + k);
    n.add(NextVisitTask.TIME_TARGET);
    return n;
  }

  private static DataPart part(List<SequenceExample> records, int K) {
    return new DataPart("p", records, null, List.of(), false, true, K);
  }
}
