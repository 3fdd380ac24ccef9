package org.recurrent.tasks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.SequenceExample;
import org.recurrent.metrics.BinaryMetrics;
import org.recurrent.metrics.ClassificationMetrics;

/**
 * Metrics and the majority-class baseline shared by the tasks that predict one class per row (a sequence or a
 * time step):
 * <pre>{@code
 * accuracy, macro_f1, micro_f1, macro_precision, macro_recall; with K = 2 also roc_auc and pr_auc
 * (class 1's probability as the score)
 * majority_class_*: the training part's most frequent class predicted for every evaluation row
 * }</pre>
 */
final class CategoricalScores {
  private CategoricalScores() {}

  static Map<String, Double> of(Predictions p) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!p.labelled() || p.size() == 0) return out;
    int n = p.size(), K = p.output(0).length;
    int[] truth = new int[n], predicted = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = (int) p.truth(i)[0];
      predicted[i] = p.predictedClass(i);
    }
    out.putAll(ClassificationMetrics.summary(truth, predicted, K));
    if (K == 2 && bothClasses(truth)) {
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) scores[i] = p.output(i)[1];
      out.put("roc_auc", BinaryMetrics.rocAuc(truth, scores));
      out.put("pr_auc", BinaryMetrics.averagePrecision(truth, scores));
    }
    return out;
  }

  /** The majority-class baseline's name, and its metrics' prefix. */
  static final String MAJORITY = "majority_class";

  /**
   * The majority-class baseline fitted on {@code train}: how often each class is the target there (every value of
   * y is a class index); nothing without training records.
   */
  static List<FittedBaselines.Baseline> fitMajority(List<SequenceExample> train, int classes) {
    if (train.isEmpty()) return List.of();
    double[] counts = new double[classes];
    for (SequenceExample e : train) for (float y : e.y()) counts[(int) y]++;
    return List.of(FittedBaselines.Baseline.of(MAJORITY, counts));
  }

  /** The most frequent class of the fitted counts (the first of equals) predicted for every target of {@code eval}. */
  static Map<String, Double> scoreMajority(double[] counts, List<SequenceExample> eval) {
    if (eval.isEmpty()) return Map.of();
    int classes = counts.length;
    int majority = 0;
    for (int k = 1; k < classes; k++) if (counts[k] > counts[majority]) majority = k;
    int n = 0;
    for (SequenceExample e : eval) n += e.y().length;
    int[] truth = new int[n], predicted = new int[n];
    int i = 0;
    for (SequenceExample e : eval) for (float y : e.y()) truth[i++] = (int) y;
    Arrays.fill(predicted, majority);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("majority_class_accuracy", ClassificationMetrics.accuracy(truth, predicted));
    out.put("majority_class_macro_f1", ClassificationMetrics.summary(truth, predicted, classes).get("macro_f1"));
    return out;
  }

  /** Class label, class probabilities and (when known) the true label. */
  static void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    float[] out = p.output(row);
    into.put("label", labels.name(p.predictedClass(row)));
    for (int k = 0; k < out.length; k++) into.put("p_" + labels.name(k), (double) out[k]);
    if (p.truth(row).length > 0) into.put("true_label", labels.name((int) p.truth(row)[0]));
  }

  /** Loss is the only lower-is-better quantity among these tasks' metrics. */
  static boolean higherIsBetter(String metric) {
    return !metric.equals("loss");
  }

  private static boolean bothClasses(int[] truth) {
    boolean zero = false, one = false;
    for (int t : truth) {
      zero |= t == 0;
      one |= t == 1;
    }
    return zero && one;
  }
}
