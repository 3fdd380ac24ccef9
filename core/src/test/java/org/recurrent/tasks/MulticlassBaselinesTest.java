package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.baselines.FeatureMatrix;
import org.recurrent.baselines.FeatureTransform;
import org.recurrent.baselines.LogisticRegression;
import org.recurrent.baselines.OneVsRest;
import org.recurrent.data.SequenceExample;

/** The one-vs-rest logistic-regression baseline of K-class numeric records (the EEG recipe's five classes). */
class MulticlassBaselinesTest {

  /** Records of 6 steps, 1 feature; class k shifts step k's value by +2, so each class is linearly separable. */
  private static DataPart part(String name, int n, int classes, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i % classes;
      float[] x = new float[6];
      for (int t = 0; t < 6; t++) x[t] = (float) r.nextGaussian() + (t == k ? 2f : 0f);
      out.add(new SequenceExample(name + i, 6, 1, x, new float[] {k}, "gen:" + i));
    }
    return new DataPart(name, out, null, List.of(), false, false, 1);
  }

  @Test
  void choosesCOnValidationAndScoresTheTestPartAsAnIndependentFitDoes() {
    DataPart train = part("train", 300, 3, 1), validation = part("val", 150, 3, 2), test = part("test", 150, 3, 3);
    Map<String, Double> s = MulticlassBaselines.scores(train, validation, test, 3);
    double c = s.get("logistic_regression_c");
    assertTrue(MulticlassBaselines.C_GRID.contains(c), "C " + c);
    assertTrue(s.get("logistic_regression_accuracy") > 0.6, s.toString());   // chance 1/3

    // the same model fitted here, standardised by the training rows: its test accuracy is the reported one
    FeatureMatrix raw = SequenceFeatures.of(train.records(), 6);
    FeatureTransform.Fitted scale = FeatureTransform.standardize().fit(raw);
    OneVsRest m = new OneVsRest(() -> new LogisticRegression(c)).fit(scale.apply(raw), CountBaselines.labels(train));
    int[] predicted = m.predict(scale.apply(SequenceFeatures.of(test.records(), 6)));
    int[] truth = CountBaselines.labels(test);
    int right = 0;
    for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) right++;
    assertEquals(right / (double) truth.length, s.get("logistic_regression_accuracy"), 1e-12);
    assertTrue(s.containsKey("logistic_regression_macro_f1"));
    assertTrue(s.get("logistic_regression_validation_accuracy") > 0.6);
  }

  @Test
  void aClassMissingFromTrainingLeavesTheBaselineOut() {
    DataPart train = part("train", 60, 2, 1);                      // classes 0 and 1 only
    assertEquals(Map.of(), MulticlassBaselines.scores(train, part("val", 30, 3, 2), part("test", 30, 3, 3), 3));
  }

  @Test
  void theClassificationTaskReportsItForMoreThanTwoClasses() {
    DataPart train = part("train", 300, 4, 1), validation = part("val", 120, 4, 2), test = part("test", 120, 4, 3);
    TunedBaselines tuned = new ClassificationTask().tunedBaselines(train, validation, test,
        new OutputLabels(List.of("a", "b", "c", "d"), List.of(), 4, null, 0));
    assertTrue(tuned.metrics().get("logistic_regression_accuracy") > 0.5, tuned.metrics().toString());   // chance 1/4
  }
}
