package org.recurrent.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened during training, as the trainer tells its {@link TrainingListener}s and as the events file
 * ({@code events.jsonl}) records it: one record type per kind of event, one JSON object per line. The schema
 * (every field's name, type, unit and meaning) is {@code docs/events.md}; a test keeps the two in step.
 *
 * <p>Numbering: epochs and batches count from 1; step {@code n} is the n-th optimizer step of the run (counted
 * across resumes). JSON names are the components' names in snake_case ({@code gradNorm} -> {@code grad_norm});
 * a map component {@code val} is written flat, one field {@code val_<key>} per entry.
 */
public sealed interface TrainingEvent {

  /** The JSON {@code "event"} value of this kind of event. */
  default String event() {
    return switch (this) {
      case Started s -> "start";
      case Resumed r -> "resume";
      case BatchDone b -> "batch";
      case EpochDone e -> "epoch";
      case CheckpointWritten c -> "checkpoint";
      case Stopped s -> "stop";
    };
  }

  /** The record type with JSON {@code "event"} value {@code name}, or null if none has it. */
  static Class<? extends TrainingEvent> type(String name) {
    return switch (name) {
      case "start" -> Started.class;
      case "resume" -> Resumed.class;
      case "batch" -> BatchDone.class;
      case "epoch" -> EpochDone.class;
      case "checkpoint" -> CheckpointWritten.class;
      case "stop" -> Stopped.class;
      default -> null;
    };
  }

  /**
   * A run began (before a resumed run's {@link Resumed}).
   *
   * @param name       the run's name
   * @param task       the task's config name ({@code classification}, ...)
   * @param seed       the one seed of the run
   * @param parameters trainable parameter count
   * @param resume     whether the run was asked to continue from its last checkpoint
   * @param epochs     epochs the run is to have in all (a closed-form fit has 1)
   * @param batches    batches per epoch
   * @param unit       what throughput is counted in: {@code rec} (records) or {@code tok} (tokens)
   */
  record Started(String name, String task, long seed, long parameters, boolean resume, int epochs, int batches,
                 String unit) implements TrainingEvent {}

  /**
   * The run continues from a checkpoint.
   *
   * @param from  the checkpoint file
   * @param epoch epoch of the next batch to run (from 1)
   * @param batch next batch to run (from 1)
   * @param step  optimizer steps already taken
   */
  record Resumed(String from, int epoch, int batch, long step) implements TrainingEvent {}

  /**
   * A training batch is done: one optimizer step, or one per chunk with truncated BPTT.
   *
   * @param epoch    from 1
   * @param batch    from 1
   * @param step     the batch's last optimizer step
   * @param loss     the batch's mean loss (over its real targets)
   * @param lr       learning rate of the batch's last step
   * @param gradNorm global L2 norm of the gradients before clipping (the largest over the batch's steps)
   * @param clipped  whether clipping changed the gradients of any of the batch's steps
   */
  record BatchDone(int epoch, int batch, long step, double loss, double lr, double gradNorm, boolean clipped)
      implements TrainingEvent {}

  /**
   * An epoch is done and evaluated: the epoch's metrics row.
   *
   * @param epoch                    from 1
   * @param trainLoss                mean training loss of the epoch (over its targets)
   * @param val                      validation loss ({@code loss}) and metrics by name; empty without validation data
   * @param lr                       learning rate at the end of the epoch, before the schedule's epoch step
   * @param seconds                  wall time of the epoch, validation included
   * @param improved                 whether the monitored value improved on the best so far (then best.safetensors
   *                                 is written)
   * @param epochsWithoutImprovement epochs since the last improvement, this one included (0 when it improved)
   */
  record EpochDone(int epoch, double trainLoss, Map<String, Double> val, double lr, double seconds, boolean improved,
                   int epochsWithoutImprovement) implements TrainingEvent {
    public EpochDone {
      val = Collections.unmodifiableMap(new LinkedHashMap<>(val));        // keeps the metrics' order
    }

    /** The row of {@link Trainer.Result#history()}: {@code epoch}, {@code train_loss}, {@code val_*}, {@code lr}, {@code seconds}. */
    public Map<String, Double> row() {
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("epoch", (double) epoch);
      row.put("train_loss", trainLoss);
      val.forEach((k, v) -> row.put("val_" + k, v));
      row.put("lr", lr);
      row.put("seconds", seconds);
      return row;
    }
  }

  /**
   * A checkpoint file was written (atomically).
   *
   * @param file        the file's name in the checkpoints folder ({@code last.safetensors}, {@code best.safetensors})
   * @param epochsDone  epochs complete in it
   * @param batchesDone batches of the next epoch complete in it
   * @param step        optimizer steps taken in it
   */
  record CheckpointWritten(String file, int epochsDone, int batchesDone, long step) implements TrainingEvent {}

  /**
   * The run ended.
   *
   * @param reason    {@code completed}, {@code early_stopping}, {@code non_finite_loss},
   *                  {@code non_finite_gradient_norm}, {@code non_finite_validation_loss}, or a listener's reason
   * @param epoch     epoch where it stopped (from 1): the last one run, or the one that met a non-finite value
   * @param batch     batch where it stopped (from 1): the last one run, or the one that met a non-finite value
   * @param step      the last optimizer step taken; for a non-finite loss or gradient, the step that was refused
   * @param epochs    epochs complete
   * @param bestEpoch epoch with the best monitored value (from 1; 0 before the first evaluation)
   * @param bestValue the best monitored value (NaN before the first evaluation)
   */
  record Stopped(String reason, int epoch, int batch, long step, int epochs, int bestEpoch, double bestValue)
      implements TrainingEvent {}
}
