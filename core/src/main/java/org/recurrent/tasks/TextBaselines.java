package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.baselines.LogisticRegression;
import org.recurrent.baselines.NgramFeatures;
import org.recurrent.baselines.SparseFeatures;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.metrics.BinaryMetrics;
import org.recurrent.metrics.ClassificationMetrics;

/**
 * The bag-of-words baselines of binary text classification, fitted on the training part only and kept in
 * {@code baselines.json} (so {@code recurrent eval} scores them on any file):
 * <pre>{@code
 * bow_logistic_regression          L2 logistic regression on binary unigram features    (NgramFeatures, V columns)
 * bow_bigram_logistic_regression   the same on binary unigram + bigram features         (V + M columns)
 * C   chosen from GRID by accuracy on the validation part (first of ties, the most regularised);
 *     DEFAULT_C = 1 (scikit-learn's default) when there is no validation part
 * predicted class 1  when  p = sigmoid(w . x + b) >= 0.5
 * }</pre>
 * The features are sparse ({@link SparseFeatures}), so the whole vocabulary and every training bigram fit whatever
 * V is (SST-2: 7,205 words seen at least twice, 62,205 training bigrams). A token id at or above the training
 * part's largest id + 1 has no column and is dropped: it never occurred in training, where L2 would have given its
 * weight exactly 0.
 *
 * <p>Stored values of one baseline (doubles; keys {@code a * V + b} are exact below 2^53):
 * {@code [V, M, C, validation accuracy or -1, b, bigram key_1..key_M, w_0..w_{V+M-1}]}.
 */
final class TextBaselines {
  static final String UNIGRAMS = "bow_logistic_regression";
  static final String BIGRAMS = "bow_bigram_logistic_regression";
  /** Candidate C, most regularised first. */
  static final double[] GRID = {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100};
  static final double DEFAULT_C = 1;
  private static final int HEADER = 5;

  private TextBaselines() {}

  /** Whether the baselines apply: token records with two classes, both of them in the training part. */
  static boolean applies(DataPart train, int classes) {
    if (classes != 2 || train.isEmpty() || train.targetWidth() == 0) return false;
    boolean zero = false, one = false;
    for (SequenceExample e : train.records()) {
      if (!(e.primary() instanceof StepInput.Tokens)) return false;
      zero |= e.y()[0] == 0;
      one |= e.y()[0] == 1;
    }
    return zero && one;
  }

  /** Both baselines fitted on {@code train}, C chosen on {@code validation} when it has labelled records. */
  static List<FittedBaselines.Baseline> fit(DataPart train, DataPart validation) {
    List<int[]> trainIds = ids(train.records());
    int V = 0;
    for (int[] s : trainIds) for (int id : s) V = Math.max(V, id + 1);
    int[] y = CountBaselines.labels(train);
    boolean tune = !validation.isEmpty() && validation.targetWidth() > 0;
    List<FittedBaselines.Baseline> out = new ArrayList<>();
    for (boolean bigrams : new boolean[] {false, true}) {
      NgramFeatures features = NgramFeatures.fit(trainIds, V, bigrams);
      SparseFeatures x = features.transform(trainIds);
      LogisticRegression best = null;
      double bestC = DEFAULT_C, bestAccuracy = -1;
      if (tune) {
        SparseFeatures xVal = features.transform(known(ids(validation.records()), V));
        int[] yVal = CountBaselines.labels(validation);
        for (double c : GRID) {
          LogisticRegression lr = new LogisticRegression(c).fit(x, y);
          double accuracy = BinaryMetrics.accuracyAt(yVal, lr.score(xVal), 0.5);
          if (accuracy > bestAccuracy) {                               // strict: the first wins a tie
            best = lr;
            bestC = c;
            bestAccuracy = accuracy;
          }
        }
      } else {
        best = new LogisticRegression(DEFAULT_C).fit(x, y);
      }
      out.add(encode(bigrams ? BIGRAMS : UNIGRAMS, features, bestC, bestAccuracy, best));
    }
    return out;
  }

  /**
   * Each stored baseline's {@code _accuracy}, {@code _macro_f1}, {@code _f1} (of class 1), {@code _roc_auc} (both
   * classes present), {@code _c} and {@code _validation_accuracy} (when C was tuned) on {@code eval}.
   */
  static Map<String, Double> score(FittedBaselines fitted, DataPart eval) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (eval.isEmpty() || eval.targetWidth() == 0) return out;
    for (String name : List.of(UNIGRAMS, BIGRAMS)) {
      double[] v = fitted.values(name).orElse(null);
      if (v == null) continue;
      int V = (int) v[0], M = (int) v[1];
      if (v.length != HEADER + M + V + M) {
        throw new IllegalArgumentException("baseline " + name + ": expected " + (HEADER + M + V + M)
            + " stored values for V = " + V + " words and M = " + M + " bigrams, found " + v.length);
      }
      long[] keys = new long[M];
      for (int m = 0; m < M; m++) keys[m] = (long) v[HEADER + m];
      NgramFeatures features = NgramFeatures.of(V, keys);
      SparseFeatures x = features.transform(known(ids(eval.records()), V));
      LogisticRegression lr = LogisticRegression.fitted(v[2], java.util.Arrays.copyOfRange(v, HEADER + M, v.length),
          v[4]);
      double[] p = lr.score(x);
      int[] truth = CountBaselines.labels(eval), predicted = new int[truth.length];
      for (int i = 0; i < p.length; i++) predicted[i] = p[i] >= 0.5 ? 1 : 0;
      String prefix = name + "_";
      Map<String, Double> summary = ClassificationMetrics.summary(truth, predicted, 2);
      out.put(prefix + "accuracy", summary.get("accuracy"));
      out.put(prefix + "macro_f1", summary.get("macro_f1"));
      out.put(prefix + "f1", BinaryMetrics.f1At(truth, p, 0.5));
      if (CountBaselines.bothClasses(truth)) out.put(prefix + "roc_auc", BinaryMetrics.rocAuc(truth, p));
      out.put(prefix + "c", v[2]);
      if (v[3] >= 0) out.put(prefix + "validation_accuracy", v[3]);
    }
    return out;
  }

  private static FittedBaselines.Baseline encode(String name, NgramFeatures features, double c,
      double validationAccuracy, LogisticRegression lr) {
    long[] keys = features.bigramKeys();
    double[] w = lr.coefficients();
    double[] v = new double[HEADER + keys.length + w.length];
    v[0] = features.vocabularySize();
    v[1] = keys.length;
    v[2] = c;
    v[3] = validationAccuracy;
    v[4] = lr.intercept();
    for (int m = 0; m < keys.length; m++) v[HEADER + m] = keys[m];
    System.arraycopy(w, 0, v, HEADER + keys.length, w.length);
    return FittedBaselines.Baseline.of(name, v);
  }

  private static List<int[]> ids(List<SequenceExample> records) {
    List<int[]> out = new ArrayList<>(records.size());
    for (SequenceExample e : records) {
      if (!(e.primary() instanceof StepInput.Tokens t)) {
        throw new IllegalArgumentException(e.source() + ": the bag-of-words baselines need token inputs");
      }
      out.add(t.ids());
    }
    return out;
  }

  /** The ids below V (those with a column); see the class comment. */
  private static List<int[]> known(List<int[]> sequences, int V) {
    List<int[]> out = new ArrayList<>(sequences.size());
    for (int[] s : sequences) out.add(java.util.Arrays.stream(s).filter(id -> id < V).toArray());
    return out;
  }
}
