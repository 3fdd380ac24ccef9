package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov and weight decay, as {@code torch.optim.SGD}.
 * <pre>{@code
 * g = grad + weightDecay * p
 * v = momentum * v + g            (v = g on the first step)
 * d = nesterov ? g + momentum * v : (momentum > 0 ? v : g)
 * p = p - lr * d
 * }</pre>
 */
public final class SGD extends Optimizer {
  private final float momentum;
  private final boolean nesterov;
  private final float weightDecay;
  private final float[][] velocity;

  public SGD(List<Tensor> params, float lr, float momentum, boolean nesterov, float weightDecay) {
    super(params, lr);
    if (momentum < 0f) throw new IllegalArgumentException("momentum must be >= 0, got " + momentum);
    if (weightDecay < 0f) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    if (nesterov && momentum == 0f) throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.velocity = new float[this.params.size()][];
  }

  public SGD(List<Tensor> params, float lr) {
    this(params, lr, 0f, false, 0f);
  }

  @Override
  public void step() {
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      float[] g = p.gradData();
      if (g == null) continue;
      float[] w = p.data();
      if (momentum == 0f) {
        for (int i = 0; i < w.length; i++) w[i] -= lr * (g[i] + weightDecay * w[i]);
        continue;
      }
      boolean first = velocity[k] == null;
      if (first) velocity[k] = new float[w.length];
      float[] v = velocity[k];
      for (int i = 0; i < w.length; i++) {
        float gi = g[i] + weightDecay * w[i];
        v[i] = first ? gi : momentum * v[i] + gi;
        w[i] -= lr * (nesterov ? gi + momentum * v[i] : v[i]);
      }
    }
  }
}
