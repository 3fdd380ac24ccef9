package org.recurrent.ops;

import java.util.Random;
import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Inverted dropout, {@code torch.nn.functional.dropout}: in training each element is kept with probability
 * 1 - p and scaled by 1/(1 - p), so the expected output equals the input and evaluation needs no rescaling.
 * <pre>{@code
 * m_i = [u_i >= p] / (1 - p),  u_i ~ U[0, 1)     y = x * m     dx += dy * m
 * }</pre>
 * Outside training, or with p = 0, the input itself is returned.
 */
final class DropoutOps {
  private DropoutOps() {}

  static Tensor dropout(Tensor x, float p, boolean training, Random rng) {
    checkProbability(p);
    if (!training || p == 0f) return x;
    float keepScale = 1f / (1f - p);
    float[] xd = x.data();
    float[] m = new float[xd.length];
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) {
      m[i] = rng.nextFloat() >= p ? keepScale : 0f;
      yd[i] = xd[i] * m[i];                                                                 // y = x * m
    }
    return Autograd.record("dropout", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float[] dy = y.gradData();
      for (int i = 0; i < dy.length; i++) dx[i] += dy[i] * m[i];
    }, x);
  }

  /** Rejects a drop probability outside [0, 1) (NaN included). */
  static void checkProbability(float p) {
    if (!(p >= 0f && p < 1f)) {
      throw new IllegalArgumentException("dropout: probability p must be in [0, 1), got " + p);
    }
  }
}
