package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.baselines.FeatureMatrix;
import org.recurrent.baselines.FeatureTransform;
import org.recurrent.baselines.LogisticRegression;
import org.recurrent.baselines.OneVsRest;
import org.recurrent.metrics.ClassificationMetrics;

/**
 * The logistic-regression baseline of a classification with K > 2 classes on numeric records: one-vs-rest L2
 * logistic regressions (class k against the rest, predicted class {@code argmax_k p_k}) on the records'
 * fixed-length view ({@link SequenceFeatures}: the raw samples of equal-length records), standardised with the
 * training rows' mean and deviation. C is chosen from {@link #C_GRID} by validation accuracy, ties to the more
 * regularised value; the chosen model is scored on {@code eval} with the task's metrics, prefixed
 * {@code logistic_regression_}. Two classes keep the tuned binary regression ({@link ClassificationTask}); text keeps
 * its bags of words ({@link TextBaselines}).
 */
final class MulticlassBaselines {
  /** The candidate inverse regularisation strengths, most regularised first. */
  static final List<Double> C_GRID = List.of(0.01, 0.1, 1.0, 10.0, 100.0);

  private MulticlassBaselines() {}

  /**
   * The baseline's metrics on {@code eval}: accuracy, macro-F1 and the rest of {@link ClassificationMetrics#summary},
   * the chosen C and its validation accuracy; empty when a part is missing or empty, a class is absent from the
   * training part, the records have no fixed-length view, or the dense features would exceed
   * {@link CountBaselines#MAX_VALUES}.
   */
  static Map<String, Double> scores(DataPart train, DataPart validation, DataPart eval, int numClasses) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (train.isEmpty() || validation.isEmpty() || eval.isEmpty()) return out;
    int width = SequenceFeatures.width(List.of(train.records(), validation.records(), eval.records()));
    if (width <= 0) return out;
    long values = (long) width * (train.size() + validation.size() + eval.size());
    if (values > CountBaselines.MAX_VALUES) return out;
    FeatureMatrix rawTrain = SequenceFeatures.of(train.records(), width);
    FeatureTransform.Fitted scale = FeatureTransform.standardize().fit(rawTrain);
    FeatureMatrix x = scale.apply(rawTrain);
    FeatureMatrix xv = scale.apply(SequenceFeatures.of(validation.records(), width));
    int[] y = CountBaselines.labels(train), yv = CountBaselines.labels(validation);
    if (java.util.Arrays.stream(y).distinct().count() < numClasses) return out;   // one-vs-rest needs every class
    OneVsRest best = null;
    double bestC = Double.NaN, bestAccuracy = -1;
    for (double c : C_GRID) {
      OneVsRest m = new OneVsRest(() -> new LogisticRegression(c)).fit(x, y);
      double accuracy = ClassificationMetrics.accuracy(yv, m.predict(xv));
      if (accuracy > bestAccuracy) {
        best = m;
        bestC = c;
        bestAccuracy = accuracy;
      }
    }
    int[] predicted = best.predict(scale.apply(SequenceFeatures.of(eval.records(), width)));
    ClassificationMetrics.summary(CountBaselines.labels(eval), predicted, numClasses)
        .forEach((k, v) -> out.put("logistic_regression_" + k, v));
    out.put("logistic_regression_c", bestC);
    out.put("logistic_regression_validation_accuracy", bestAccuracy);
    return out;
  }
}
