package org.recurrent.train;

import org.recurrent.data.Batch;
import org.recurrent.models.SequenceModel;
import org.recurrent.nn.RecurrentOutput;

/** Feeds a {@link Batch} to a {@link SequenceModel}, numeric or token inputs alike. */
public final class ModelRunner {
  private ModelRunner() {}

  public static SequenceModel.Output forward(SequenceModel model, Batch batch, RecurrentOutput initial) {
    return batch.tokens() != null
        ? model.forward(batch.tokens(), batch.steps(), batch.size(), batch.lengths(), initial)
        : model.forward(batch.features(), batch.lengths(), initial);
  }
}
