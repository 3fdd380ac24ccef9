package org.recurrent.loss;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * The one fused autograd op behind every loss whose input and target have the same shape (MSE, L1, Huber,
 * BCE with logits): a per-element term, the mask and the reduction, forward and backward side by side.
 * Each loss supplies only its {@link Term}; shapes, masks and reductions are handled here once.
 */
final class ElementwiseLoss {
  private ElementwiseLoss() {}

  /** The per-element loss {@code l(x, y)} and its partial derivatives; {@code column} indexes the last dim. */
  interface Term {
    double value(double x, double y, int column);

    double dInput(double x, double y, int column);

    double dTarget(double x, double y, int column);
  }

  /**
   * {@code out = reduce(m * l(input, target))}; gradients flow to the input and, when it requires one, to the
   * target. Elements whose mask is 0 are skipped entirely, so they may hold any value.
   */
  static Tensor apply(String name, Term term, Reduction reduction, Tensor input, Tensor target, float[] mask) {
    if (!input.sameShape(target)) {
      throw new IllegalArgumentException(name + ": input and target must have the same shape, got input "
          + input.shapeString() + " and target " + target.shapeString());
    }
    LossMask m = LossMask.forElements(name, mask, input.shape());
    int n = input.numel();
    int columns = input.dim() == 0 ? 1 : input.size(-1);
    float[] x = input.data(); // (N, ..., C)
    float[] y = target.data(); // same shape

    if (reduction == Reduction.NONE) {
      Tensor out = Tensor.zeros(input.shape());
      float[] l = out.data();
      for (int i = 0; i < n; i++) {
        double mi = m.at(i);
        if (mi != 0) l[i] = (float) (mi * term.value(x[i], y[i], i % columns)); // l_i = m_i * loss(x_i, y_i)
      }
      return Autograd.record(name, out, () -> {
        float[] dOut = out.gradData();
        float[] dx = input.gradForAccumulation();
        float[] dy = target.gradForAccumulation();
        for (int i = 0; i < n; i++) {
          double g = dOut[i] * m.at(i);
          if (g == 0) continue;
          if (dx != null) dx[i] += (float) (g * term.dInput(x[i], y[i], i % columns));
          if (dy != null) dy[i] += (float) (g * term.dTarget(x[i], y[i], i % columns));
        }
      }, input, target);
    }

    double sum = 0;
    for (int i = 0; i < n; i++) {
      double mi = m.at(i);
      if (mi != 0) sum += mi * term.value(x[i], y[i], i % columns); // sum_i m_i * loss(x_i, y_i)
    }
    double scale = reduction == Reduction.SUM ? 1 : (m.total() == 0 ? 0 : 1 / m.total()); // see Reduction.MEAN
    Tensor out = Tensor.scalar((float) (sum * scale));
    return Autograd.record(name, out, () -> {
      double dLoss = out.gradData()[0] * scale;
      float[] dx = input.gradForAccumulation();
      float[] dy = target.gradForAccumulation();
      for (int i = 0; i < n; i++) {
        double g = dLoss * m.at(i);
        if (g == 0) continue;
        if (dx != null) dx[i] += (float) (g * term.dInput(x[i], y[i], i % columns));
        if (dy != null) dy[i] += (float) (g * term.dTarget(x[i], y[i], i % columns));
      }
    }, input, target);
  }
}
