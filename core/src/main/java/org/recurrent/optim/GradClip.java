package org.recurrent.optim;

import java.util.List;
import org.recurrent.tensor.Tensor;

/** Gradient clipping against exploding gradients, as {@code torch.nn.utils.clip_grad_norm_/clip_grad_value_}. */
public final class GradClip {
  private GradClip() {}

  /**
   * Scales all gradients by {@code min(1, maxNorm / (norm + 1e-6))} where norm is the global L2 norm over all
   * parameters. Returns the norm before clipping (NaN or infinite if any gradient is; then nothing is scaled,
   * so the caller can detect it and skip the step).
   */
  public static double clipGradNorm(List<Tensor> params, double maxNorm) {
    if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
    double sq = 0;
    for (Tensor p : params) {
      float[] g = p.gradData();
      if (g == null) continue;
      for (float x : g) sq += (double) x * x;
    }
    double norm = Math.sqrt(sq);
    if (!Double.isFinite(norm)) return norm;
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

  /** Clamps every gradient entry to [-clip, clip]. */
  public static void clipGradValue(List<Tensor> params, float clip) {
    if (!(clip > 0f)) throw new IllegalArgumentException("clip value must be > 0, got " + clip);
    for (Tensor p : params) {
      float[] g = p.gradData();
      if (g == null) continue;
      for (int i = 0; i < g.length; i++) g[i] = Math.max(-clip, Math.min(clip, g[i]));
    }
  }
}
