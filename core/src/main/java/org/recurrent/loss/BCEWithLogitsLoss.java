package org.recurrent.loss;

import java.util.Objects;
import org.recurrent.tensor.Tensor;

/**
 * Binary cross-entropy on logits for multi-label targets, like {@code torch.nn.BCEWithLogitsLoss}, with an
 * optional per-class {@code posWeight} and an optional mask. Input x (logits) and target y in [0, 1] have the
 * same shape, typically (N, C); {@code posWeight} p has one value per class (the last dimension).
 *
 * <pre>{@code
 * sp(-x) = log(1 + exp(-x)) = log(1 + exp(-|x|)) + max(-x, 0)       (stable softplus, never overflows)
 * lw     = 1 + (p_c - 1) y                                          (p_c = 1 without posWeight)
 * l      = (1 - y) x + lw sp(-x)         = max(x,0) - x y + log(1 + exp(-|x|))  when p = 1
 * dl/dx  = (1 - y) - lw sigmoid(-x)      = sigmoid(x) - y                        when p = 1
 * dl/dy  = -x + (p_c - 1) sp(-x)
 * MEAN = sum_i m_i l_i / sum_i m_i          SUM = sum_i m_i l_i          NONE = m_i l_i
 * }</pre>
 *
 * <p>The mask has one value per element or one per row. PyTorch's {@code weight} argument multiplies the
 * same way, but its mean divides by the element count rather than by the weight sum; with 0/1 masks ours is
 * the mean over the kept elements, which is what padding needs. PyTorch's weighted mean is this loss with
 * {@link Reduction#SUM} divided by the element count.
 */
public final class BCEWithLogitsLoss {
  private final float[] posWeight; // (C) or null
  private final Reduction reduction;

  /** No positive weight, mean reduction (PyTorch's defaults). */
  public BCEWithLogitsLoss() {
    this(null, Reduction.MEAN);
  }

  private BCEWithLogitsLoss(float[] posWeight, Reduction reduction) {
    this.posWeight = posWeight;
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  /** A copy with per-class weights of positive examples ((C), finite, >= 0), or null for none. */
  public BCEWithLogitsLoss withPosWeight(float[] posWeight) {
    if (posWeight != null) {
      for (int c = 0; c < posWeight.length; c++) {
        if (!(posWeight[c] >= 0) || Float.isInfinite(posWeight[c])) {
          throw new IllegalArgumentException("BCEWithLogitsLoss: posWeight must be finite and >= 0, got "
              + posWeight[c] + " at class " + c);
        }
      }
    }
    return new BCEWithLogitsLoss(posWeight == null ? null : posWeight.clone(), reduction);
  }

  public BCEWithLogitsLoss withReduction(Reduction reduction) {
    return new BCEWithLogitsLoss(posWeight, reduction);
  }

  public Reduction reduction() {
    return reduction;
  }

  public Tensor forward(Tensor logits, Tensor target) {
    return forward(logits, target, null);
  }

  /** The loss over the elements where {@code mask} (per element or per row; null = all ones) is non-zero. */
  public Tensor forward(Tensor logits, Tensor target, float[] mask) {
    int columns = logits.dim() == 0 ? 1 : logits.size(-1);
    if (posWeight != null && posWeight.length != columns) {
      throw new IllegalArgumentException("BCEWithLogitsLoss: posWeight has " + posWeight.length
          + " values but logits " + logits.shapeString() + " have C=" + columns + " classes in the last dimension");
    }
    return ElementwiseLoss.apply("BCEWithLogitsLoss", new Term(posWeight), reduction, logits, target, mask);
  }

  private record Term(float[] posWeight) implements ElementwiseLoss.Term {
    private double p(int column) {
      return posWeight == null ? 1 : posWeight[column];
    }

    /** log(1 + exp(-x)) without overflow for either sign of x. */
    private static double softplusNeg(double x) {
      return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0);
    }

    /** sigmoid(-x) without overflow. */
    private static double sigmoidNeg(double x) {
      if (x >= 0) {
        double e = Math.exp(-x);
        return e / (1 + e);
      }
      return 1 / (1 + Math.exp(x));
    }

    @Override
    public double value(double x, double y, int column) {
      double lw = 1 + (p(column) - 1) * y;
      return (1 - y) * x + lw * softplusNeg(x); // (1-y) x + lw sp(-x)
    }

    @Override
    public double dInput(double x, double y, int column) {
      double lw = 1 + (p(column) - 1) * y;
      return (1 - y) - lw * sigmoidNeg(x); // (1-y) - lw sigmoid(-x)
    }

    @Override
    public double dTarget(double x, double y, int column) {
      return -x + (p(column) - 1) * softplusNeg(x); // -x + (p-1) sp(-x)
    }
  }
}
