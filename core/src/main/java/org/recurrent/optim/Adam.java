package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * Adam (Kingma and Ba 2015), as {@code torch.optim.Adam}; with {@code decoupled} it is AdamW (Loshchilov and
 * Hutter 2019), as {@code torch.optim.AdamW}.
 * <pre>{@code
 * t = t + 1
 * Adam:  g = grad + weightDecay * p              AdamW: p = p - lr * weightDecay * p;  g = grad
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * p = p - lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * }</pre>
 */
public final class Adam extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float eps;
  private final float weightDecay;
  private final boolean decoupled;
  private final float[][] m;
  private final float[][] v;
  private int t;

  public Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay,
              boolean decoupled) {
    super(params, lr);
    if (!(beta1 >= 0f && beta1 < 1f)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
    if (!(beta2 >= 0f && beta2 < 1f)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
    if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
    if (weightDecay < 0f) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    this.m = new float[this.params.size()][];
    this.v = new float[this.params.size()][];
  }

  /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public Adam(List<Tensor> params, float lr) {
    this(params, lr, 0.9f, 0.999f, 1e-8f, 0f, false);
  }

  @Override
  public void step() {
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    float stepSize = (float) (lr / c1);
    float c2Sqrt = (float) Math.sqrt(c2);
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      float[] g = p.gradData();
      if (g == null) continue;
      float[] w = p.data();
      if (m[k] == null) {
        m[k] = new float[w.length];
        v[k] = new float[w.length];
      }
      float[] mk = m[k], vk = v[k];
      for (int i = 0; i < w.length; i++) {
        float gi = g[i];
        if (weightDecay != 0f) {
          if (decoupled) w[i] -= lr * weightDecay * w[i];
          else gi += weightDecay * w[i];
        }
        mk[i] = beta1 * mk[i] + (1 - beta1) * gi;
        vk[i] = beta2 * vk[i] + (1 - beta2) * gi * gi;
        w[i] -= stepSize * mk[i] / ((float) Math.sqrt(vk[i]) / c2Sqrt + eps);
      }
    }
  }
}
