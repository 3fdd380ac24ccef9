package org.recurrent.loss;

import java.util.Objects;
import org.recurrent.tensor.Tensor;

/**
 * Mean absolute error, like {@code torch.nn.L1Loss}, with an optional mask.
 *
 * <pre>{@code
 * l_i  = |x_i - y_i|                        dl_i/dx_i = sign(x_i - y_i) = -dl_i/dy_i   (sign(0) = 0, as PyTorch)
 * MEAN = sum_i m_i l_i / sum_i m_i          SUM = sum_i m_i l_i          NONE = m_i l_i
 * }</pre>
 *
 * <p>Input and target have the same shape; the mask has one value per element or one per row (first
 * dimension).
 */
public final class L1Loss {
  private final Reduction reduction;

  /** Mean reduction, PyTorch's default. */
  public L1Loss() {
    this(Reduction.MEAN);
  }

  public L1Loss(Reduction reduction) {
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  public Reduction reduction() {
    return reduction;
  }

  public Tensor forward(Tensor input, Tensor target) {
    return forward(input, target, null);
  }

  /** The loss over the elements where {@code mask} (per element or per row; null = all ones) is non-zero. */
  public Tensor forward(Tensor input, Tensor target, float[] mask) {
    return ElementwiseLoss.apply("L1Loss", TERM, reduction, input, target, mask);
  }

  private static final ElementwiseLoss.Term TERM = new ElementwiseLoss.Term() {
    @Override
    public double value(double x, double y, int column) {
      return Math.abs(x - y);
    }

    @Override
    public double dInput(double x, double y, int column) {
      return Math.signum(x - y);
    }

    @Override
    public double dTarget(double x, double y, int column) {
      return -Math.signum(x - y);
    }
  };
}
