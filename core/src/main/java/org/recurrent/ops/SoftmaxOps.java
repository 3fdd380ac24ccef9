package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.tensor.Tensor;

/**
 * Softmax over the last dimension ({@code torch.softmax(x, -1)}, {@code log_softmax}) and a masked variant
 * for attention over padded sequences. Each row is shifted by its maximum before exponentiating, so large
 * scores do not overflow.
 * <pre>{@code
 * softmax:    y_j = e^(x_j - m) / sum_k e^(x_k - m)          dx = y (dy - sum_k dy_k y_k)
 * logSoftmax: y_j = x_j - m - ln sum_k e^(x_k - m)           dx = dy - softmax(x) sum_k dy_k
 * masked:     softmax over the kept positions only; dropped positions get y = 0 and no gradient
 * }</pre>
 */
final class SoftmaxOps {
  private SoftmaxOps() {}

  static Tensor softmax(Tensor x) {
    Shapes.requireMinDim("softmax", "input", x, 1);
    int n = x.size(-1);
    int rows = n == 0 ? 0 : x.numel() / n;
    Tensor y = Tensor.zeros(x.shape());
    float[] xd = x.data();
    float[] yd = y.data();
    Kernels kern = KernelProvider.get();
    for (int r = 0; r < rows; r++) {
      int off = r * n;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) max = Math.max(max, xd[off + j]);
      for (int j = 0; j < n; j++) yd[off + j] = xd[off + j] - max;
      kern.exp(n, yd, off, yd, off);
      float sum = 0f;
      for (int j = 0; j < n; j++) sum += yd[off + j];
      float inv = 1f / sum;
      for (int j = 0; j < n; j++) yd[off + j] *= inv;                                        // y = e^(x-m) / sum
    }
    return Autograd.record("softmax", y, () -> softmaxBackward(x, y, rows, n), x);
  }

  /** dx += y (dy - sum_k dy_k y_k), row by row. */
  private static void softmaxBackward(Tensor x, Tensor y, int rows, int n) {
    float[] dx = x.gradForAccumulation();
    if (dx == null) return;
    float[] dy = y.gradData();
    float[] yd = y.data();
    for (int r = 0; r < rows; r++) {
      int off = r * n;
      float dot = 0f;
      for (int j = 0; j < n; j++) dot += dy[off + j] * yd[off + j];
      for (int j = 0; j < n; j++) dx[off + j] += yd[off + j] * (dy[off + j] - dot);
    }
  }

  static Tensor logSoftmax(Tensor x) {
    Shapes.requireMinDim("logSoftmax", "input", x, 1);
    int n = x.size(-1);
    int rows = n == 0 ? 0 : x.numel() / n;
    Tensor y = Tensor.zeros(x.shape());
    float[] xd = x.data();
    float[] yd = y.data();
    float[] e = new float[n];
    Kernels kern = KernelProvider.get();
    for (int r = 0; r < rows; r++) {
      int off = r * n;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) max = Math.max(max, xd[off + j]);
      for (int j = 0; j < n; j++) e[j] = xd[off + j] - max;
      kern.exp(n, e, 0, e, 0);
      float sum = 0f;
      for (int j = 0; j < n; j++) sum += e[j];
      float logSum = (float) Math.log(sum);
      // (x - m) first: adding m to ln sum would round it at the scale of m and lose precision.
      for (int j = 0; j < n; j++) yd[off + j] = (xd[off + j] - max) - logSum;                // y = x - m - ln sum
    }
    return Autograd.record("logSoftmax", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float[] dy = y.gradData();
      float[] p = new float[n];
      for (int r = 0; r < rows; r++) {
        int off = r * n;
        float dySum = 0f;
        for (int j = 0; j < n; j++) dySum += dy[off + j];
        kern.exp(n, yd, off, p, 0);                                                           // p = softmax(x)
        for (int j = 0; j < n; j++) dx[off + j] += dy[off + j] - p[j] * dySum;
      }
    }, x);
  }

  /**
   * Softmax over the last dimension of {@code scores} restricted to positions where {@code mask} is 1. The
   * mask has the scores' shape, or scores are (B, Tq, Tk) and the mask (B, Tk) (one key mask per batch entry,
   * shared by all queries). Mask values must be 0 or 1; a row with no kept position is rejected.
   */
  static Tensor maskedSoftmax(Tensor scores, Tensor mask) {
    Shapes.requireMinDim("maskedSoftmax", "scores", scores, 1);
    int n = scores.size(-1);
    int rows = n == 0 ? 0 : scores.numel() / n;
    int rowsPerMaskRow = scoreRowsPerMaskRow(scores, mask);
    float[] xd = scores.data();
    float[] md = mask.data();
    for (float v : md) {
      if (v != 0f && v != 1f) {
        throw new IllegalArgumentException("maskedSoftmax: mask values must be 1 (keep) or 0 (drop), found " + v
            + "; an additive mask (0 / -inf) must be converted first");
      }
    }
    Tensor y = Tensor.zeros(scores.shape());
    float[] yd = y.data();
    Kernels kern = KernelProvider.get();
    for (int r = 0; r < rows; r++) {
      int off = r * n;
      int mOff = (r / rowsPerMaskRow) * n;
      float max = Float.NEGATIVE_INFINITY;
      boolean any = false;
      for (int j = 0; j < n; j++) {
        if (md[mOff + j] != 0f) {
          max = Math.max(max, xd[off + j]);
          any = true;
        }
      }
      if (!any) {
        throw new IllegalArgumentException("maskedSoftmax: row " + r + " of scores " + scores.shapeString()
            + " has every position masked; each row needs at least one mask value of 1");
      }
      for (int j = 0; j < n; j++) yd[off + j] = md[mOff + j] != 0f ? xd[off + j] - max : 0f;
      kern.exp(n, yd, off, yd, off);
      float sum = 0f;
      for (int j = 0; j < n; j++) {
        if (md[mOff + j] == 0f) yd[off + j] = 0f;   // exactly zero, whatever the dropped score was
        sum += yd[off + j];
      }
      float inv = 1f / sum;
      for (int j = 0; j < n; j++) yd[off + j] *= inv;                                        // y = e^(x-m) [keep] / sum
    }
    // Dropped positions have y = 0, so the plain softmax backward gives them zero gradient.
    return Autograd.record("maskedSoftmax", y, () -> softmaxBackward(scores, y, rows, n), scores);
  }

  /** How many consecutive score rows share one mask row: 1 for equal shapes, Tq for a (B, Tk) mask. */
  private static int scoreRowsPerMaskRow(Tensor scores, Tensor mask) {
    if (mask.sameShape(scores)) return 1;
    if (scores.dim() == 3 && mask.dim() == 2 && mask.size(0) == scores.size(0) && mask.size(1) == scores.size(2)) {
      return Math.max(1, scores.size(1));
    }
    throw new IllegalArgumentException("maskedSoftmax: mask must have the scores' shape " + scores.shapeString()
        + (scores.dim() == 3 ? " or be (B, Tk) = (" + scores.size(0) + ", " + scores.size(2) + ")" : "")
        + ", got " + mask.shapeString());
  }
}
