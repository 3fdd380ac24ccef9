package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * RMSprop (Hinton, Coursera lecture 6e; centered version: Graves 2013), as {@code torch.optim.RMSprop}. The
 * algorithm as PyTorch documents it (lr = γ, alpha = α, weightDecay = λ, momentum = μ, eps = ε):
 * <pre>{@code
 * v_0 = 0 (square_avg),  b_0 = 0 (momentum_buffer),  g^ave_0 = 0 (grad_avg)
 * for t = 1, 2, ...
 *   g_t = grad
 *   if λ != 0:  g_t = g_t + λ θ_{t-1}
 *   v_t = α v_{t-1} + (1 - α) g_t^2
 *   ṽ_t = v_t
 *   if centered:
 *     g^ave_t = α g^ave_{t-1} + (1 - α) g_t
 *     ṽ_t = ṽ_t - (g^ave_t)^2
 *   if μ > 0:
 *     b_t = μ b_{t-1} + g_t / (sqrt(ṽ_t) + ε)
 *     θ_t = θ_{t-1} - γ b_t
 *   else:
 *     θ_t = θ_{t-1} - γ g_t / (sqrt(ṽ_t) + ε)
 * }</pre>
 * ε is added to the square root, not under it (as PyTorch; Keras and TensorFlow differ). Unlike SGD, the momentum
 * buffer starts at zero. State: {@code k.square_avg}, {@code k.momentum_buffer} (momentum > 0),
 * {@code k.grad_avg} (centered), {@code k.step}.
 */
public final class RMSprop extends Optimizer {
  /** PyTorch's defaults for {@code torch.optim.RMSprop}. */
  public static final float DEFAULT_LR = 1e-2f;
  public static final float DEFAULT_ALPHA = 0.99f;
  public static final float DEFAULT_EPS = 1e-8f;
  public static final float DEFAULT_WEIGHT_DECAY = 0f;
  public static final float DEFAULT_MOMENTUM = 0f;
  public static final boolean DEFAULT_CENTERED = false;

  private final float alpha;
  private final float eps;
  private final float weightDecay;
  private final float momentum;
  private final boolean centered;
  private final float[][] squareAvg;
  private final float[][] momentumBuffer; // null without momentum
  private final float[][] gradAvg;        // null unless centered
  private final long[] paramSteps;

  /**
   * @param lr γ > 0 (PyTorch's default {@value #DEFAULT_LR})
   * @param alpha α in [0, 1], smoothing constant of the squared-gradient average (default {@value #DEFAULT_ALPHA})
   * @param eps ε > 0 (default {@value #DEFAULT_EPS})
   * @param weightDecay λ >= 0 (default {@value #DEFAULT_WEIGHT_DECAY})
   * @param momentum μ >= 0 (default {@value #DEFAULT_MOMENTUM})
   * @param centered normalise by the estimated variance of the gradient instead of its second moment (default
   *     {@value #DEFAULT_CENTERED})
   */
  public RMSprop(List<Tensor> params, float lr, float alpha, float eps, float weightDecay, float momentum,
                 boolean centered) {
    super(params, lr);
    if (!(alpha >= 0f && alpha <= 1f)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
    if (!(weightDecay >= 0f)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    if (!(momentum >= 0f)) throw new IllegalArgumentException("momentum must be >= 0, got " + momentum);
    this.alpha = alpha;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.momentum = momentum;
    this.centered = centered;
    this.squareAvg = registerBuffer("square_avg");
    this.momentumBuffer = momentum > 0f ? registerBuffer("momentum_buffer") : null;
    this.gradAvg = centered ? registerBuffer("grad_avg") : null;
    this.paramSteps = registerParamSteps();
  }

  /**
   * PyTorch's defaults: alpha {@value #DEFAULT_ALPHA}, eps {@value #DEFAULT_EPS}, no weight decay, no momentum,
   * not centered.
   */
  public RMSprop(List<Tensor> params, float lr) {
    this(params, lr, DEFAULT_ALPHA, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, DEFAULT_MOMENTUM, DEFAULT_CENTERED);
  }

  @Override
  protected String kind() {
    return "RMSprop";
  }

  @Override
  protected void update() {
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      float[] grad = p.gradData();
      if (grad == null) continue;
      float[] w = p.data();
      if (squareAvg[k] == null) {
        squareAvg[k] = new float[w.length];
        if (momentumBuffer != null) momentumBuffer[k] = new float[w.length];
        if (gradAvg != null) gradAvg[k] = new float[w.length];
      }
      paramSteps[k]++;
      float[] v = squareAvg[k];
      float[] b = momentumBuffer == null ? null : momentumBuffer[k];
      float[] gAve = gradAvg == null ? null : gradAvg[k];
      for (int i = 0; i < w.length; i++) {
        float g = grad[i];
        if (weightDecay != 0f) g += weightDecay * w[i];               // g = g + λ θ
        v[i] = alpha * v[i] + (1 - alpha) * g * g;                     // v = α v + (1 - α) g²
        float vTilde = v[i];
        if (gAve != null) {
          gAve[i] = alpha * gAve[i] + (1 - alpha) * g;                 // g^ave = α g^ave + (1 - α) g
          vTilde -= gAve[i] * gAve[i];                                 // ṽ = v - (g^ave)²
        }
        float avg = (float) Math.sqrt(vTilde) + eps;
        if (b != null) {
          b[i] = momentum * b[i] + g / avg;                            // b = μ b + g / (sqrt(ṽ) + ε)
          w[i] -= lr * b[i];
        } else {
          w[i] -= lr * (g / avg);                                      // θ = θ - γ g / (sqrt(ṽ) + ε)
        }
      }
    }
  }
}
