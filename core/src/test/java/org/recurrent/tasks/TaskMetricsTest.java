package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
  private static final OutputLabels TWO_CLASSES = new OutputLabels(List.of("no", "yes"), List.of(), 2, null, 0);

  @Test
  void binaryClassificationAddsRankingMetricsFromClassOneProbability() {
    Predictions p = new Predictions();
    // truth 0, 0, 1, 1 with P(class 1) = 0.1, 0.4, 0.35, 0.8: accuracy 3/4 at argmax, ROC-AUC 0.75
    float[] scores = {0.1f, 0.4f, 0.35f, 0.8f};
    int[] truth = {0, 0, 1, 1};
    for (int i = 0; i < 4; i++) p.add(i, -1, new float[] {1 - scores[i], scores[i]}, new float[] {truth[i]});
    Map<String, Double> m = new ClassificationTask().metrics(p, TWO_CLASSES);
    assertEquals(0.75, m.get("accuracy"), 1e-12);  // only 0.35 (truth 1) falls on the wrong side of 0.5
    assertEquals(0.75, m.get("roc_auc"), 1e-12);
    assertEquals(0.8333333333333333, m.get("pr_auc"), 1e-12);
  }

  @Test
  void regressionIsScoredInDataUnits() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.5f}, new float[] {0.25f});
    p.add(1, -1, new float[] {1.0f}, new float[] {1.0f});
    // unscale: v = 10 z + 5 -> predictions 10, 15 vs truth 7.5, 15: RMSE = sqrt(2.5^2 / 2)
    OutputLabels units = new OutputLabels(List.of(), List.of("y"), 1, row -> new float[] {row[0] * 10 + 5}, 1);
    Map<String, Double> m = new ForecastTask().metrics(p, units);
    assertEquals(Math.sqrt(6.25 / 2), m.get("rmse"), 1e-6);
    assertEquals(1.25, m.get("mae"), 1e-6);
  }

  @Test
  void languageModelMetricsComeFromTheLoss() {
    Predictions p = new Predictions();
    p.addLoss(Math.log(4), 10);
    Map<String, Double> m = new LanguageModelTask().metrics(p, new OutputLabels(List.of(), List.of(), 4, null, 0));
    assertEquals(4.0, m.get("perplexity"), 1e-9);
    assertEquals(2.0, m.get("bits_per_character"), 1e-9);
  }
}
