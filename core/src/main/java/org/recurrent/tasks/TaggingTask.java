package org.recurrent.tasks;

import org.recurrent.data.TargetKind;

/**
 * {@code tagging}: one class per time step (many-to-many, synced), e.g. BIO tags. Loss: cross-entropy over the
 * real steps of the logits (T, B, K); read out as {@code softmax}. Metrics and the majority-class baseline over
 * all real steps: {@link CategoricalScores}.
 */
public final class TaggingTask extends CategoricalTask {
  @Override
  public String name() {
    return "tagging";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (kind != TargetKind.PER_STEP_CLASS) {
      throw Requirements.unmet(this, "one class label per time step (per_step_labels / target: per_step_class)", kind,
          format);
    }
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return true;
  }
}
