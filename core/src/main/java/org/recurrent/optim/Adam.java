package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * Adam (Kingma and Ba 2015), as {@code torch.optim.Adam}; with {@code decoupled} it is AdamW (Loshchilov and
 * Hutter 2019), as {@code torch.optim.AdamW}. The algorithm as PyTorch documents it (lr = γ, weightDecay = λ):
 * <pre>{@code
 * for t = 1, 2, ...                          (t counts this parameter's updates: state['step'])
 *   g_t = grad
 *   Adam:   if λ != 0:  g_t = g_t + λ θ_{t-1}
 *   AdamW:  θ_{t-1} = θ_{t-1} - γ λ θ_{t-1}
 *   m_t = β1 m_{t-1} + (1 - β1) g_t
 *   v_t = β2 v_{t-1} + (1 - β2) g_t^2
 *   m̂_t = m_t / (1 - β1^t)
 *   v̂_t = v_t / (1 - β2^t)
 *   θ_t = θ_{t-1} - γ m̂_t / (sqrt(v̂_t) + ε)
 * }</pre>
 * Computed as PyTorch's single-tensor kernel does: {@code θ -= (γ / (1 - β1^t)) * (m / (sqrt(v) / sqrt(1 - β2^t) + ε))},
 * the decoupled decay as {@code θ *= 1 - γ λ}. The step count t is per parameter, as in PyTorch, so a parameter
 * that had no gradient for a while gets the bias correction of its own updates.
 * State: {@code k.exp_avg} (m), {@code k.exp_avg_sq} (v), {@code k.step}.
 */
public final class Adam extends Optimizer {
  /** PyTorch's defaults for {@code torch.optim.Adam} and {@code torch.optim.AdamW}: γ, β1, β2, ε. */
  public static final float DEFAULT_LR = 1e-3f;
  public static final float DEFAULT_BETA1 = 0.9f;
  public static final float DEFAULT_BETA2 = 0.999f;
  public static final float DEFAULT_EPS = 1e-8f;
  /** λ of Adam: no L2 penalty. */
  public static final float DEFAULT_WEIGHT_DECAY = 0f;
  /** λ of AdamW (decoupled): PyTorch's {@code AdamW} default, unlike Adam's 0. */
  public static final float DEFAULT_ADAMW_WEIGHT_DECAY = 1e-2f;

  private final float beta1;
  private final float beta2;
  private final float eps;
  private final float weightDecay;
  private final boolean decoupled;
  private final float[][] expAvg = registerBuffer("exp_avg");
  private final float[][] expAvgSq = registerBuffer("exp_avg_sq");
  private final long[] paramSteps = registerParamSteps();

  /**
   * @param lr γ, > 0
   * @param beta1 β1 in [0, 1)
   * @param beta2 β2 in [0, 1)
   * @param eps ε > 0, added to sqrt(v̂)
   * @param weightDecay λ >= 0
   * @param decoupled false: Adam (λ θ added to the gradient); true: AdamW (θ shrunk by γ λ θ outside the moments)
   */
  public Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay,
              boolean decoupled) {
    super(params, lr);
    if (!(beta1 >= 0f && beta1 < 1f)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
    if (!(beta2 >= 0f && beta2 < 1f)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
    if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
    if (!(weightDecay >= 0f)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
  }

  /**
   * Adam with PyTorch's defaults: betas ({@value #DEFAULT_BETA1}, {@value #DEFAULT_BETA2}), eps
   * {@value #DEFAULT_EPS}, no weight decay.
   */
  public Adam(List<Tensor> params, float lr) {
    this(params, lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, false);
  }

  /**
   * AdamW with PyTorch's defaults: betas ({@value #DEFAULT_BETA1}, {@value #DEFAULT_BETA2}), eps
   * {@value #DEFAULT_EPS}, weight decay {@value #DEFAULT_ADAMW_WEIGHT_DECAY}.
   */
  public static Adam adamW(List<Tensor> params, float lr) {
    return new Adam(params, lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_ADAMW_WEIGHT_DECAY, true);
  }

  @Override
  protected String kind() {
    return decoupled ? "AdamW" : "Adam";
  }

  @Override
  protected void update() {
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      float[] grad = p.gradData();
      if (grad == null) continue;
      float[] w = p.data();
      if (expAvg[k] == null) {
        expAvg[k] = new float[w.length];
        expAvgSq[k] = new float[w.length];
      }
      long t = ++paramSteps[k];
      double c1 = 1 - Math.pow(beta1, t);
      double c2 = 1 - Math.pow(beta2, t);
      float stepSize = (float) (lr / c1);
      float c2Sqrt = (float) Math.sqrt(c2);
      float decay = (float) (1 - (double) lr * weightDecay);
      float[] m = expAvg[k], v = expAvgSq[k];
      for (int i = 0; i < w.length; i++) {
        float g = grad[i];
        if (weightDecay != 0f) {
          if (decoupled) w[i] *= decay;                               // θ = θ - γ λ θ
          else g += weightDecay * w[i];                               // g = g + λ θ
        }
        m[i] = beta1 * m[i] + (1 - beta1) * g;                        // m = β1 m + (1 - β1) g
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;                    // v = β2 v + (1 - β2) g²
        w[i] -= stepSize * (m[i] / ((float) Math.sqrt(v[i]) / c2Sqrt + eps)); // θ -= γ m̂ / (sqrt(v̂) + ε)
      }
    }
  }
}
