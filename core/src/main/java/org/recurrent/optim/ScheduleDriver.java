package org.recurrent.optim;

import java.util.Map;

/**
 * How a training loop tells a learning-rate schedule ({@link LrSchedule}) that time has passed: after every
 * optimizer step and after every epoch (with the monitored value, for reduce-on-plateau). Its state goes into
 * checkpoints.
 */
public interface ScheduleDriver {

  void afterStep(long step);

  void afterEpoch(int epoch, double monitored);

  Map<String, Double> state();

  void load(Map<String, Double> state);

  /** A constant learning rate. */
  static ScheduleDriver constant() {
    return new ScheduleDriver() {
      @Override
      public void afterStep(long step) {
      }

      @Override
      public void afterEpoch(int epoch, double monitored) {
      }

      @Override
      public Map<String, Double> state() {
        return Map.of();
      }

      @Override
      public void load(Map<String, Double> state) {
      }
    };
  }
}
