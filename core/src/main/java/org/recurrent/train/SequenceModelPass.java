package org.recurrent.train;

import java.util.Map;
import java.util.function.Function;
import org.recurrent.data.BatchSource;
import org.recurrent.eval.Evaluator;
import org.recurrent.models.SequenceModel;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tasks.Objective;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.tensor.Tensor;

/** {@link ForwardPass} of a {@link SequenceModel} and a {@link Task}: the only trainer file that knows either type. */
final class SequenceModelPass implements ForwardPass {
  private final SequenceModel model;
  private final Task task;
  private final Objective objective;
  private final Evaluator evaluator;
  private final Function<Predictions, Map<String, Double>> metrics;

  SequenceModelPass(SequenceModel model, Task task, Function<Predictions, Map<String, Double>> metrics) {
    this.model = model;
    this.task = task;
    this.objective = new Objective(task);
    this.evaluator = new Evaluator(task);
    this.metrics = metrics;
  }

  @Override
  public Module model() {
    return model;
  }

  @Override
  public Loss forward(Chunk chunk, RecurrentOutput initial) {
    SequenceModel.Output o = ModelRunner.forward(model, chunk.batch(), initial);
    Tensor loss = objective.loss(o.logits(), chunk.batch(), chunk.mask());
    return new Loss(loss, Objective.weight(chunk.batch(), chunk.mask()), o.state());
  }

  @Override
  public Validation evaluate(BatchSource source) {
    Predictions p = evaluator.predict(model, source);
    // the metrics of non-finite outputs are meaningless (and some refuse NaN scores): the loss says it all
    return new Validation(p.meanLoss(), Double.isFinite(p.meanLoss()) ? metrics.apply(p) : Map.of());
  }

  @Override
  public boolean perStep() {
    return model.config().perStep();
  }

  @Override
  public String task() {
    return task.configName();
  }
}
