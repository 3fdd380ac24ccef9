package org.recurrent.tasks;

import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.data.DataPart;
import org.recurrent.data.TargetKind;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * {@code classification}: one class per sequence (many-to-one). Loss: cross-entropy over K classes of the
 * logits (B, K); read out as {@code softmax}. Metrics and the majority-class baseline: {@link CategoricalScores}.
 */
public final class ClassificationTask extends RecordTask {
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

  @Override
  public Tensor loss(Tensor logits, Batch batch, float[] mask) {
    return TargetLoss.crossEntropy(logits, batch, mask);
  }

  @Override
  public Tensor readout(Tensor logits) {
    return Ops.softmax(logits);
  }

  @Override
  public Map<String, Double> metrics(Predictions predictions, OutputLabels labels) {
    return CategoricalScores.of(predictions);
  }

  @Override
  public Map<String, Double> baselines(DataPart train, DataPart eval, OutputLabels labels) {
    return CategoricalScores.majorityBaseline(train.records(), eval.records(), labels.outputSize());
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
