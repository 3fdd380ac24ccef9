package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recurrent.data.TargetKind;
import org.recurrent.metrics.BinaryMetrics;
import org.recurrent.metrics.Bootstrap;
import org.recurrent.metrics.ConfidenceInterval;
import org.recurrent.metrics.RocCurve;

/**
 * {@code hf-onset}: will this patient be diagnosed with the condition (heart failure) after the prediction point?
 * Many-to-one over the visits of an onset cohort (data format {@code ehr}); two classes, control and case. Loss:
 * cross-entropy over the logits (B, 2); read out as {@code softmax}, the case probability the score.
 * <pre>{@code
 * metrics    classification metrics, roc_auc and pr_auc, each with a bootstrap 95% interval over patients
 *            (roc_auc_ci_low, roc_auc_ci_high, ...; 1000 resamples, seed 0)
 * baselines  majority class; and on each patient's aggregated code counts (the one-to-one view of the same
 *            windows), tuned on the validation part: see CountBaselines
 * }</pre>
 */
public final class OnsetTask extends RecordTask implements SoftmaxTask {
  static final long BOOTSTRAP_SEED = 0;

  @Override
  public String name() {
    return "hf-onset";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (kind != TargetKind.CLASS || !format.equals("ehr")) {
      throw Requirements.unmet(this, "an ehr cohort (data.format: ehr) with one class per patient", kind, format);
    }
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return false;
  }

  @Override
  public Map<String, Double> metrics(Predictions predictions, OutputLabels labels) {
    Map<String, Double> out = new LinkedHashMap<>(CategoricalScores.of(predictions));
    if (!out.containsKey("roc_auc")) return out;
    int n = predictions.size();
    int[] truth = new int[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = (int) predictions.truth(i)[0];
      scores[i] = predictions.output(i)[1];
    }
    putIntervals(out, "", truth, scores);
    return out;
  }

  /** {@code <prefix>roc_auc_ci_low} etc. beside the estimates. */
  static void putIntervals(Map<String, Double> out, String prefix, int[] truth, double[] scores) {
    ConfidenceInterval roc = Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores, BOOTSTRAP_SEED);
    ConfidenceInterval pr = Bootstrap.confidenceInterval(BinaryMetrics::averagePrecision, truth, scores, BOOTSTRAP_SEED);
    out.put(prefix + "roc_auc_ci_low", roc.lower());
    out.put(prefix + "roc_auc_ci_high", roc.upper());
    out.put(prefix + "pr_auc_ci_low", pr.lower());
    out.put(prefix + "pr_auc_ci_high", pr.upper());
  }

  /** The count baselines' names, the prefixes of their keys ({@code logistic_regression_roc_auc}). */
  public static final java.util.List<String> COUNT_BASELINES = java.util.List.of("logistic_regression", "mlp",
      "k_nearest_neighbours", "linear_svm");

  /** The majority class, kept in baselines.json. */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    return new FittedBaselines(name(), train.size(), CategoricalScores.fitMajority(train.records(), labels.outputSize()));
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    return fitted.values(CategoricalScores.MAJORITY).map(counts -> CategoricalScores.scoreMajority(counts,
        eval.records())).orElse(Map.of());
  }

  /** The count baselines, tuned on {@code validation} ({@link CountBaselines}). */
  @Override
  public TunedBaselines tunedBaselines(DataPart train, DataPart validation, DataPart eval, OutputLabels labels) {
    return CountBaselines.tuned(CountBaselines.results(train, validation, eval, BOOTSTRAP_SEED), eval);
  }

  /** The model's ROC curve (case probability) and each count baseline's, on {@code eval}. */
  @Override
  public Map<String, RocCurve> rocCurves(Predictions model, DataPart eval, TunedBaselines tuned) {
    Map<String, RocCurve> out = new LinkedHashMap<>();
    int n = model.size();
    int[] truth = new int[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = (int) model.truth(i)[0];
      scores[i] = model.output(i)[1];
    }
    if (!hasBoth(truth)) return out;
    out.put("model", RocCurve.of(truth, scores));
    int[] evalTruth = CountBaselines.labels(eval);
    tuned.scores().forEach((name, s) -> out.put(name, RocCurve.of(evalTruth, s)));
    return out;
  }

  private static boolean hasBoth(int[] y) {
    boolean zero = false, one = false;
    for (int v : y) {
      zero |= v == 0;
      one |= v == 1;
    }
    return zero && one;
  }

  @Override
  public void describe(Predictions predictions, int row, OutputLabels labels, Map<String, Object> into) {
    CategoricalScores.describe(predictions, row, labels, into);
  }

  @Override
  public boolean higherIsBetter(String metric) {
    return CategoricalScores.higherIsBetter(metric);
  }
}
