package org.recurrent.loss;

import java.util.Objects;
import org.recurrent.tensor.Tensor;

/**
 * Huber loss, like {@code torch.nn.HuberLoss(delta)} (not {@code SmoothL1Loss}, which divides the quadratic
 * part by delta), with an optional mask. With {@code d = x - y}:
 *
 * <pre>{@code
 * l_i = 0.5 d^2                  if |d| <  delta        dl_i/dx_i = d
 *     = delta (|d| - 0.5 delta)  otherwise              dl_i/dx_i = delta sign(d)      (dl/dy = -dl/dx)
 * MEAN = sum_i m_i l_i / sum_i m_i          SUM = sum_i m_i l_i          NONE = m_i l_i
 * }</pre>
 *
 * <p>Input and target have the same shape; the mask has one value per element or one per row (first
 * dimension).
 */
public final class HuberLoss {
  private final double delta;
  private final Reduction reduction;
  private final ElementwiseLoss.Term term;

  /** Mean reduction, PyTorch's default. */
  public HuberLoss(double delta) {
    this(delta, Reduction.MEAN);
  }

  public HuberLoss(double delta, Reduction reduction) {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("HuberLoss: delta must be finite and > 0, got " + delta);
    }
    this.delta = delta;
    this.reduction = Objects.requireNonNull(reduction, "reduction");
    this.term = new ElementwiseLoss.Term() {
      @Override
      public double value(double x, double y, int column) {
        double z = Math.abs(x - y);
        return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
      }

      @Override
      public double dInput(double x, double y, int column) {
        return Math.max(-delta, Math.min(delta, x - y)); // clamp(d, -delta, delta)
      }

      @Override
      public double dTarget(double x, double y, int column) {
        return -dInput(x, y, column);
      }
    };
  }

  public double delta() {
    return delta;
  }

  public Reduction reduction() {
    return reduction;
  }

  public Tensor forward(Tensor input, Tensor target) {
    return forward(input, target, null);
  }

  /** The loss over the elements where {@code mask} (per element or per row; null = all ones) is non-zero. */
  public Tensor forward(Tensor input, Tensor target, float[] mask) {
    return ElementwiseLoss.apply("HuberLoss", term, reduction, input, target, mask);
  }
}
