package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.metrics.ClassificationMetrics;
import org.recurrent.metrics.LanguageModelMetrics;
import org.recurrent.metrics.RegressionMetrics;

/**
 * The trivial predictors a model must beat, scored on the same evaluation records, so that every metrics file
 * says whether training achieved anything:
 * <pre>{@code
 * classification, tagging  the training part's most frequent class, always
 * regression               the training part's mean of each target, always
 * forecast                 the last observed value of each target ("naive" / persistence forecast)
 * language model           the training part's unigram token frequencies (cross-entropy, bits per character)
 * multi-label              every record scored by the training part's label frequencies (recall@k, precision@k)
 * }</pre>
 */
public final class Baselines {
  private Baselines() {}

  public static Map<String, Double> majorityClass(List<SequenceExample> train, List<SequenceExample> eval, int classes,
                                           boolean perStep) {
    long[] counts = new long[classes];
    for (SequenceExample e : train) for (float y : e.y()) counts[(int) y]++;
    int majority = 0;
    for (int k = 1; k < classes; k++) if (counts[k] > counts[majority]) majority = k;
    int n = 0;
    for (SequenceExample e : eval) n += perStep ? e.y().length : 1;
    int[] truth = new int[n], predicted = new int[n];
    int i = 0;
    for (SequenceExample e : eval) {
      if (perStep) for (float y : e.y()) truth[i++] = (int) y;
      else truth[i++] = (int) e.y()[0];
    }
    java.util.Arrays.fill(predicted, majority);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("accuracy", ClassificationMetrics.accuracy(truth, predicted));
    out.put("macro_f1", ClassificationMetrics.summary(truth, predicted, classes).get("macro_f1"));
    return out;
  }

  public static Map<String, Double> trainMean(List<SequenceExample> train, List<SequenceExample> eval, int width) {
    double[] mean = new double[width];
    long n = 0;
    for (SequenceExample e : train) {
      for (int j = 0; j < e.y().length; j++) mean[j % width] += e.y()[j];
      n += e.y().length / width;
    }
    for (int k = 0; k < width; k++) mean[k] /= Math.max(1, n);
    int m = 0;
    for (SequenceExample e : eval) m += e.y().length;
    double[] truth = new double[m], predicted = new double[m];
    int i = 0;
    for (SequenceExample e : eval) {
      for (int j = 0; j < e.y().length; j++, i++) {
        truth[i] = e.y()[j];
        predicted[i] = mean[j % width];
      }
    }
    return RegressionMetrics.summary(truth, predicted);
  }

  /** Persistence forecast in data units: every target value predicted by the last observed one. */
  public static Map<String, Double> lastValue(List<ForecastWindow> eval, int targets) {
    int m = 0;
    for (ForecastWindow w : eval) m += w.actual().length;
    double[] truth = new double[m], predicted = new double[m];
    int i = 0;
    for (ForecastWindow w : eval) {
      for (int j = 0; j < w.actual().length; j++, i++) {
        truth[i] = w.actual()[j];
        predicted[i] = w.lastObserved()[j % targets];
      }
    }
    return RegressionMetrics.summary(truth, predicted);
  }

  public static Map<String, Double> labelFrequency(List<SequenceExample> train, List<SequenceExample> eval, int labels) {
    float[] frequency = new float[labels];
    for (SequenceExample e : train) for (int k = 0; k < labels; k++) frequency[k] += e.y()[k];
    int[][] truth = new int[eval.size()][labels];
    float[][] scores = new float[eval.size()][];
    boolean any = false;
    for (int i = 0; i < eval.size(); i++) {
      scores[i] = frequency;
      for (int k = 0; k < labels; k++) {
        truth[i][k] = eval.get(i).y()[k] > 0.5f ? 1 : 0;
        any |= truth[i][k] == 1;
      }
    }
    if (!any) return Map.of();
    int[] ks = java.util.stream.IntStream.of(1, 5, 10, 20, 30).filter(k -> k <= labels).toArray();
    return org.recurrent.metrics.MultiLabelMetrics.summary(truth, scores, ks);
  }

  public static Map<String, Double> unigram(int[] train, int[] eval, int vocabulary) {
    double[] count = new double[vocabulary];
    for (int id : train) count[id]++;
    double nll = 0;
    for (int id : eval) nll -= Math.log((count[id] + 1) / (train.length + vocabulary));   // add-one smoothing
    return LanguageModelMetrics.summary(nll, eval.length);
  }
}
