package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov and weight decay, as {@code torch.optim.SGD} with
 * dampening 0. The algorithm as PyTorch documents it (lr = γ, weightDecay = λ, momentum = μ):
 * <pre>{@code
 * for t = 1, 2, ...
 *   g_t = grad
 *   if λ != 0:  g_t = g_t + λ θ_{t-1}
 *   if μ != 0:
 *     b_t = t > 1 ? μ b_{t-1} + g_t : g_t      (b = momentum_buffer; its first value is the gradient itself)
 *     g_t = nesterov ? g_t + μ b_t : b_t
 *   θ_t = θ_{t-1} - γ g_t
 * }</pre>
 * State: {@code k.momentum_buffer} when momentum is used; no per-parameter step count (PyTorch keeps none).
 */
public final class SGD extends Optimizer {
  /** PyTorch's defaults for {@code torch.optim.SGD} (γ since PyTorch 2.2; it was required before). */
  public static final float DEFAULT_LR = 1e-3f;
  public static final float DEFAULT_MOMENTUM = 0f;
  public static final boolean DEFAULT_NESTEROV = false;
  public static final float DEFAULT_WEIGHT_DECAY = 0f;

  private final float momentum;
  private final boolean nesterov;
  private final float weightDecay;
  private final float[][] momentumBuffer; // null without momentum

  /**
   * @param lr γ, > 0
   * @param momentum μ, >= 0 (0: plain SGD)
   * @param nesterov Nesterov momentum; needs momentum > 0
   * @param weightDecay λ, >= 0, added to the gradient (L2 penalty)
   */
  public SGD(List<Tensor> params, float lr, float momentum, boolean nesterov, float weightDecay) {
    super(params, lr);
    if (!(momentum >= 0f)) throw new IllegalArgumentException("momentum must be >= 0, got " + momentum);
    if (!(weightDecay >= 0f)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    if (nesterov && momentum == 0f) throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.momentumBuffer = momentum != 0f ? registerBuffer("momentum_buffer") : null;
  }

  /** PyTorch's defaults: no momentum, no weight decay. */
  public SGD(List<Tensor> params, float lr) {
    this(params, lr, DEFAULT_MOMENTUM, DEFAULT_NESTEROV, DEFAULT_WEIGHT_DECAY);
  }

  @Override
  protected String kind() {
    return "SGD";
  }

  @Override
  protected void update() {
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      float[] grad = p.gradData();
      if (grad == null) continue;
      float[] w = p.data();
      boolean first = false;
      if (momentumBuffer != null && momentumBuffer[k] == null) {
        momentumBuffer[k] = new float[w.length];
        first = true;
      }
      float[] b = momentumBuffer == null ? null : momentumBuffer[k];
      for (int i = 0; i < w.length; i++) {
        float g = grad[i];
        if (weightDecay != 0f) g += weightDecay * w[i];            // only when set, as PyTorch: 0 * inf would be NaN
        if (b != null) {
          b[i] = first ? g : momentum * b[i] + g;                    // b = μ b + g
          g = nesterov ? g + momentum * b[i] : b[i];
        }
        w[i] -= lr * g;                                              // θ = θ - γ g
      }
    }
  }
}
