package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.tensor.Tensor;

/**
 * Element-wise non-linearities: {@code torch.tanh}, {@code sigmoid}, {@code relu}, {@code exp}, {@code log},
 * {@code square}. The local derivatives are written in terms of the output where that is cheaper.
 * <pre>{@code
 * tanh:    y = tanh(x)          dx += dy (1 - y^2)
 * sigmoid: y = 1/(1 + e^-x)     dx += dy y (1 - y)
 * relu:    y = max(x, 0)        dx += dy [x > 0]
 * exp:     y = e^x              dx += dy y
 * log:     y = ln x             dx += dy / x
 * square:  y = x^2              dx += dy 2x
 * }</pre>
 */
final class ActivationOps {
  private ActivationOps() {}

  static Tensor tanh(Tensor x) {
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    KernelProvider.get().tanh(yd.length, x.data(), 0, yd, 0);                                // y = tanh(x)
    return Autograd.record("tanh", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) dx[i] += dy[i] * (1f - yd[i] * yd[i]);
    }, x);
  }

  static Tensor sigmoid(Tensor x) {
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    KernelProvider.get().sigmoid(yd.length, x.data(), 0, yd, 0);                             // y = sigmoid(x)
    return Autograd.record("sigmoid", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) dx[i] += dy[i] * yd[i] * (1f - yd[i]);
    }, x);
  }

  static Tensor relu(Tensor x) {
    float[] xd = x.data();
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) yd[i] = xd[i] > 0f ? xd[i] : 0f;                   // y = max(x, 0)
    return Autograd.record("relu", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) if (xd[i] > 0f) dx[i] += dy[i];
    }, x);
  }

  static Tensor exp(Tensor x) {
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    KernelProvider.get().exp(yd.length, x.data(), 0, yd, 0);                                 // y = e^x
    return Autograd.record("exp", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) dx[i] += dy[i] * yd[i];
    }, x);
  }

  /** Natural logarithm; like PyTorch, 0 gives -inf and negative inputs NaN rather than an exception. */
  static Tensor log(Tensor x) {
    float[] xd = x.data();
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) yd[i] = (float) Math.log(xd[i]);                    // y = ln x
    return Autograd.record("log", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) dx[i] += dy[i] / xd[i];
    }, x);
  }

  static Tensor square(Tensor x) {
    float[] xd = x.data();
    Tensor y = Tensor.zeros(x.shape());
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) yd[i] = xd[i] * xd[i];                              // y = x^2
    return Autograd.record("square", y, () -> {
      float[] dy = y.gradData();
      float[] dx = x.gradForAccumulation();
      if (dx != null) for (int i = 0; i < dy.length; i++) dx[i] += 2f * xd[i] * dy[i];
    }, x);
  }
}
