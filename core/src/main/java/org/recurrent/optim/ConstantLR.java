package org.recurrent.optim;

/**
 * Multiplies the learning rate by a constant {@code factor} for the first {@code totalIters} epochs, then uses the
 * base rate, as {@code torch.optim.lr_scheduler.ConstantLR}. Call {@link #step()} once per epoch.
 * {@link #none(Optimizer)} (factor 1) is the schedule that leaves the rate alone.
 * <pre>{@code
 * lr(e) = base_lr * (e < totalIters ? factor : 1)      e = last_epoch, 0 for the first epoch
 * }</pre>
 */
public final class ConstantLR extends ClosedFormSchedule {
  /** PyTorch's defaults: a third of the rate for the first 5 epochs. */
  public static final double DEFAULT_FACTOR = 1.0 / 3;
  public static final long DEFAULT_TOTAL_ITERS = 5;

  private final double factor;
  private final long totalIters;

  /**
   * @param factor in (0, 1] (PyTorch's default 1/3; PyTorch also allows 0, which would stop training here)
   * @param totalIters epochs at the reduced rate, >= 0 (default {@value #DEFAULT_TOTAL_ITERS})
   */
  public ConstantLR(Optimizer optimizer, double factor, long totalIters) {
    super(optimizer);
    if (!(factor > 0 && factor <= 1)) throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
    if (totalIters < 0) throw new IllegalArgumentException("totalIters must be >= 0, got " + totalIters);
    this.factor = factor;
    this.totalIters = totalIters;
    apply();
  }

  /** PyTorch's defaults: factor 1/3 for 5 epochs. */
  public ConstantLR(Optimizer optimizer) {
    this(optimizer, DEFAULT_FACTOR, DEFAULT_TOTAL_ITERS);
  }

  /** No schedule: the optimizer's rate stays as it is, but the loop can treat it like any other schedule. */
  public static ConstantLR none(Optimizer optimizer) {
    return new ConstantLR(optimizer, 1, 0);
  }

  @Override
  public float lr() {
    return lastEpoch < totalIters ? (float) (baseLr * factor) : (float) baseLr;
  }
}
