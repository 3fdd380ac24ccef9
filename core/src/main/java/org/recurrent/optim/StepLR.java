package org.recurrent.optim;

import java.util.List;
import java.util.Map;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, as {@code torch.optim.lr_scheduler.StepLR}.
 * Call {@link #step()} once per epoch, after the epoch's optimizer steps.
 * <pre>{@code
 * lr(e) = base_lr * gamma^floor(e / stepSize)      e = last_epoch, 0 for the first epoch
 * }</pre>
 * Computed in closed form (PyTorch's {@code _get_closed_form_lr}) rather than by repeated multiplication, so the
 * rate does not drift and a resumed run sees the same values.
 */
public final class StepLR implements LrSchedule {
  private static final List<String> KEYS = List.of("last_epoch", "base_lr");

  private final Optimizer optimizer;
  private final int stepSize;
  private final double gamma;
  private double baseLr;
  private long lastEpoch;

  /**
   * @param stepSize epochs between decays, >= 1
   * @param gamma multiplicative factor, finite and > 0 (PyTorch's default 0.1)
   */
  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    if (stepSize < 1) throw new IllegalArgumentException("stepSize must be >= 1, got " + stepSize);
    if (!(gamma > 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException("gamma must be > 0, got " + gamma);
    this.optimizer = optimizer;
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.baseLr = optimizer.learningRate();
    apply();
  }

  /** gamma 0.1, PyTorch's default. */
  public StepLR(Optimizer optimizer, int stepSize) {
    this(optimizer, stepSize, 0.1);
  }

  /** Ends an epoch: advances {@code last_epoch} and sets the rate for the next one. */
  public void step() {
    lastEpoch++;
    apply();
  }

  @Override
  public float lr() {
    return (float) (baseLr * Math.pow(gamma, lastEpoch / stepSize));
  }

  private void apply() {
    optimizer.setLearningRate(lr());
  }

  @Override
  public Map<String, Double> stateDict() {
    return Map.of("last_epoch", (double) lastEpoch, "base_lr", baseLr);
  }

  @Override
  public void loadStateDict(Map<String, Double> state) {
    ScheduleState.checkKeys("StepLR", state, KEYS);
    long epoch = ScheduleState.count("StepLR", state, "last_epoch");
    double base = ScheduleState.rate("StepLR", state, "base_lr");
    lastEpoch = epoch;
    baseLr = base;
    apply();
  }
}
