package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

/** Baselines are fitted on the training part only: parts whose label frequencies differ tell the two apart. */
class TaskBaselinesTest {

  private static DataPart labels(String name, int zeros, int ones, boolean perStep) {
    List<SequenceExample> records = new ArrayList<>();
    for (int i = 0; i < zeros + ones; i++) {
      float y = i < zeros ? 0 : 1;
      records.add(perStep ? new SequenceExample("r" + i, 2, 1, new float[] {0, 0}, new float[] {y, y}, name + ":" + i)
          : new SequenceExample("r" + i, 1, 1, new float[] {0}, new float[] {y}, name + ":" + i));
    }
    return new DataPart(name, records, null, null, false, perStep, 1);
  }

  private static final OutputLabels TWO = new OutputLabels(List.of("a", "b"), List.of(), 2, null, 0);

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
  void regressionMeanComesFromTrainingTargets() {
    DataPart train = new DataPart("train", List.of(value(1), value(3)), null, null, false, false, 1);
    DataPart eval = new DataPart("eval", List.of(value(10), value(10)), null, null, false, false, 1);
    OutputLabels one = new OutputLabels(List.of(), List.of("y"), 1, null, 0);
    // predicting the training mean 2 for targets of 10: MAE 8 (the evaluation mean would give 0)
    assertEquals(8.0, new RegressionTask().baselines(train, eval, one).get("train_mean_mae"), 1e-9);
  }

  @Test
  void unigramLanguageModelIsFittedOnTheTrainingText() {
    // train text all token 0; eval all token 1: add-one smoothing gives p(1) = 1 / (4 + 2)
    DataPart train = new DataPart("train", List.of(), new int[] {0, 0, 0, 0}, null, true, true, 1);
    DataPart eval = new DataPart("eval", List.of(), new int[] {1, 1}, null, true, true, 1);
    double ce = new LanguageModelTask().baselines(train, eval, new OutputLabels(List.of(), List.of(), 2, null, 0))
        .get("unigram_cross_entropy");
    assertEquals(Math.log(6), ce, 1e-9);
  }

  @Test
  void registryNamesEveryTaskOnceAndRejectsUnknownNames() {
    TaskRegistry r = TaskRegistry.standard();
    assertEquals(List.of("classification", "multilabel", "regression", "forecast", "tagging", "language_model"), r.names());
    for (String n : r.names()) assertEquals(n, r.get(n).name());
    var e = assertThrows(IllegalArgumentException.class, () -> r.get("poetry"));
    assertTrue(e.getMessage().startsWith("unknown task 'poetry'; expected one of [classification"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.with(new ClassificationTask()));
  }

  @Test
  void eachTaskRefusesTargetsItCannotRead() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new RegressionTask().checkTargets(TargetKind.REGRESSION, "timeseries_csv"));
    assertEquals("task regression does not read a time series; use task: forecast for data.format timeseries_csv",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ForecastTask().checkTargets(TargetKind.REGRESSION, "wide_csv"));
    assertEquals("task forecast needs data.format timeseries_csv, but the data have regression targets", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiLabelTask().checkTargets(TargetKind.CLASS, "jsonl"));
    assertTrue(e.getMessage().startsWith("task multilabel needs multi-label targets"), e.getMessage());
  }

  private static SequenceExample value(float y) {
    return new SequenceExample("v" + y, 1, 1, new float[] {0}, new float[] {y}, "mem");
  }
}
