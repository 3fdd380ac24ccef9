package org.recurrent.optim;

import java.util.List;
import java.util.Map;

/**
 * A schedule whose rate is a closed-form function of the base rate and a count of {@link #step()} calls
 * ({@code last_epoch}, PyTorch's name, whether it counts epochs or optimizer steps). Computing the rate from the
 * count instead of updating it step by step means a resumed schedule gives bit-identical rates and nothing drifts
 * over long runs. Its state is just {@code last_epoch} and {@code base_lr}.
 */
abstract class ClosedFormSchedule implements LrSchedule {
  private static final List<String> KEYS = List.of("last_epoch", "base_lr");

  private final Optimizer optimizer;
  protected double baseLr;
  protected long lastEpoch;

  protected ClosedFormSchedule(Optimizer optimizer) {
    this.optimizer = optimizer;
    this.baseLr = optimizer.learningRate();
  }

  /** Advances the count and sets the rate for what comes next. */
  public void step() {
    lastEpoch++;
    apply();
  }

  /** Sets the optimizer's rate from the current count; subclasses call it at the end of their constructor. */
  protected final void apply() {
    optimizer.setLearningRate(lr());
  }

  /** Checks a base rate being loaded against the schedule's own settings; nothing by default. */
  protected void checkBase(double base) {
  }

  @Override
  public final Map<String, Double> stateDict() {
    return Map.of("last_epoch", (double) lastEpoch, "base_lr", baseLr);
  }

  @Override
  public final void loadStateDict(Map<String, Double> state) {
    String name = getClass().getSimpleName();
    ScheduleState.checkKeys(name, state, KEYS);
    long epoch = ScheduleState.count(name, state, "last_epoch");
    double base = ScheduleState.rate(name, state, "base_lr");
    checkBase(base);
    lastEpoch = epoch;
    baseLr = base;
    apply();
  }
}
