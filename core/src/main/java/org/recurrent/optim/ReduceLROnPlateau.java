package org.recurrent.optim;

import java.util.List;
import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when a metric has stopped improving for more than
 * {@code patience} epochs, as {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. Call {@link #step(double)} once
 * per epoch with the validation metric. PyTorch's rule:
 * <pre>{@code
 * better(a) = mode MIN, REL: a < best * (1 - threshold)      mode MIN, ABS: a < best - threshold
 *             mode MAX, REL: a > best * (1 + threshold)      mode MAX, ABS: a > best + threshold
 * step(metric):
 *   last_epoch += 1
 *   if better(metric):  best = metric;  num_bad_epochs = 0   else  num_bad_epochs += 1
 *   if cooldown_counter > 0:  cooldown_counter -= 1;  num_bad_epochs = 0      (bad epochs in cooldown don't count)
 *   if num_bad_epochs > patience:
 *     new_lr = max(lr * factor, minLr);  if lr - new_lr > eps:  lr = new_lr
 *     cooldown_counter = cooldown;  num_bad_epochs = 0
 * }</pre>
 * So with no improvement the rate drops after patience + 1 bad epochs. {@code best} starts at +inf (MIN) or -inf
 * (MAX); a NaN metric is never better. The rate lives in the optimizer: this schedule reads it there, so it
 * composes with anything else that set it.
 */
public final class ReduceLROnPlateau implements LrSchedule {
  /** Whether lower (loss) or higher (accuracy) metrics are better. */
  public enum Mode { MIN, MAX }

  /** Whether {@code threshold} is relative to {@code best} or absolute. */
  public enum ThresholdMode { REL, ABS }

  /** PyTorch's defaults for {@code torch.optim.lr_scheduler.ReduceLROnPlateau} (mode MIN). */
  public static final double DEFAULT_FACTOR = 0.1;
  public static final int DEFAULT_PATIENCE = 10;
  public static final double DEFAULT_THRESHOLD = 1e-4;
  public static final ThresholdMode DEFAULT_THRESHOLD_MODE = ThresholdMode.REL;
  public static final int DEFAULT_COOLDOWN = 0;
  public static final double DEFAULT_MIN_LR = 0;
  public static final double DEFAULT_EPS = 1e-8;

  private static final List<String> KEYS =
      List.of("last_epoch", "best", "num_bad_epochs", "cooldown_counter", "last_lr");

  private final Optimizer optimizer;
  private final Mode mode;
  private final double factor;
  private final int patience;
  private final double threshold;
  private final ThresholdMode thresholdMode;
  private final int cooldown;
  private final double minLr;
  private final double eps;
  private double best;
  private long numBadEpochs;
  private long cooldownCounter;
  private long lastEpoch;

  /**
   * @param mode MIN or MAX (PyTorch's default MIN)
   * @param factor in (0, 1): new_lr = lr * factor (default {@value #DEFAULT_FACTOR})
   * @param patience bad epochs tolerated before reducing, >= 0 (default {@value #DEFAULT_PATIENCE})
   * @param threshold least improvement that counts, >= 0 (default {@value #DEFAULT_THRESHOLD})
   * @param thresholdMode REL or ABS (default REL)
   * @param cooldown epochs after a reduction whose bad epochs are ignored, >= 0 (default {@value #DEFAULT_COOLDOWN})
   * @param minLr floor, >= 0 (default {@value #DEFAULT_MIN_LR})
   * @param eps reductions smaller than this are skipped, >= 0 (default {@value #DEFAULT_EPS})
   */
  public ReduceLROnPlateau(Optimizer optimizer, Mode mode, double factor, int patience, double threshold,
                           ThresholdMode thresholdMode, int cooldown, double minLr, double eps) {
    if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
    if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    if (!(threshold >= 0)) throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
    if (cooldown < 0) throw new IllegalArgumentException("cooldown must be >= 0, got " + cooldown);
    if (!(minLr >= 0) || !Double.isFinite(minLr)) throw new IllegalArgumentException("minLr must be >= 0, got " + minLr);
    if (!(eps >= 0)) throw new IllegalArgumentException("eps must be >= 0, got " + eps);
    this.optimizer = optimizer;
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.minLr = minLr;
    this.eps = eps;
    this.best = worst();
  }

  /** PyTorch's defaults ({@link #DEFAULT_FACTOR} and the others) in the given mode. */
  public ReduceLROnPlateau(Optimizer optimizer, Mode mode) {
    this(optimizer, mode, DEFAULT_FACTOR, DEFAULT_PATIENCE, DEFAULT_THRESHOLD, DEFAULT_THRESHOLD_MODE, DEFAULT_COOLDOWN,
        DEFAULT_MIN_LR, DEFAULT_EPS);
  }

  private double worst() {
    return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** Ends an epoch whose validation metric was {@code metric}; may lower the optimizer's rate. */
  public void step(double metric) {
    lastEpoch++;
    if (isBetter(metric)) {
      best = metric;
      numBadEpochs = 0;
    } else {
      numBadEpochs++;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      numBadEpochs = 0; // bad epochs during cooldown are ignored
    }
    if (numBadEpochs > patience) {
      double oldLr = optimizer.learningRate();
      double newLr = Math.max(oldLr * factor, minLr);
      if (oldLr - newLr > eps) optimizer.setLearningRate((float) newLr);
      cooldownCounter = cooldown;
      numBadEpochs = 0;
    }
  }

  private boolean isBetter(double a) {
    return switch (mode) {
      case MIN -> thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
      case MAX -> thresholdMode == ThresholdMode.REL ? a > best * (1 + threshold) : a > best + threshold;
    };
  }

  @Override
  public float lr() {
    return optimizer.learningRate();
  }

  /** The best metric so far (+inf or -inf before the first step). */
  public double best() {
    return best;
  }

  @Override
  public Map<String, Double> stateDict() {
    return Map.of("last_epoch", (double) lastEpoch, "best", best, "num_bad_epochs", (double) numBadEpochs,
        "cooldown_counter", (double) cooldownCounter, "last_lr", (double) optimizer.learningRate());
  }

  @Override
  public void loadStateDict(Map<String, Double> state) {
    String name = "ReduceLROnPlateau";
    ScheduleState.checkKeys(name, state, KEYS);
    long epoch = ScheduleState.count(name, state, "last_epoch");
    long bad = ScheduleState.count(name, state, "num_bad_epochs");
    long cool = ScheduleState.count(name, state, "cooldown_counter");
    double lastLr = ScheduleState.rate(name, state, "last_lr");
    double newBest = state.get("best");
    if (Double.isNaN(newBest)) throw new IllegalArgumentException(name + " state key 'best' is NaN");
    lastEpoch = epoch;
    numBadEpochs = bad;
    cooldownCounter = cool;
    best = newBest;
    optimizer.setLearningRate((float) lastLr);
  }
}
