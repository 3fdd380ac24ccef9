package org.recurrent.eval;

import org.recurrent.tasks.Objective;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.train.ModelRunner;

import java.util.Arrays;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchSource;
import org.recurrent.models.SequenceModel;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Runs a model over a data set without gradients, in evaluation mode (no dropout), and collects its
 * {@link Predictions}: the loss and the outputs the task's metrics are computed from.
 */
public final class Evaluator {
  private final Task task;
  private final Objective objective;

  public Evaluator(Task task) {
    this.task = task;
    this.objective = new Objective(task);
  }

  public Predictions predict(SequenceModel model, BatchSource source) {
    boolean wasTraining = model.isTraining();
    model.eval();
    Predictions out = new Predictions(task);
    try (var g = Autograd.noGrad()) {
      RecurrentOutput carry = null;
      for (int i = 0; i < source.batchesPerEpoch(); i++) {
        Batch batch = source.batch(0, i);
        SequenceModel.Output o = ModelRunner.forward(model, batch, batch.continues() ? carry : null);
        carry = o.state();
        if (batch.labelled()) out.addLoss(objective.loss(o.logits(), batch, null).item(), Objective.weight(batch, null));
        if (task != Task.LANGUAGE_MODEL) collect(o.logits(), batch, out);   // an LM is judged by its loss alone
      }
    } finally {
      model.train(wasTraining);
    }
    return out;
  }

  private void collect(Tensor logits, Batch batch, Predictions out) {
    int B = batch.size(), K = logits.size(logits.dim() - 1), W = batch.targetWidth();
    Tensor readable = switch (task) {
      case CLASSIFICATION, TAGGING, LANGUAGE_MODEL -> Ops.softmax(logits);
      case MULTILABEL -> Ops.sigmoid(logits);
      case REGRESSION -> logits;
    };
    float[] p = readable.data();
    float[] y = batch.targets();
    if (!batch.perStep()) {
      for (int b = 0; b < B; b++) {
        float[] truth = batch.labelled() ? Arrays.copyOfRange(y, b * W, b * W + W) : new float[0];
        out.add(batch.indices()[b], -1, Arrays.copyOfRange(p, b * K, b * K + K), truth);
      }
      return;
    }
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < batch.lengths()[b]; t++) {
        int row = t * B + b;
        float[] truth = batch.labelled() ? Arrays.copyOfRange(y, row * W, row * W + W) : new float[0];
        out.add(batch.indices()[b], t, Arrays.copyOfRange(p, row * K, row * K + K), truth);
      }
    }
  }

}
