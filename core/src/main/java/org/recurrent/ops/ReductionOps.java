package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Sums and means ({@code torch.sum}, {@code torch.mean}, {@code torch.sum(x, dim)}). Sums accumulate in
 * double so long reductions keep float32 precision.
 * <pre>{@code
 * sum:      y = sum_i x_i           dx_i += dy
 * mean:     y = (1/N) sum_i x_i     dx_i += dy / N
 * sum(dim): y[p, q] = sum_j x[p, j, q]   dx[p, j, q] += dy[p, q]
 * }</pre>
 */
final class ReductionOps {
  private ReductionOps() {}

  static Tensor sum(Tensor x) {
    return sumScaled("sum", x, 1f);
  }

  /** The mean of all elements; like PyTorch, an empty tensor gives NaN. */
  static Tensor mean(Tensor x) {
    return sumScaled("mean", x, 1f / x.numel());
  }

  /** y = s * sum(x) as a scalar. */
  private static Tensor sumScaled(String op, Tensor x, float s) {
    double acc = 0;
    for (float v : x.data()) acc += v;
    Tensor y = Tensor.scalar((float) (s * acc));                                             // y = s sum x
    return Autograd.record(op, y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float g = s * y.gradData()[0];
      for (int i = 0; i < dx.length; i++) dx[i] += g;
    }, x);
  }

  /** Sum over dimension {@code dim} (negative counts from the end), which is removed. */
  static Tensor sum(Tensor x, int dim) {
    int d = Shapes.dim("sum", x, dim);
    int[] shape = x.shape();
    int pre = Shapes.product(shape, 0, d);
    int n = shape[d];
    int post = Shapes.product(shape, d + 1, shape.length);
    float[] xd = x.data();
    Tensor y = Tensor.zeros(Shapes.without(shape, d));                                       // (pre, post)
    float[] yd = y.data();
    for (int p = 0; p < pre; p++) {
      for (int j = 0; j < n; j++) {
        int xOff = (p * n + j) * post;
        for (int q = 0; q < post; q++) yd[p * post + q] += xd[xOff + q];                    // y[p,q] += x[p,j,q]
      }
    }
    return Autograd.record("sumDim", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float[] dy = y.gradData();
      for (int p = 0; p < pre; p++) {
        for (int j = 0; j < n; j++) {
          int xOff = (p * n + j) * post;
          for (int q = 0; q < post; q++) dx[xOff + q] += dy[p * post + q];
        }
      }
    }, x);
  }
}
