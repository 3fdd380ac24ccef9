package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.baselines.BaselineResult;
import org.recurrent.baselines.BaselineSuite;
import org.recurrent.baselines.BinaryData;
import org.recurrent.baselines.FeatureTransform;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.metrics.BinaryMetrics;

/**
 * The one-to-one view of a visit sequence, as Choi et al. (2017) compared their GRU with: each patient's window
 * aggregated into a vector of code counts,
 * <pre>{@code
 * x[v] = sum over visits t, over codes c in bag t with id v:  weight(c)      (v = 0..V-1, 0 the unknown code)
 * features = standardize(log(1 + x)), both fitted on the training patients
 * }</pre>
 * scored by the four classical baselines of {@link BaselineSuite#standard} (L2 logistic regression, MLP, k-NN,
 * linear SVM), each tuned on the validation patients by ROC-AUC, fitted on the training patients and scored on
 * the evaluation part with the same metrics and bootstrap intervals as the model. Records of other inputs use the
 * fixed-length view of {@link SequenceFeatures} (raw samples of equal-length dense records, bags of words).
 */
final class CountBaselines {
  /**
   * The features are dense: above this many values (160 MB of doubles) over the three parts, e.g. a bag of words
   * over tens of thousands of sentences, the baselines are left out rather than exhaust the heap.
   */
  static final long MAX_VALUES = 20_000_000L;

  private CountBaselines() {}

  /** Each baseline's scores of the {@code eval} records (in order), tuned and fitted; empty when it cannot run. */
  static Map<String, BaselineResult> results(DataPart train, DataPart validation, DataPart eval, long seed) {
    return results(BaselineSuite.standard(seed), train, validation, eval);
  }

  /**
   * {@code suite}'s baselines on the records' fixed-length view ({@link SequenceFeatures}): counts through
   * {@code standardize(log1p(x))}, raw samples through {@code standardize(x)}; empty when a part is missing, a part
   * used for fitting lacks a class, or the records have no such view.
   */
  static Map<String, BaselineResult> results(BaselineSuite suite, DataPart train, DataPart validation, DataPart eval) {
    Map<String, BaselineResult> out = new LinkedHashMap<>();
    if (train.isEmpty() || validation.isEmpty() || eval.isEmpty()) return out;
    int[] trainY = labels(train.records()), validationY = labels(validation.records());
    if (!bothClasses(trainY) || !bothClasses(validationY)) return out;
    int width = SequenceFeatures.width(java.util.List.of(train.records(), validation.records(), eval.records()));
    if (width <= 0) return out;
    long values = (long) width * (train.size() + validation.size() + eval.size());
    if (values > MAX_VALUES) return out;   // dense features only: a large vocabulary would not fit (SST-2's words)
    FeatureTransform t = SequenceFeatures.counts(train.records())
        ? FeatureTransform.log1p().then(FeatureTransform.standardize()) : FeatureTransform.standardize();
    for (BaselineResult r : suite.withTransform(t).run(
        new BinaryData(SequenceFeatures.of(train.records(), width), trainY),
        new BinaryData(SequenceFeatures.of(validation.records(), width), validationY),
        SequenceFeatures.of(eval.records(), width))) {
      out.put(r.name(), r);
    }
    return out;
  }

  /** The results' metrics on {@code eval} and their scores, as {@link Task#tunedBaselines} reports them. */
  static TunedBaselines tuned(Map<String, BaselineResult> results, DataPart eval) {
    Map<String, double[]> scores = new LinkedHashMap<>();
    results.forEach((name, r) -> scores.put(name, r.testScores()));
    return new TunedBaselines(scores(results, eval), scores);
  }

  static Map<String, Double> scores(Map<String, BaselineResult> results, DataPart eval) {
    Map<String, Double> out = new LinkedHashMap<>();
    int[] evalY = labels(eval.records());
    for (BaselineResult r : results.values()) {
      double[] s = r.testScores();
      String p = r.name() + "_";
      if (bothClasses(evalY)) {
        out.put(p + "roc_auc", BinaryMetrics.rocAuc(evalY, s));
        out.put(p + "pr_auc", BinaryMetrics.averagePrecision(evalY, s));
        OnsetTask.putIntervals(out, p, evalY, s);
      }
      out.put(p + r.parameter().toLowerCase(java.util.Locale.ROOT), r.chosenValue());
      out.put(p + "validation_roc_auc", r.validationAuc());
    }
    return out;
  }

  static int[] labels(DataPart part) {
    return labels(part.records());
  }

  private static int[] labels(List<SequenceExample> records) {
    int[] y = new int[records.size()];
    for (int i = 0; i < y.length; i++) y[i] = (int) records.get(i).y()[0];
    return y;
  }

  /** Whether {@code y} holds both class 0 and class 1 (ROC-AUC and a binary fit need both). */
  static boolean bothClasses(int[] y) {
    boolean zero = false, one = false;
    for (int v : y) {
      zero |= v == 0;
      one |= v == 1;
    }
    return zero && one;
  }
}
