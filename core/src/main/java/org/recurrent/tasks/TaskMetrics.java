package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.recurrent.metrics.BinaryMetrics;
import org.recurrent.metrics.ClassificationMetrics;
import org.recurrent.metrics.LanguageModelMetrics;
import org.recurrent.metrics.MultiLabelMetrics;
import org.recurrent.metrics.RegressionMetrics;

/**
 * The standard metrics of each task, computed from {@link Predictions}:
 * <pre>{@code
 * classification  accuracy, macro_f1, micro_f1, macro_precision, macro_recall; with 2 classes also roc_auc, pr_auc
 *                 (class 1's probability as the score)
 * tagging         the same over all real time steps
 * multilabel      recall@k and precision@k for k in 1, 5, 10, 20, 30 (those <= K), roc_auc micro-averaged
 * regression      rmse, mae, mape, smape, r2 over all target values, in the data's own units
 * language model  cross_entropy (nats per token), perplexity, bits_per_character
 * }</pre>
 */
public final class TaskMetrics {
  private TaskMetrics() {}

  /**
   * @param unscale for regression: maps a row of K model-scale values back to data units (null: identity)
   */
  public static Map<String, Double> compute(Predictions p, UnaryOperator<float[]> unscale) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (p.task() == Task.LANGUAGE_MODEL) {
      out.putAll(LanguageModelMetrics.summary(p.meanLoss() * p.lossWeight(), Math.round(p.lossWeight())));
      return out;
    }
    if (!p.labelled() || p.size() == 0) return out;
    int n = p.size();
    switch (p.task()) {
      case CLASSIFICATION, TAGGING -> {
        int K = p.output(0).length;
        int[] truth = new int[n], predicted = new int[n];
        for (int i = 0; i < n; i++) {
          truth[i] = (int) p.truth(i)[0];
          predicted[i] = p.predictedClass(i);
        }
        out.putAll(ClassificationMetrics.summary(truth, predicted, K));
        if (K == 2 && hasBothClasses(truth)) {
          double[] scores = new double[n];
          for (int i = 0; i < n; i++) scores[i] = p.output(i)[1];
          out.put("roc_auc", BinaryMetrics.rocAuc(truth, scores));
          out.put("pr_auc", BinaryMetrics.averagePrecision(truth, scores));
        }
      }
      case MULTILABEL -> {
        int K = p.output(0).length;
        int[][] truth = new int[n][];
        float[][] scores = new float[n][];
        int[] flatTruth = new int[n * K];
        double[] flatScores = new double[n * K];
        boolean anyPositive = false;
        for (int i = 0; i < n; i++) {
          truth[i] = new int[K];
          scores[i] = p.output(i);
          for (int k = 0; k < K; k++) {
            truth[i][k] = p.truth(i)[k] > 0.5f ? 1 : 0;
            anyPositive |= truth[i][k] == 1;
            flatTruth[i * K + k] = truth[i][k];
            flatScores[i * K + k] = scores[i][k];
          }
        }
        if (anyPositive) {
          int[] ks = java.util.stream.IntStream.of(1, 5, 10, 20, 30).filter(k -> k <= K).toArray();
          out.putAll(MultiLabelMetrics.summary(truth, scores, ks));
        }
        if (hasBothClasses(flatTruth)) out.put("roc_auc_micro", BinaryMetrics.rocAuc(flatTruth, flatScores));
      }
      case REGRESSION -> {
        int K = p.output(0).length;
        double[] truth = new double[n * K], predicted = new double[n * K];
        for (int i = 0; i < n; i++) {
          float[] y = unscale == null ? p.truth(i) : unscale.apply(p.truth(i));
          float[] f = unscale == null ? p.output(i) : unscale.apply(p.output(i));
          for (int k = 0; k < K; k++) {
            truth[i * K + k] = y[k];
            predicted[i * K + k] = f[k];
          }
        }
        out.putAll(RegressionMetrics.summary(truth, predicted));
      }
      default -> throw new IllegalStateException(p.task().name());
    }
    return out;
  }

  private static boolean hasBothClasses(int[] truth) {
    boolean zero = false, one = false;
    for (int t : truth) {
      zero |= t == 0;
      one |= t == 1;
    }
    return zero && one;
  }
}
