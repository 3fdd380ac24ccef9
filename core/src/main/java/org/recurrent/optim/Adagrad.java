package org.recurrent.optim;

import java.util.Arrays;
import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * Adagrad (Duchi, Hazan and Singer 2011), as {@code torch.optim.Adagrad}. The algorithm as PyTorch documents it
 * (lr = γ, weightDecay = λ, initialAccumulatorValue = τ, lrDecay = η, eps = ε):
 * <pre>{@code
 * state_sum_0 = τ
 * for t = 1, 2, ...
 *   g_t = grad
 *   γ̃ = γ / (1 + (t - 1) η)
 *   if λ != 0:  g_t = g_t + λ θ_{t-1}
 *   state_sum_t = state_sum_{t-1} + g_t^2
 *   θ_t = θ_{t-1} - γ̃ g_t / (sqrt(state_sum_t) + ε)
 * }</pre>
 * ε is added to the square root, as PyTorch. t counts this parameter's updates. As in PyTorch, the state
 * ({@code k.sum} filled with τ, {@code k.step} = 0) exists from construction, so {@link #stateDict()} has it before
 * the first step.
 */
public final class Adagrad extends Optimizer {
  /** PyTorch's defaults for {@code torch.optim.Adagrad}. */
  public static final float DEFAULT_LR = 1e-2f;
  public static final float DEFAULT_LR_DECAY = 0f;
  public static final float DEFAULT_WEIGHT_DECAY = 0f;
  public static final float DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0f;
  public static final float DEFAULT_EPS = 1e-10f;

  private final float lrDecay;
  private final float weightDecay;
  private final float initialAccumulatorValue;
  private final float eps;
  private final float[][] sum = registerBuffer("sum");
  private final long[] paramSteps = registerParamSteps();

  /**
   * @param lr γ > 0 (PyTorch's default {@value #DEFAULT_LR})
   * @param lrDecay η >= 0 (default {@value #DEFAULT_LR_DECAY})
   * @param weightDecay λ >= 0 (default {@value #DEFAULT_WEIGHT_DECAY})
   * @param initialAccumulatorValue τ >= 0 (default {@value #DEFAULT_INITIAL_ACCUMULATOR_VALUE})
   * @param eps ε > 0 (default {@value #DEFAULT_EPS})
   */
  public Adagrad(List<Tensor> params, float lr, float lrDecay, float weightDecay, float initialAccumulatorValue,
                 float eps) {
    super(params, lr);
    if (!(lrDecay >= 0f)) throw new IllegalArgumentException("lrDecay must be >= 0, got " + lrDecay);
    if (!(weightDecay >= 0f)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    if (!(initialAccumulatorValue >= 0f)) {
      throw new IllegalArgumentException("initialAccumulatorValue must be >= 0, got " + initialAccumulatorValue);
    }
    if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
    this.lrDecay = lrDecay;
    this.weightDecay = weightDecay;
    this.initialAccumulatorValue = initialAccumulatorValue;
    this.eps = eps;
    for (int k = 0; k < this.params.size(); k++) sum[k] = initialSum(this.params.get(k).numel());
  }

  /** PyTorch's defaults: no lr decay, no weight decay, initial accumulator 0, eps {@value #DEFAULT_EPS}. */
  public Adagrad(List<Tensor> params, float lr) {
    this(params, lr, DEFAULT_LR_DECAY, DEFAULT_WEIGHT_DECAY, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_EPS);
  }

  @Override
  protected String kind() {
    return "Adagrad";
  }

  private float[] initialSum(int n) {
    float[] s = new float[n];
    Arrays.fill(s, initialAccumulatorValue);
    return s;
  }

  @Override
  protected void update() {
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      float[] grad = p.gradData();
      if (grad == null) continue;
      float[] w = p.data();
      if (sum[k] == null) sum[k] = initialSum(w.length); // a loaded state may omit a parameter's entries
      long t = ++paramSteps[k];
      float clr = (float) (lr / (1 + (t - 1) * (double) lrDecay));   // γ̃ = γ / (1 + (t - 1) η)
      float[] s = sum[k];
      for (int i = 0; i < w.length; i++) {
        float g = grad[i];
        if (weightDecay != 0f) g += weightDecay * w[i];               // g = g + λ θ
        s[i] += g * g;                                                 // state_sum += g²
        w[i] -= clr * (g / ((float) Math.sqrt(s[i]) + eps));           // θ -= γ̃ g / (sqrt(state_sum) + ε)
      }
    }
  }
}
