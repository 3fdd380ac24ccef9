package org.recurrent.train;

import java.util.Map;
import java.util.function.Function;
import org.recurrent.data.BatchSource;
import org.recurrent.eval.Evaluator;
import org.recurrent.models.Model;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.tensor.Tensor;

/** {@link ForwardPass} of any {@link Model} kind and any {@link Task}: the only trainer file that knows either type. */
final class ModelTaskPass implements ForwardPass {
  private final Model model;
  private final Task task;
  private final Evaluator evaluator;
  private final Function<Predictions, Map<String, Double>> metrics;

  ModelTaskPass(Model model, Task task, Function<Predictions, Map<String, Double>> metrics) {
    this.model = model;
    this.task = task;
    this.evaluator = new Evaluator(task);
    this.metrics = metrics;
  }

  @Override
  public Module model() {
    return model;
  }

  @Override
  public Loss forward(Chunk chunk, RecurrentOutput initial) {
    Model.Output o = model.forward(chunk.batch(), initial);
    Tensor loss = task.loss(o.logits(), chunk.batch(), chunk.mask());
    return new Loss(loss, task.lossWeight(chunk.batch(), chunk.mask()), o.state());
  }

  @Override
  public Validation evaluate(BatchSource source) {
    Predictions p = evaluator.predict(model, source);
    // the metrics of non-finite outputs are meaningless (and some refuse NaN scores): the loss says it all
    return new Validation(p.meanLoss(), Double.isFinite(p.meanLoss()) ? metrics.apply(p) : Map.of());
  }

  @Override
  public boolean perStep() {
    return model.perStep();
  }

  @Override
  public String task() {
    return task.name();
  }
}
