package org.recurrent.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping at an epoch's end: the validation row, the value {@code training.monitor} names, and whether it
 * improved on the best so far (which decides {@code best.safetensors}, early stopping and reduce-on-plateau).
 *
 * @param val       validation loss ({@code loss}) then the task's metrics, by name; empty without validation data
 * @param monitored the monitored value: the validation loss, a validation metric, or (without validation data)
 *                  the epoch's training loss
 * @param improved  whether {@code monitored} beats the best so far (always for the first evaluation)
 * @param badEpochs epochs since the last improvement, this one included; 0 when it improved
 */
record EpochScore(Map<String, Double> val, double monitored, boolean improved, int badEpochs) {

  /**
   * Scores the epoch {@code state} is at the end of.
   *
   * @param validation the model's score on the validation data (a finite loss), or null without validation data
   * @throws IllegalArgumentException when {@code options.monitor()} is not among the computed values
   */
  static EpochScore of(TrainerState state, ForwardPass.Validation validation, TrainerOptions options) {
    Map<String, Double> val = new LinkedHashMap<>();
    double monitored = state.epochLoss();
    if (validation != null) {
      val.put("loss", validation.loss());
      val.putAll(validation.metrics());
      monitored = validation.loss();
    }
    if (!options.monitor().equals("loss")) monitored = metric(val, options.monitor());
    boolean improved = Double.isNaN(state.bestValue())
        || (options.higherIsBetter() ? monitored > state.bestValue() : monitored < state.bestValue());
    return new EpochScore(val, monitored, improved, improved ? 0 : state.badEpochs() + 1);
  }

  /** The epoch's {@code epoch} event (its metrics row), numbered from 1. */
  TrainingEvent.EpochDone event(TrainerState state, double lr, double seconds) {
    return new TrainingEvent.EpochDone(state.epoch() + 1, state.epochLoss(), val, lr, seconds, improved, badEpochs);
  }

  /** Where the run stands at the start of the next epoch: the best value and its epoch kept or replaced. */
  TrainerState next(TrainerState state) {
    return state.nextEpoch(improved ? monitored : state.bestValue(), improved ? state.epoch() : state.bestEpoch(),
        badEpochs);
  }

  /**
   * Fails unless {@code monitor} is among the validation values {@code val} (empty without validation data).
   *
   * @throws IllegalArgumentException naming the values there are
   */
  static void checkMonitor(Map<String, Double> val, String monitor) {
    if (!val.containsKey(monitor)) metric(val, monitor);
  }

  /** The value of a {@code training.monitor} other than {@code loss}: a validation metric. */
  private static double metric(Map<String, Double> val, String monitor) {
    Double v = val.get(monitor);
    if (v == null) {
      if (val.isEmpty()) {
        throw new IllegalArgumentException("training.monitor '" + monitor + "' is a validation metric, but there are no "
            + "validation data (data.validation or data.split); without them only loss can be monitored");
      }
      List<String> names = new ArrayList<>(val.keySet());            // "loss" first, then the task's metrics
      throw new IllegalArgumentException("training.monitor '" + monitor + "' is not a metric of this run; expected one "
          + "of " + names);
    }
    return v;
  }
}
