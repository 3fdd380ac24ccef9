package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;

/** classification's tuned baseline: logistic regression on the raw samples, or on a bag of words. */
class ClassificationBaselinesTest {
  private static final ClassificationTask TASK = new ClassificationTask();
  private static final OutputLabels TWO = new OutputLabels(List.of("no", "yes"), List.of(), 2, null, 0);

  /** Records of T = 4 steps whose class is the sign of x[2] (a linear rule on the raw samples). */
  private static List<SequenceExample> dense(int n, int T, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[T];
      for (int t = 0; t < T; t++) x[t] = (float) r.nextGaussian();
      out.add(new SequenceExample("r" + i, T, 1, x, new float[] {x[2] > 0 ? 1 : 0}, "mem"));
    }
    return out;
  }

  private static DataPart part(List<SequenceExample> records, boolean tokens) {
    return new DataPart("p", records, null, List.of(), tokens, false, 1);
  }

  @Test
  void logisticRegressionOnTheRawSamplesFindsALinearRule() {
    Map<String, Double> b = TASK.tunedBaselines(part(dense(300, 4, 1), false), part(dense(100, 4, 2), false),
        part(dense(200, 4, 3), false), TWO).metrics();
    assertTrue(b.get("logistic_regression_roc_auc") > 0.97, b.toString());
    assertTrue(b.get("logistic_regression_accuracy") > 0.9, b.toString());
    assertTrue(b.containsKey("logistic_regression_c") && b.containsKey("logistic_regression_roc_auc_ci_low"));
  }

  @Test
  void textIsLeftToTheStoredBagOfWordsRegressions() {
    // token records get their logistic regressions from fitBaselines (TextBaselines, kept in baselines.json)
    List<SequenceExample> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(SequenceExample.tokens("t" + i, new int[] {1 + i % 3, 7}, new float[] {i % 2}, "mem"));
    }
    assertEquals(Map.of(), TASK.tunedBaselines(part(records, true), part(records, true), part(records, true), TWO)
        .metrics());
  }

  @Test
  void noFixedLengthViewNoValidationOrMoreClassesMeansNoneOfIt() {
    List<SequenceExample> ragged = new ArrayList<>(dense(50, 4, 5));
    ragged.addAll(dense(50, 3, 6));
    assertEquals(Map.of(), TASK.tunedBaselines(part(ragged, false), part(dense(50, 4, 7), false),
        part(dense(50, 4, 8), false), TWO).metrics());
    assertEquals(Map.of(), TASK.tunedBaselines(part(dense(50, 4, 5), false), part(List.of(), false),
        part(dense(50, 4, 8), false), TWO).metrics());
    assertEquals(Map.of(), TASK.tunedBaselines(part(dense(50, 4, 5), false), part(dense(50, 4, 7), false),
        part(dense(50, 4, 8), false), new OutputLabels(List.of("a", "b", "c"), List.of(), 3, null, 0)).metrics());
  }
}
