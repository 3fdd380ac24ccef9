package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Pools a time-major (T, B, F) sequence output to one (B, F) vector per sequence, respecting each sequence's
 * own length (steps at or after {@code lengths[b]} are padding and are ignored).
 * <pre>{@code
 * maskedMean: y[b] = (1 / len_b) sum_{t < len_b} x[t, b]     dx[t, b] += dy[b] / len_b  for t < len_b
 * lastStep:   y[b] = x[len_b - 1, b]                           dx[len_b - 1, b] += dy[b]
 * }</pre>
 */
final class PoolingOps {
  private PoolingOps() {}

  static Tensor maskedMean(Tensor x, int[] lengths) {
    int[] len = checkedLengths("maskedMean", x, lengths);
    int batch = x.size(1);
    int f = x.size(2);
    float[] xd = x.data();
    Tensor y = Tensor.zeros(batch, f);                                                       // (B, F)
    float[] yd = y.data();
    for (int b = 0; b < batch; b++) {
      int yOff = b * f;
      for (int t = 0; t < len[b]; t++) {
        int xOff = (t * batch + b) * f;
        for (int j = 0; j < f; j++) yd[yOff + j] += xd[xOff + j];
      }
      float inv = 1f / len[b];
      for (int j = 0; j < f; j++) yd[yOff + j] *= inv;                                       // y[b] = mean_{t<len_b} x[t,b]
    }
    return Autograd.record("maskedMean", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float[] dy = y.gradData();
      for (int b = 0; b < batch; b++) {
        float inv = 1f / len[b];
        for (int t = 0; t < len[b]; t++) {
          int xOff = (t * batch + b) * f;
          for (int j = 0; j < f; j++) dx[xOff + j] += dy[b * f + j] * inv;
        }
      }
    }, x);
  }

  static Tensor lastStep(Tensor x, int[] lengths) {
    int[] len = checkedLengths("lastStep", x, lengths);
    int batch = x.size(1);
    int f = x.size(2);
    float[] xd = x.data();
    Tensor y = Tensor.zeros(batch, f);                                                       // (B, F)
    for (int b = 0; b < batch; b++) {
      System.arraycopy(xd, ((len[b] - 1) * batch + b) * f, y.data(), b * f, f);               // y[b] = x[len_b - 1, b]
    }
    return Autograd.record("lastStep", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float[] dy = y.gradData();
      for (int b = 0; b < batch; b++) {
        int xOff = ((len[b] - 1) * batch + b) * f;
        for (int j = 0; j < f; j++) dx[xOff + j] += dy[b * f + j];
      }
    }, x);
  }

  /** Checks x is (T, B, F) and every length is in [1, T]; returns a private copy of the lengths. */
  private static int[] checkedLengths(String op, Tensor x, int[] lengths) {
    if (x.dim() != 3) {
      throw new IllegalArgumentException(op + ": input must be time-major (T, B, F), got " + x.shapeString());
    }
    int steps = x.size(0);
    int batch = x.size(1);
    if (lengths.length != batch) {
      throw new IllegalArgumentException(op + ": need one length per sequence, B=" + batch + " for input "
          + x.shapeString() + ", got " + lengths.length);
    }
    for (int b = 0; b < batch; b++) {
      if (lengths[b] < 1 || lengths[b] > steps) {
        throw new IllegalArgumentException(op + ": lengths[" + b + "] = " + lengths[b] + " is outside [1, T=" + steps
            + "] for input " + x.shapeString());
      }
    }
    return lengths.clone();
  }
}
