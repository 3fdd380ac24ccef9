package org.recurrent.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.tasks.DataPart;
import java.util.List;
import org.recurrent.models.Model;
import org.recurrent.models.SequenceDecoder;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.tensor.Tensor;

/**
 * The one evaluation path: validation during training, the final metrics of a run and {@code recurrent eval}
 * all call {@link #evaluate}, so the same model on the same data with the same {@link BatchPlan} gives the same
 * numbers everywhere. Runs without gradients, in evaluation mode (no dropout); a batch that continues the
 * previous one's streams (a language model's text) starts from its final state.
 */
public final class Evaluator {
  private final Task task;

  public Evaluator(Task task) {
    this.task = task;
  }

  /** The loss ({@code loss}, mean per target) and the task's metrics of {@code model} on {@code part}. */
  public Evaluation evaluate(Model model, DataPart part, BatchPlan plan, OutputLabels labels) {
    BatchSource source = task.batches(part, plan);
    if (source == null) throw new IllegalArgumentException(part.name() + ": no data to evaluate");
    Predictions p = predict(model, source);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", p.meanLoss());
    metrics.putAll(task.metrics(p, labels));
    metrics.putAll(task.modelMetrics(part, labels, records -> outputs(model, part, records, plan)));
    return new Evaluation(p, metrics);
  }

  /**
   * The read-out outputs of {@code model} on {@code records} (laid out like {@code like}'s), one row per record in
   * record order: what {@link Task#modelMetrics} runs the model with.
   */
  public float[][] outputs(Model model, DataPart like, java.util.List<org.recurrent.data.SequenceExample> records,
                           BatchPlan plan) {
    float[][] out = new float[records.size()][];
    if (records.isEmpty()) return out;
    DataPart part = new DataPart(like.name(), records, null, java.util.List.of(), like.tokens(), like.perStepTargets(),
        like.targetWidth());
    Predictions p = predict(model, task.batches(part, plan));
    for (int i = 0; i < p.size(); i++) out[p.record(i)] = p.output(i);
    return out;
  }

  /** What {@link #evaluate} returns: the predictions and the metrics (with {@code loss}). */
  public record Evaluation(Predictions predictions, Map<String, Double> metrics) {}

  /** The model's outputs (read out by the task) and loss over every batch of {@code source}. */
  public Predictions predict(Model model, BatchSource source) {
    boolean wasTraining = model.isTraining();
    model.eval();
    Predictions out = new Predictions();
    try (var g = Autograd.noGrad()) {
      RecurrentOutput carry = null;
      for (int i = 0; i < source.batchesPerEpoch(); i++) {
        Batch batch = source.batch(0, i);
        Model.Output o = model.forward(batch, batch.continues() ? carry : null);
        carry = o.state();
        if (batch.labelled()) out.addLoss(task.loss(o.logits(), batch, null).item(), task.lossWeight(batch, null));
        if (task.collectsPredictions()) collect(task.readout(o.logits(), batch), batch, out);
        if (model instanceof SequenceDecoder decoder) {                      // an encoder-decoder writes its own output
          List<SequenceDecoder.Decoded> decoded = decoder.decodeForEvaluation(batch);
          for (int b = 0; b < batch.size(); b++) out.addDecoded(batch.indices()[b], decoded.get(b).tokens());
        }
      }
    } finally {
      model.train(wasTraining);
    }
    return out;
  }

  private static void collect(Tensor readable, Batch batch, Predictions out) {
    int B = batch.size(), K = readable.size(readable.dim() - 1), W = batch.targetWidth();
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
