package org.recurrent.tasks;

import java.util.Map;

import org.recurrent.data.TargetKind;

/**
 * {@code classification}: one class per sequence (many-to-one). Loss: cross-entropy over K classes of the
 * logits (B, K); read out as {@code softmax}. Metrics and the majority-class baseline: {@link CategoricalScores}.
 */
public final class ClassificationTask extends CategoricalTask {
  @Override
  public String name() {
    return "classification";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (kind != TargetKind.CLASS) throw Requirements.unmet(this, "one class label per sequence", kind, format);
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return false;
  }

  /**
   * Two classes: L2 logistic regression on the records' fixed-length view (the raw samples of equal-length
   * numeric records, a bag of words for text; {@link SequenceFeatures}), its C chosen on validation ROC-AUC from
   * {@link org.recurrent.baselines.BaselineSuite#standard}'s grid; scored like the model ({@code
   * logistic_regression_roc_auc}, intervals, and accuracy at probability 0.5).
   */
  @Override
  public TunedBaselines tunedBaselines(DataPart train, DataPart validation, DataPart eval, OutputLabels labels) {
    if (labels.outputSize() != 2) return TunedBaselines.NONE;
    var standard = org.recurrent.baselines.BaselineSuite.standard(OnsetTask.BOOTSTRAP_SEED);
    var suite = org.recurrent.baselines.BaselineSuite.of(org.recurrent.baselines.FeatureTransform.identity());
    for (var c : standard.candidates()) if (c.name().equals("logistic_regression")) suite = suite.with(c);
    var results = CountBaselines.results(suite, train, validation, eval);
    TunedBaselines tuned = CountBaselines.tuned(results, eval);
    Map<String, Double> out = new java.util.LinkedHashMap<>(tuned.metrics());
    int[] truth = CountBaselines.labels(eval);
    tuned.scores().forEach((name, s) -> out.put(name + "_accuracy",
        org.recurrent.metrics.BinaryMetrics.accuracyAt(truth, s, 0.5)));
    return new TunedBaselines(out, tuned.scores());
  }
}
