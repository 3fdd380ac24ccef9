package org.recurrent.loss;

import java.util.Objects;
import org.recurrent.tensor.Tensor;

/**
 * Mean squared error, like {@code torch.nn.MSELoss}, with an optional mask.
 *
 * <pre>{@code
 * l_i  = (x_i - y_i)^2                      dl_i/dx_i = 2 (x_i - y_i) = -dl_i/dy_i
 * MEAN = sum_i m_i l_i / sum_i m_i          SUM = sum_i m_i l_i          NONE = m_i l_i
 * }</pre>
 *
 * <p>Input and target have the same shape; the mask has one value per element or one per row (first
 * dimension). The target receives a gradient when it requires one, as in PyTorch.
 */
public final class MSELoss {
  private final Reduction reduction;

  /** Mean reduction, PyTorch's default. */
  public MSELoss() {
    this(Reduction.MEAN);
  }

  public MSELoss(Reduction reduction) {
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
    return ElementwiseLoss.apply("MSELoss", TERM, reduction, input, target, mask);
  }

  private static final ElementwiseLoss.Term TERM = new ElementwiseLoss.Term() {
    @Override
    public double value(double x, double y, int column) {
      double d = x - y;
      return d * d;
    }

    @Override
    public double dInput(double x, double y, int column) {
      return 2 * (x - y);
    }

    @Override
    public double dTarget(double x, double y, int column) {
      return -2 * (x - y);
    }
  };
}
