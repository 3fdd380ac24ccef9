package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recurrent.data.TargetKind;

/**
 * {@code classification}: one class per sequence (many-to-one). Loss: cross-entropy over K classes of the
 * logits (B, K); read out as {@code softmax}. Metrics and the majority-class baseline: {@link CategoricalScores}.
 *
 * <p>Baselines, all fitted on the training part only:
 * <pre>{@code
 * majority_class                    every record                    stored in baselines.json
 * bow_logistic_regression           text (tokens), two classes      stored (weights, C chosen on validation)
 * bow_bigram_logistic_regression    text (tokens), two classes      stored; see TextBaselines
 * logistic_regression               other inputs with a fixed-length view, two classes: tunedBaselines, test only
 * }</pre>
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

  /** The majority class, and for binary text the bag-of-words regressions with C = 1 (no validation part). */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    return fitBaselines(train, new DataPart("validation", List.of(), null, List.of(), train.tokens(), false, 0),
        labels);
  }

  /** The majority class, and for binary text the bag-of-words regressions with C chosen on {@code validation}. */
  @Override
  public FittedBaselines fitBaselines(DataPart train, DataPart validation, OutputLabels labels) {
    FittedBaselines majority = super.fitBaselines(train, labels);
    if (!TextBaselines.applies(train, labels.outputSize())) return majority;
    List<FittedBaselines.Baseline> all = new ArrayList<>(majority.baselines());
    all.addAll(TextBaselines.fit(train, validation));
    return new FittedBaselines(name(), train.size(), all);
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    Map<String, Double> out = new LinkedHashMap<>(super.scoreBaselines(fitted, eval, labels));
    out.putAll(TextBaselines.score(fitted, eval));
    return out;
  }

  /**
   * More than two classes, records other than text: one-vs-rest logistic regressions ({@link MulticlassBaselines}).
   * Two classes, records other than text (text has its stored bag-of-words regressions): L2 logistic regression on the records' fixed-length view (the raw samples of equal-length
   * numeric records, a bag of words for text; {@link SequenceFeatures}), its C chosen on validation ROC-AUC from
   * {@link org.recurrent.baselines.BaselineSuite#standard}'s grid; scored like the model ({@code
   * logistic_regression_roc_auc}, intervals, and accuracy at probability 0.5).
   */
  @Override
  public TunedBaselines tunedBaselines(DataPart train, DataPart validation, DataPart eval, OutputLabels labels) {
    if (train.tokens()) return TunedBaselines.NONE;
    if (labels.outputSize() > 2) {
      return new TunedBaselines(MulticlassBaselines.scores(train, validation, eval, labels.outputSize()), Map.of());
    }
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
