package org.recurrent.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, as {@code torch.optim.lr_scheduler.StepLR}.
 * Call {@link #step()} once per epoch, after the epoch's optimizer steps.
 * <pre>{@code
 * lr(e) = base_lr * gamma^floor(e / stepSize)      e = last_epoch, 0 for the first epoch
 * }</pre>
 * Computed in closed form (PyTorch's {@code _get_closed_form_lr}) rather than by repeated multiplication, so the
 * rate does not drift and a resumed run sees the same values.
 */
public final class StepLR extends ClosedFormSchedule {
  /** PyTorch's default decay factor. */
  public static final double DEFAULT_GAMMA = 0.1;

  private final int stepSize;
  private final double gamma;

  /**
   * @param stepSize epochs between decays, >= 1
   * @param gamma multiplicative factor, finite and > 0 (PyTorch's default {@value #DEFAULT_GAMMA})
   */
  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    if (stepSize < 1) throw new IllegalArgumentException("stepSize must be >= 1, got " + stepSize);
    if (!(gamma > 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException("gamma must be > 0, got " + gamma);
    this.stepSize = stepSize;
    this.gamma = gamma;
    apply();
  }

  /** gamma {@value #DEFAULT_GAMMA}, PyTorch's default. */
  public StepLR(Optimizer optimizer, int stepSize) {
    this(optimizer, stepSize, DEFAULT_GAMMA);
  }

  @Override
  public float lr() {
    return (float) (baseLr * Math.pow(gamma, lastEpoch / stepSize));
  }
}
