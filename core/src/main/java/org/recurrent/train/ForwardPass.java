package org.recurrent.train;

import java.util.Map;
import java.util.function.Function;
import org.recurrent.data.BatchSource;
import org.recurrent.models.ClosedFormFit;
import org.recurrent.models.Model;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.tensor.Tensor;

/**
 * The one seam between the {@link Trainer} and what it trains: a model and a task. The trainer never sees the
 * model's or the task's type; it asks this for a chunk's loss and for a validation score, and treats the model as
 * a {@link Module} (parameters, train/eval mode, random generators, state dict). A model that implements
 * {@link ClosedFormFit} is fitted in one call instead of by gradient steps.
 */
public interface ForwardPass {

  /**
   * What {@link #forward} returns: the loss (a scalar with its graph), its weight and the state after the chunk (null
   * for a model that carries none).
   */
  record Loss(Tensor loss, double weight, RecurrentOutput state) {}

  /** A model's score on a data set: mean loss and the task's metrics by name (none when the loss is not finite). */
  record Validation(double loss, Map<String, Double> metrics) {}

  /** The model, for its parameters, modes, random generators and state dict. */
  Module model();

  /**
   * Forward of one chunk (a batch, or a time slice of it with truncated BPTT) from a carried state, and the task's
   * loss on it, averaged over the chunk's real targets.
   *
   * @param initial the state the chunk starts from (the previous chunk's, detached), or null for zeros
   * @return the loss with its graph (for backward), its weight (the number of targets it averages over: the weight
   *     of this chunk's loss when averaging several) and the recurrent state after the chunk's last real step
   */
  Loss forward(Chunk chunk, RecurrentOutput initial);

  /** Loss and metrics over a whole data set, without gradients, in evaluation mode: the one path eval uses too. */
  Validation evaluate(BatchSource source);

  /**
   * The names of the values {@link #evaluate} reports ({@code loss} first, then the metrics), for refusing a
   * {@code training.monitor} before training starts. By default found by scoring {@code sample}, a small source
   * (the first validation batch): a task's metric names depend on its data (the class count decides whether
   * ROC-AUC exists) but not on how many records are scored.
   */
  default java.util.List<String> valueNames(BatchSource sample) {
    Validation v = evaluate(sample);
    java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("loss"));
    names.addAll(v.metrics().keySet());
    return names;
  }

  /** Whether the model has an output per time step (truncated BPTT needs one). */
  boolean perStep();

  /** The task's config name, for the run's {@code start} event. */
  String task();

  /**
   * The pass of a {@link Model} of any kind for a {@link Task}.
   *
   * @param metrics the task's validation metrics from predictions (besides the loss), e.g. accuracy, ROC-AUC
   */
  static ForwardPass of(Model model, Task task, Function<Predictions, Map<String, Double>> metrics) {
    return new ModelTaskPass(model, task, metrics);
  }
}
