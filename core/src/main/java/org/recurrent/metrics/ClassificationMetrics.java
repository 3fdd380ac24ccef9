package org.recurrent.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Single-label classification from class indices, and the argmax that turns probabilities or logits into them.
 * Per-class and averaged precision, recall and F1 live on {@link ConfusionMatrix}.
 */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  /**
   * Fraction of exact matches, {@code (1/N) sum_i [truth_i == predicted_i]}. Labels are not range-checked here
   * (any int is a label); the inputs must be non-empty and of equal length.
   */
  public static double accuracy(int[] truth, int[] predicted) {
    InputChecks.requireSameLength("accuracy", "truth", truth.length, "predicted", predicted.length);
    InputChecks.requireNonEmpty("accuracy", truth.length);
    int correct = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] == predicted[i]) correct++;
    }
    return (double) correct / truth.length;
  }

  /**
   * The standard metrics of a K-class task, in this order: {@code accuracy, macro_f1, micro_f1, macro_precision,
   * macro_recall} (see {@link ConfusionMatrix} for the formulas and the zero-division convention).
   */
  public static Map<String, Double> summary(int[] truth, int[] predicted, int numClasses) {
    ConfusionMatrix matrix = ConfusionMatrix.of(truth, predicted, numClasses);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("accuracy", matrix.accuracy());
    summary.put("macro_f1", matrix.f1(Average.MACRO));
    summary.put("micro_f1", matrix.f1(Average.MICRO));
    summary.put("macro_precision", matrix.precision(Average.MACRO));
    summary.put("macro_recall", matrix.recall(Average.MACRO));
    return Collections.unmodifiableMap(summary);
  }

  /**
   * Index of the largest score, {@code argmax_j scores[j]}; ties go to the lowest index (as {@code numpy.argmax}).
   * Works the same for probabilities and logits, since softmax keeps the order. NaN scores are rejected.
   */
  public static int argmax(float[] scores) {
    return argmax("scores", scores);
  }

  /** {@link #argmax(float[])} of each row of a (N, K) score matrix; errors name the row, as in {@code scores[3]}. */
  public static int[] argmax(float[][] scores) {
    Objects.requireNonNull(scores, "scores");
    int[] predicted = new int[scores.length];
    for (int i = 0; i < scores.length; i++) predicted[i] = argmax("scores[" + i + "]", scores[i]);
    return predicted;
  }

  private static int argmax(String name, float[] scores) {
    Objects.requireNonNull(scores, name);
    if (scores.length == 0) {
      throw new IllegalArgumentException("argmax: " + name + " is empty; need at least one class");
    }
    InputChecks.requireNoNaN("argmax", name, scores);
    int best = 0;
    for (int j = 1; j < scores.length; j++) {
      if (scores[j] > scores[best]) best = j; // strict: an equal later score keeps the earlier index
    }
    return best;
  }
}
