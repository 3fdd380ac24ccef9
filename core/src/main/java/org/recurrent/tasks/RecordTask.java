package org.recurrent.tasks;

import org.recurrent.data.TargetLayout;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.tasks.DataPart;

/** The tasks whose data are separate records (all but the language model): batches from a {@link Batcher}. */
abstract class RecordTask implements Task {

  @Override
  public BatchSource batches(DataPart part, BatchPlan plan) {
    if (part.records().isEmpty()) return null;
    return new Batcher(part.records(), plan, new TargetLayout(part.perStepTargets(), part.targetWidth()));
  }

  @Override
  public String toString() {
    return name();
  }
}
