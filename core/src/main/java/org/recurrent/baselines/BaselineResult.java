package org.recurrent.baselines;

import java.util.Map;
import java.util.Objects;
import org.recurrent.metrics.BinaryMetrics;

/**
 * One baseline of a {@link BaselineSuite} run: its name, the tuned hyper-parameter with the value chosen on
 * validation and that validation ROC-AUC, all hyper-parameters it was fitted with, the test scores (one per test
 * row, from the model fitted on the training rows) and the full tuning record.
 */
public record BaselineResult(String name, String parameter, double chosenValue, double validationAuc,
    Map<String, Double> hyperParameters, double[] testScores, boolean scoresAreProbabilities,
    TunedClassifier tuning) {
  public BaselineResult {
    Objects.requireNonNull(name, "name");
    hyperParameters = Map.copyOf(hyperParameters);
    testScores = testScores.clone();
  }

  @Override
  public double[] testScores() {
    return testScores.clone();
  }

  /** ROC-AUC of the test scores against the test labels (computed only when asked, after tuning is over). */
  public double testRocAuc(int[] testTruth) {
    return BinaryMetrics.rocAuc(testTruth, testScores);
  }
}
