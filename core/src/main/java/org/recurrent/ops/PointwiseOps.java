package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Element-wise arithmetic ({@code torch.add}, {@code sub}, {@code mul}, scalar forms). The second operand may
 * have the first's shape or a suffix of it (for example a bias (H) added to (T, B, H), or a scalar); it then
 * repeats over the leading dimensions and its gradient is the sum over those repeats.
 * <pre>{@code
 * add: y = a + b    da += dy    db += sum_rep dy
 * sub: y = a - b    da += dy    db -= sum_rep dy
 * mul: y = a * b    da += dy b  db += sum_rep dy a
 * scale: y = s x    addScalar: y = x + s    neg: y = -x
 * }</pre>
 */
final class PointwiseOps {
  private PointwiseOps() {}

  static Tensor add(Tensor a, Tensor b) {
    return addOrSub("add", a, b, 1f);
  }

  static Tensor sub(Tensor a, Tensor b) {
    return addOrSub("sub", a, b, -1f);
  }

  /** y = a + sign * b, b repeating every n elements of a. */
  private static Tensor addOrSub(String op, Tensor a, Tensor b, float sign) {
    Shapes.suffixRepeats(op, a, b);
    int n = b.numel();
    float[] ad = a.data();
    float[] bd = b.data();
    Tensor y = Tensor.zeros(a.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) yd[i] = ad[i] + sign * bd[i % n];                 // y = a ± b
    return Autograd.record(op, y, () -> {
      float[] dy = y.gradData();
      float[] da = a.gradForAccumulation();
      float[] db = b.gradForAccumulation();
      if (da != null) for (int i = 0; i < dy.length; i++) da[i] += dy[i];
      if (db != null) for (int i = 0; i < dy.length; i++) db[i % n] += sign * dy[i];
    }, a, b);
  }

  static Tensor mul(Tensor a, Tensor b) {
    Shapes.suffixRepeats("mul", a, b);
    int n = b.numel();
    float[] ad = a.data();
    float[] bd = b.data();
    Tensor y = Tensor.zeros(a.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) yd[i] = ad[i] * bd[i % n];                          // y = a * b
    return Autograd.record("mul", y, () -> {
      float[] dy = y.gradData();
      float[] da = a.gradForAccumulation();
      float[] db = b.gradForAccumulation();
      if (da != null) for (int i = 0; i < dy.length; i++) da[i] += dy[i] * bd[i % n];
      if (db != null) for (int i = 0; i < dy.length; i++) db[i % n] += dy[i] * ad[i];
    }, a, b);
  }

  static Tensor scale(Tensor x, float s) {
    float[] xd = x.data();
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) yd[i] = s * xd[i];                                   // y = s x
    return Autograd.record("scale", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) dx[i] += s * dy[i];
    }, x);
  }

  static Tensor addScalar(Tensor x, float s) {
    float[] xd = x.data();
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) yd[i] = xd[i] + s;                                   // y = x + s
    return Autograd.record("addScalar", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) dx[i] += dy[i];
    }, x);
  }

  static Tensor neg(Tensor x) {
    return scale(x, -1f);
  }
}
