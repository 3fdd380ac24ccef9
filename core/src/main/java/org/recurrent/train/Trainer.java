package org.recurrent.train;

import org.recurrent.eval.Evaluator;
import org.recurrent.run.EventLog;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchSource;
import org.recurrent.models.Model;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.optim.GradClip;
import org.recurrent.optim.Optimizer;
import org.recurrent.tensor.Tensor;

/**
 * The training loop, in one readable method ({@link #fit}):
 * <pre>{@code
 * for epoch:
 *   for batch (in an order fixed by (seed, epoch)):
 *     reseed dropout from (seed, epoch, batch)
 *     for chunk of k steps (truncated BPTT; the whole batch when off):
 *       loss = objective(model(chunk, carried state));  stop if not finite
 *       backward; stop if gradient not finite; clip; optimizer step; schedule step
 *       carried state = final state, detached (the gradient stops here)
 *     periodic checkpoint
 *   evaluate on validation data; remember the best; schedule epoch step; checkpoint; early stop?
 * }</pre>
 * Everything random derives from the seed and the position (epoch, batch), never from how many batches this
 * process has run, and every checkpoint holds the weights, the optimizer buffers, the schedule, the carried
 * state and the position: so a run stopped and resumed from a checkpoint ends with the same bits as one that
 * never stopped.
 *
 * <p>A non-finite loss or gradient stops the run without writing anything more: the last good checkpoint stays
 * as it was, and {@link NonFiniteLossException} says where it happened and which checkpoint is good.
 */
public final class Trainer {
  public static final String LAST = "last.safetensors";
  public static final String BEST = "best.safetensors";

  private final Model model;
  private final Task task;
  private final Optimizer optimizer;
  private final ScheduleDriver schedule;
  private final TrainerOptions options;
  private final Path checkpoints;
  private final EventLog events;
  private final Progress progress;
  private final Function<Predictions, Map<String, Double>> metrics;
  private final List<Tensor> parameters;

  /** What a run ended with. */
  public record Result(String stopReason, int epochsRun, int bestEpoch, double bestValue,
                       List<Map<String, Double>> history) {}

  /**
   * @param checkpoints folder for {@value #LAST} and {@value #BEST}, or null for no checkpoints
   * @param metrics     validation metrics from predictions (besides the loss), e.g. accuracy, ROC-AUC
   */
  public Trainer(Model model, Task task, Optimizer optimizer, ScheduleDriver schedule, TrainerOptions options,
                 Path checkpoints, EventLog events, Progress progress, Function<Predictions, Map<String, Double>> metrics) {
    this.model = model;
    this.task = task;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.options = options;
    this.checkpoints = checkpoints;
    this.events = events;
    this.progress = progress;
    this.metrics = metrics;
    this.parameters = model.parameters();
    if (options.tbptt() > 0 && !model.perStep()) {
      throw new IllegalArgumentException("training.tbptt applies to per-step outputs (tagging, language models, "
          + "per-step regression); this model has one output per sequence");
    }
  }

  public Result fit(BatchSource train, BatchSource validation) throws IOException {
    TrainerState st = TrainerState.start();
    RecurrentOutput carry = null;
    if (options.resume() && checkpoints != null && Files.exists(checkpoints.resolve(LAST))) {
      Checkpoint c = Checkpoint.read(checkpoints.resolve(LAST));
      model.loadStateDict(c.model());
      optimizer.loadStateDict(c.optimizer());
      schedule.load(c.schedule());
      st = c.state();
      carry = c.carry();
      events.log("resume", fields("epoch", st.epoch() + 1, "batch", st.batch() + 1, "step", st.step()));
      progress.line("resumed from " + checkpoints.resolve(LAST) + " at epoch " + (st.epoch() + 1) + ", batch "
          + (st.batch() + 1));
    }
    List<Map<String, Double>> history = new ArrayList<>();
    int batches = train.batchesPerEpoch();
    String stopReason = "completed";
    while (st.epoch() < options.epochs()) {
      int epoch = st.epoch();
      model.train(true);
      long started = System.nanoTime();
      long recordsAtStart = st.records();
      int firstBatch = st.batch();
      for (int b = firstBatch; b < batches; b++) {
        Batch batch = train.batch(epoch, b);
        model.reseed(mix(options.seed(), epoch, b));
        if (!batch.continues()) carry = null;
        BatchOutcome r = trainBatch(batch, carry, st, b);
        carry = r.carry;
        st = st.afterBatch(b + 1, r.steps, r.meanLoss, r.weight, train.units(batch));
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = (st.records() - recordsAtStart) / Math.max(seconds, 1e-9);
        double eta = (batches - b - 1) * seconds / (b + 1 - firstBatch);
        progress.batch(epoch, options.epochs(), b, batches, st.epochLoss(), rate, train.unit(), eta);
        events.log("batch", fields("epoch", epoch + 1, "batch", b + 1, "step", st.step(), "loss", r.meanLoss,
            "lr", (double) optimizer.learningRate()));
        if (options.checkpointEveryBatches() > 0 && (b + 1) % options.checkpointEveryBatches() == 0 && b + 1 < batches) {
          saveCheckpoint(LAST, st, carry);
        }
      }
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("epoch", (double) epoch);
      row.put("train_loss", st.epochLoss());
      double monitored;
      if (validation != null) {
        Predictions p = new Evaluator(task).predict(model, validation);
        if (!Double.isFinite(p.meanLoss())) throw nonFinite("validation loss", p.meanLoss(), st, batches - 1);
        row.put("val_loss", p.meanLoss());
        metrics.apply(p).forEach((k, v) -> row.put("val_" + k, v));
        monitored = options.monitor().equals("loss") ? p.meanLoss() : valueOf(row, "val_" + options.monitor());
      } else {
        monitored = options.monitor().equals("loss") ? st.epochLoss() : valueOf(row, options.monitor());
      }
      row.put("lr", (double) optimizer.learningRate());
      row.put("seconds", (System.nanoTime() - started) / 1e9);
      boolean improved = Double.isNaN(st.bestValue())
          || (options.higherIsBetter() ? monitored > st.bestValue() : monitored < st.bestValue());
      double best = improved ? monitored : st.bestValue();
      int bestEpoch = improved ? epoch : st.bestEpoch();
      int bad = improved ? 0 : st.badEpochs() + 1;
      schedule.afterEpoch(epoch, monitored);
      history.add(row);
      Map<String, Object> logged = new LinkedHashMap<>(row);
      logged.put("epoch", epoch + 1);
      events.log("epoch", logged);
      progress.line(summary(row, improved));
      TrainerState next = st.nextEpoch(best, bestEpoch, bad);
      if (improved) saveCheckpoint(BEST, next, null);
      saveCheckpoint(LAST, next, null);
      st = next;
      carry = null;
      if (options.patience() > 0 && bad >= options.patience() && st.epoch() < options.epochs()) {
        stopReason = "early_stopping";
        progress.line("early stopping: no improvement of " + options.monitor() + " for " + bad + " epochs (best "
            + String.format(Locale.ROOT, "%.6g", best) + " at epoch " + (bestEpoch + 1) + ")");
        break;
      }
    }
    events.log("stop", fields("reason", stopReason, "epochs", st.epoch(), "best_epoch", st.bestEpoch() + 1,
        "best_value", st.bestValue()));
    return new Result(stopReason, st.epoch(), st.bestEpoch(), st.bestValue(), history);
  }

  private record BatchOutcome(double meanLoss, double weight, long steps, RecurrentOutput carry) {}

  /** One batch: one optimizer step, or one per chunk with truncated BPTT. */
  private BatchOutcome trainBatch(Batch batch, RecurrentOutput carry, TrainerState st, int b) {
    List<Chunk> chunks = Chunk.split(batch, options.tbptt());
    double lossSum = 0, weightSum = 0;
    long steps = st.step();
    RecurrentOutput state = carry;
    for (Chunk chunk : chunks) {
      optimizer.zeroGrad();
      Model.Output o = model.forward(chunk.batch(), state);
      Tensor loss = task.loss(o.logits(), chunk.batch(), chunk.mask());
      double value = loss.item();
      if (!Double.isFinite(value)) throw nonFinite("loss", value, st, b);
      loss.backward();
      if (options.clipGradNorm() > 0) {
        double norm = GradClip.clipGradNorm(parameters, options.clipGradNorm());
        if (!Double.isFinite(norm)) throw nonFinite("gradient norm", norm, st, b);
      } else if (!GradClip.allFinite(parameters)) {
        throw nonFinite("gradient norm", Double.NaN, st, b);
      }
      if (options.clipGradValue() > 0) GradClip.clipGradValue(parameters, (float) options.clipGradValue());
      optimizer.step();
      steps++;
      schedule.afterStep(steps);
      double w = task.lossWeight(chunk.batch(), chunk.mask());
      lossSum += value * w;
      weightSum += w;
      state = ModelRunner.detached(o.state());
    }
    return new BatchOutcome(weightSum == 0 ? 0 : lossSum / weightSum, weightSum, steps, state);
  }


  private NonFiniteLossException nonFinite(String what, double value, TrainerState st, int batch) {
    Path good = checkpoints == null ? null : checkpoints.resolve(LAST);
    String kept = good != null && Files.exists(good)
        ? "the last good checkpoint is " + good + " (left unchanged)"
        : "no checkpoint had been written yet";
    String message = String.format(Locale.ROOT, "training stopped: %s is %s at epoch %d, batch %d (step %d); %s. "
        + "Try a lower learning rate or training.clip_grad_norm.", what, value, st.epoch() + 1, batch + 1, st.step() + 1, kept);
    events.log("stop", fields("reason", "non_finite_" + what.replace(' ', '_'), "epoch", st.epoch() + 1, "batch", batch + 1,
        "step", st.step()));
    return new NonFiniteLossException(message);
  }

  private void saveCheckpoint(String name, TrainerState st, RecurrentOutput carry) throws IOException {
    if (checkpoints == null) return;
    Files.createDirectories(checkpoints);
    new Checkpoint(model.stateDict(), optimizer.stateDict(), carry, st, schedule.state()).write(checkpoints.resolve(name));
    events.log("checkpoint", fields("file", name, "epochs_done", st.epoch(), "batches_done", st.batch(), "step", st.step()));
  }

  private static double valueOf(Map<String, Double> row, String key) {
    Double v = row.get(key);
    if (v == null) {
      throw new IllegalArgumentException("training.monitor '" + key + "' is not among the computed values "
          + row.keySet());
    }
    return v;
  }

  private static String summary(Map<String, Double> row, boolean improved) {
    StringBuilder sb = new StringBuilder();
    row.forEach((k, v) -> {
      if (k.equals("epoch")) sb.append("epoch ").append(v.intValue() + 1);
      else sb.append("  ").append(k).append(' ').append(String.format(Locale.ROOT, k.equals("lr") ? "%.3g" : "%.4f", v));
    });
    return sb.append(improved ? "  *" : "").toString();
  }

  /** Event fields in the order given (Map.of would shuffle them in the events file). */
  private static Map<String, Object> fields(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
    return m;
  }

  /** A seed for (run seed, epoch, batch), well mixed (SplitMix64's finaliser). */
  static long mix(long seed, int epoch, int batch) {
    long z = seed + 0x9E3779B97F4A7C15L * (((long) epoch << 32) + batch + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
