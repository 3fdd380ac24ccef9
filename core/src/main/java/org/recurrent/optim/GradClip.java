package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/**
 * Gradient clipping against exploding gradients, as {@code torch.nn.utils.clip_grad_norm_/clip_grad_value_}.
 * Pass {@code module.parameters()}: the trainable parameters, so a module's buffers and frozen parameters neither
 * count towards the norm nor change. Tensors without a gradient are skipped.
 */
public final class GradClip {
  private GradClip() {}

  /**
   * Scales all gradients so that their global L2 norm is at most {@code maxNorm}, as
   * {@code torch.nn.utils.clip_grad_norm_}:
   * <pre>{@code
   * norm = sqrt(sum over parameters p, entries i of grad_p[i]^2)
   * coef = min(1, maxNorm / (norm + 1e-6))
   * grad_p = coef * grad_p
   * }</pre>
   * Returns the norm before clipping. The sum is taken in double, so it overflows only if a gradient entry is
   * already infinite: a non-finite norm means a NaN or infinite gradient. Then nothing is scaled (PyTorch would
   * multiply by a NaN or zero coefficient), so the caller can detect it and skip the step; see
   * {@link #clipGradNorm(List, double, boolean)} to throw instead.
   */
  public static double clipGradNorm(List<Tensor> params, double maxNorm) {
    return clipGradNorm(params, maxNorm, false);
  }

  /**
   * As {@link #clipGradNorm(List, double)}; with {@code errorIfNonfinite} (PyTorch's {@code error_if_nonfinite})
   * a NaN or infinite total norm throws instead of returning, and no gradient is changed.
   *
   * @throws NonFiniteGradientException when {@code errorIfNonfinite} and the norm is NaN or infinite
   */
  public static double clipGradNorm(List<Tensor> params, double maxNorm, boolean errorIfNonfinite) {
    if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
    double norm = gradNorm(params);
    if (!Double.isFinite(norm)) {
      if (errorIfNonfinite) throw nonFinite(params, norm);
      return norm;
    }
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      float c = (float) coef;
      for (Tensor p : params) {
        float[] g = p.gradData();
        if (g == null) continue;
        for (int i = 0; i < g.length; i++) g[i] *= c;
      }
    }
    return norm;
  }

  /**
   * The global L2 norm of the gradients, {@code sqrt(sum over p, i of grad_p[i]^2)} summed in double: the norm
   * {@link #clipGradNorm} compares with its limit, without changing anything (to report it when not clipping).
   */
  public static double gradNorm(List<Tensor> params) {
    double sq = 0;
    for (Tensor p : params) {
      float[] g = p.gradData();
      if (g == null) continue;
      for (float x : g) sq += (double) x * x;
    }
    return Math.sqrt(sq);
  }

  /** The largest |gradient entry| over all parameters (0 when none has a gradient): what {@link #clipGradValue} clamps. */
  public static float maxAbsGrad(List<Tensor> params) {
    float m = 0;
    for (Tensor p : params) {
      float[] g = p.gradData();
      if (g == null) continue;
      for (float x : g) m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  /** True when every gradient entry of every parameter that has a gradient is finite (no NaN, no infinity). */
  public static boolean allFinite(List<Tensor> params) {
    for (Tensor p : params) {
      float[] g = p.gradData();
      if (g == null) continue;
      for (float x : g) if (!Float.isFinite(x)) return false;
    }
    return true;
  }

  private static NonFiniteGradientException nonFinite(List<Tensor> params, double norm) {
    for (int k = 0; k < params.size(); k++) {
      float[] g = params.get(k).gradData();
      if (g == null) continue;
      for (int i = 0; i < g.length; i++) {
        if (!Float.isFinite(g[i])) return new NonFiniteGradientException(norm, k, i, g[i]);
      }
    }
    throw new IllegalStateException("norm " + norm + " is not finite but every gradient entry is");
  }

  /** Clamps every gradient entry to [-clip, clip], as {@code torch.nn.utils.clip_grad_value_}. */
  public static void clipGradValue(List<Tensor> params, float clip) {
    if (!(clip > 0f)) throw new IllegalArgumentException("clip value must be > 0, got " + clip);
    for (Tensor p : params) {
      float[] g = p.gradData();
      if (g == null) continue;
      for (int i = 0; i < g.length; i++) g[i] = Math.max(-clip, Math.min(clip, g[i]));
    }
  }
}
