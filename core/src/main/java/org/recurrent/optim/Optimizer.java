package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * Updates parameters from their accumulated gradients, like {@code torch.optim.Optimizer}. Parameters whose
 * gradient was never computed are skipped by {@link #step()}.
 */
public abstract class Optimizer {
  protected final List<Tensor> params;
  protected float lr;

  protected Optimizer(List<Tensor> params, float lr) {
    if (params.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
    if (!(lr > 0f) || !Float.isFinite(lr)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
    for (Tensor p : params) {
      if (!p.requiresGrad()) throw new IllegalArgumentException("optimizer parameter does not require grad: " + p);
    }
    this.params = List.copyOf(params);
    this.lr = lr;
  }

  /** One update of every parameter from its gradient. */
  public abstract void step();

  public final void zeroGrad() {
    for (Tensor p : params) p.zeroGrad();
  }

  public final float learningRate() {
    return lr;
  }

  /** For schedules. */
  public final void setLearningRate(float lr) {
    if (!(lr > 0f) || !Float.isFinite(lr)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
    this.lr = lr;
  }
}
