package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;

/**
 * The medication task's baselines, decision threshold and read-out on records small enough to score by hand.
 * M = 3 medications; diagnosis ids 1 and 2.
 * <pre>{@code
 * record A   t0 dx {1}    meds {m0}        record B   t0 dx {2}     meds {m2}
 *            t1 dx {1}    meds {m0, m1}               t1 dx {1, 2}  meds {m0, m2}
 *            t2 dx {2}    meds {m2}
 * P(m | 1) = (1, 1/3, 1/3)   P(m | 2) = (1/3, 0, 1)   frequencies (3, 1, 3)
 * }</pre>
 */
class MedicationTaskTest {
  private static final MedicationTask TASK = new MedicationTask();
  private static final OutputLabels LABELS = new OutputLabels(List.of("m0", "m1", "m2"), List.of(), 3, null, 0);

  @TempDir Path dir;

  private static SequenceExample record(String id, int[][] diagnoses, int[][] medications) {
    int T = diagnoses.length, M = 3;
    List<Integer> ids = new java.util.ArrayList<>();
    int[] offsets = new int[T];
    float[] y = new float[T * M];
    for (int t = 0; t < T; t++) {
      offsets[t] = ids.size();
      for (int d : diagnoses[t]) ids.add(d);
      for (int m : medications[t]) y[t * M + m] = 1;
    }
    StepInput.Bags bags = new StepInput.Bags(ids.stream().mapToInt(Integer::intValue).toArray(), offsets, null);
    Map<String, StepInput> inputs = new LinkedHashMap<>();
    inputs.put(SequenceExample.PRIMARY, bags);
    inputs.put(MedicationTask.DIAGNOSES, bags);
    return new SequenceExample(id, T, inputs, y, "test " + id);
  }

  private static DataPart part() {
    return new DataPart("train", List.of(
        record("A", new int[][] {{1}, {1}, {2}}, new int[][] {{0}, {0, 1}, {2}}),
        record("B", new int[][] {{2}, {1, 2}}, new int[][] {{2}, {0, 2}})), null, List.of(), false, true, 3);
  }

  @Test
  void baselinesChooseTheirCutOffsAndScoreAsComputedByHand() {
    Map<String, Double> s = TASK.baselines(part(), part(), LABELS);
    // most frequent: k = 1 -> {m0}: J 0.4; k = 2 -> {m0, m2}: (1/2 + 1/3 + 1/2 + 1/2 + 1) / 5; k = 3: 7/15
    assertEquals(2.0, s.get("most_frequent_k"));
    assertEquals((0.5 + 1.0 / 3 + 0.5 + 0.5 + 1) / 5, s.get("most_frequent_jaccard"), 1e-9);
    // per diagnosis: c <= 1/3 keeps the 1/3s: J (1/3 + 2/3 + 1/2 + 1/2 + 2/3) / 5; c in (1/3, 1]: (1 + 1/2 + 1 + 1 + 1) / 5
    assertEquals(0.35, s.get("per_diagnosis_cutoff"), 1e-12);
    assertEquals(0.9, s.get("per_diagnosis_jaccard"), 1e-6);
    assertEquals(1.0, s.get("per_diagnosis_precision"), 1e-6);
    assertEquals((1 + 0.5 + 1 + 1 + 1) / 5, s.get("per_diagnosis_recall"), 1e-6);
    // previous visit (first visits: the most frequent {m0, m2}): 1/2, 1/2, 0, 1/2, 1/2
    assertEquals(0.4, s.get("previous_visit_jaccard"), 1e-9);
  }

  @Test
  void savedBaselinesScoreExactlyAsFitted() throws IOException {
    FittedBaselines fitted = TASK.fitBaselines(part(), part(), LABELS);
    fitted.save(dir.resolve("baselines.json"));
    assertEquals(TASK.scoreBaselines(fitted, part(), LABELS),
        TASK.scoreBaselines(FittedBaselines.read(dir.resolve("baselines.json")), part(), LABELS));
  }

  @Test
  void baselinesOfAnotherLabelCountAreRefused() {
    FittedBaselines fitted = TASK.fitBaselines(part(), part(), LABELS);
    OutputLabels four = new OutputLabels(List.of("m0", "m1", "m2", "m3"), List.of(), 4, null, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TASK.scoreBaselines(fitted, part(), four));
    assertEquals("the most-frequent baseline has 3 medication labels, the model 4", e.getMessage());
  }

  private static Predictions predictions() {
    Predictions p = new Predictions();
    p.add(0, 0, new float[] {0.3f, 0.1f, 0.05f}, new float[] {1, 0, 0});
    p.add(0, 1, new float[] {0.6f, 0.25f, 0.0f}, new float[] {1, 1, 0});
    return p;
  }

  @Test
  void theThresholdIsChosenOnValidationAndKeptWithTheBaselines() {
    // c in (0.10, 0.25]: {m0} and {m0, m1}, both right; the first such grid value is 0.15
    FittedBaselines tuned = TASK.tuneDecision(TASK.fitBaselines(part(), part(), LABELS), MedicationTaskTest::predictions,
        LABELS);
    Map<String, Double> m = TASK.decisionMetrics(predictions(), LABELS, tuned);
    assertEquals(0.15, m.get("threshold"), 1e-12);
    assertEquals(1.0, m.get("jaccard"), 1e-12);
    // at 0.5: {} and {m0}: J (0 + 1/2) / 2
    assertEquals(0.25, TASK.metrics(predictions(), LABELS).get("jaccard@0.5"), 1e-12);
    // tuning again replaces the threshold rather than adding a second one
    FittedBaselines twice = TASK.tuneDecision(tuned, MedicationTaskTest::predictions, LABELS);
    assertEquals(1, twice.baselines().stream().filter(b -> b.name().equals(MedicationTask.MODEL_THRESHOLD)).count());
    assertFalse(TASK.decisionMetrics(predictions(), LABELS, TASK.fitBaselines(part(), part(), LABELS))
        .containsKey("threshold"), "no threshold, no decision metrics");
  }

  @Test
  void describeListsTheMedicationsAtTheChosenThreshold() {
    FittedBaselines tuned = TASK.tuneDecision(TASK.fitBaselines(part(), part(), LABELS), MedicationTaskTest::predictions,
        LABELS);
    Map<String, Object> row = new LinkedHashMap<>();
    TASK.describe(predictions(), 1, LABELS, row, tuned);
    assertEquals("m0 m1", row.get("medications"));
    assertEquals(0.15, row.get("threshold"));
    Map<String, Object> plain = new LinkedHashMap<>();
    TASK.describe(predictions(), 1, LABELS, plain);
    assertEquals("m0", plain.get("medications"), "without a chosen threshold, 0.5");
  }

  @Test
  void recordsWithoutTheDiagnosesInputAreRefused() {
    SequenceExample e = new SequenceExample("x", 1, Map.of(SequenceExample.PRIMARY,
        new StepInput.Bags(new int[] {1}, new int[] {0}, null)), new float[3], "f.csv:2");
    DataPart p = new DataPart("x", List.of(e), null, List.of(), false, true, 3);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TASK.fitBaselines(p, p, LABELS));
    assertEquals("f.csv:2: record 'x' has no 'diagnoses' input; task medication reads records made by data.format ehr",
        ex.getMessage());
  }
}
