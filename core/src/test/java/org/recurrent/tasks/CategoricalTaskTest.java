package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.tensor.Tensor;

/** The two categorical tasks, {@link ClassificationTask} (one class per sequence) and {@link TaggingTask} (per step). */
class CategoricalTaskTest {
  private static final OutputLabels TWO = new OutputLabels(List.of("a", "b"), List.of(), 2, null, 0);

  private static DataPart labels(String name, int zeros, int ones, boolean perStep) {
    List<SequenceExample> records = new ArrayList<>();
    for (int i = 0; i < zeros + ones; i++) {
      float y = i < zeros ? 0 : 1;
      records.add(perStep ? new SequenceExample("r" + i, 2, 1, new float[] {0, 0}, new float[] {y, y}, name + ":" + i)
          : new SequenceExample("r" + i, 1, 1, new float[] {0}, new float[] {y}, name + ":" + i));
    }
    return new DataPart(name, records, null, null, false, perStep, 1);
  }

  @Test
  void majorityClassComesFromTrainingLabelsNotTheEvaluatedOnes() {
    // train: 7 of class a, 3 of b; evaluation: 2 a, 8 b. The training majority (a) scores 0.2 on evaluation;
    // a majority counted on the evaluation labels would score 0.8.
    Map<String, Double> m = new ClassificationTask().baselines(labels("train", 7, 3, false), labels("eval", 2, 8, false), TWO);
    assertEquals(0.2, m.get("majority_class_accuracy"), 1e-12);
  }

  @Test
  void taggingMajorityIsCountedOverTrainingSteps() {
    Map<String, Double> m = new TaggingTask().baselines(labels("train", 7, 3, true), labels("eval", 2, 8, true), TWO);
    assertEquals(0.2, m.get("majority_class_accuracy"), 1e-12);
  }

  @Test
  void earlyStoppingOnAnyMetricButTheLossMaximises() {
    for (CategoricalTask task : List.of(new ClassificationTask(), new TaggingTask())) {
      assertFalse(task.higherIsBetter("loss"), task + " loss");
      for (String metric : List.of("accuracy", "macro_f1", "roc_auc")) assertTrue(task.higherIsBetter(metric), task + " " + metric);
    }
  }

  @Test
  void classificationAnswersPerSequenceAndTaggingPerStep() {
    assertFalse(new ClassificationTask().perStepOutput(TargetKind.CLASS));
    assertTrue(new TaggingTask().perStepOutput(TargetKind.PER_STEP_CLASS));
  }

  @Test
  void eachAcceptsOnlyItsOwnKindOfClassTargets() {
    assertDoesNotThrow(() -> new ClassificationTask().checkTargets(TargetKind.CLASS, "jsonl"));
    assertDoesNotThrow(() -> new TaggingTask().checkTargets(TargetKind.PER_STEP_CLASS, "jsonl"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> new ClassificationTask().checkTargets(TargetKind.PER_STEP_CLASS, "jsonl"));
    assertEquals("task classification needs one class label per sequence, but the data have per_step_class targets",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TaggingTask().checkTargets(TargetKind.CLASS, "csv"));
    assertEquals("task tagging needs one class label per time step (per_step_labels / target: per_step_class), but the"
        + " data have class targets", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ClassificationTask().checkTargets(TargetKind.NONE, "text_corpus"));
    assertEquals("task classification needs one class label per sequence, but the data have a text corpus",
        e.getMessage());
  }

  @Test
  void readoutIsTheSoftmaxOverTheLastDimension() {
    // softmax(0, ln 3) = (1, 3) / 4
    Tensor p = new ClassificationTask().readout(Tensor.of(new float[] {0, (float) Math.log(3)}, 1, 2));
    assertArrayEquals(new float[] {0.25f, 0.75f}, p.data(), 1e-6f);
  }
}
