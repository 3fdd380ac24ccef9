package org.recurrent.optim;

/**
 * Linear warm-up over {@code warmupSteps} optimizer steps, then cosine decay to {@code minLr} at
 * {@code totalSteps}, then {@code minLr}: the schedule of Loshchilov and Hutter's SGDR without restarts, with the
 * warm-up of Goyal et al. 2017 (as {@code transformers.get_cosine_schedule_with_warmup}, plus a floor and a start
 * factor). Call {@link #step()} once per optimizer step (batch), after {@link Optimizer#step()}.
 * <pre>{@code
 * t = last_epoch (optimizer steps taken; lr(t) is used by step t + 1), W = warmupSteps, T = totalSteps,
 * s = startFactor, base = base_lr
 * t <  W:       lr(t) = base * (s + (1 - s) * t / W)
 * W <= t <= T:  lr(t) = minLr + (base - minLr) * (1 + cos(pi * (t - W) / (T - W))) / 2
 * t >  T:       lr(t) = minLr
 * }</pre>
 * With the default start factor 0 the very first step has rate 0 (it still feeds Adam's moments); pass a small
 * start factor to make it count.
 */
public final class CosineWarmup extends ClosedFormSchedule {
  private final long warmupSteps;
  private final long totalSteps;
  private final double minLr;
  private final double startFactor;

  /**
   * @param warmupSteps W, 0 <= W < T (0: start decaying at once)
   * @param totalSteps T, where the rate reaches minLr
   * @param minLr floor, 0 <= minLr <= the optimizer's current (base) rate
   * @param startFactor s in [0, 1]: the warm-up starts at s * base
   */
  public CosineWarmup(Optimizer optimizer, long warmupSteps, long totalSteps, double minLr, double startFactor) {
    super(optimizer);
    if (warmupSteps < 0 || warmupSteps >= totalSteps) {
      throw new IllegalArgumentException("need 0 <= warmupSteps < totalSteps, got warmupSteps " + warmupSteps
          + ", totalSteps " + totalSteps);
    }
    if (!(startFactor >= 0 && startFactor <= 1)) {
      throw new IllegalArgumentException("startFactor must be in [0, 1], got " + startFactor);
    }
    this.warmupSteps = warmupSteps;
    this.totalSteps = totalSteps;
    this.minLr = minLr;
    this.startFactor = startFactor;
    checkBase(baseLr);
    apply();
  }

  /** Warm-up from 0. */
  public CosineWarmup(Optimizer optimizer, long warmupSteps, long totalSteps, double minLr) {
    this(optimizer, warmupSteps, totalSteps, minLr, 0);
  }

  @Override
  protected void checkBase(double base) {
    if (!(minLr >= 0 && minLr <= base)) {
      throw new IllegalArgumentException("minLr must be in [0, base_lr = " + base + "], got " + minLr);
    }
  }

  @Override
  public float lr() {
    long t = lastEpoch;
    if (t < warmupSteps) return (float) (baseLr * (startFactor + (1 - startFactor) * t / warmupSteps));
    if (t > totalSteps) return (float) minLr;
    double progress = (double) (t - warmupSteps) / (totalSteps - warmupSteps);
    return (float) (minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * progress)) / 2);
  }
}
