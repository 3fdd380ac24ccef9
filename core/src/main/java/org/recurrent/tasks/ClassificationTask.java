package org.recurrent.tasks;

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
}
