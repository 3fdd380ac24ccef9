package org.recurrent.loss;

import java.util.Objects;
import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Softmax cross-entropy over integer class targets, like {@code torch.nn.CrossEntropyLoss}: class weights,
 * {@code ignoreIndex}, label smoothing, the three reductions, plus an optional per-row mask. Logits are
 * (N, C); sequence models flatten (T, B, C) to (T*B, C) and pass the (T*B) padding mask.
 *
 * <p>With {@code lp = log_softmax(x_i)}, class weights w (all 1 without), {@code S = sum_c w_c}, smoothing
 * eps, and the row weight {@code r_i = 0} if {@code y_i == ignoreIndex}, else the mask value (1 without):
 *
 * <pre>{@code
 * l_i      = (1 - eps) (-w_{y_i} lp_{y_i}) + (eps / C) (-sum_c w_c lp_c)
 * dl_i/dx_ik = (1 - eps) w_{y_i} (p_ik - [k == y_i]) + (eps / C) (S p_ik - w_k)      p_i = softmax(x_i)
 * MEAN = sum_i r_i l_i / sum_i r_i w_{y_i}     SUM = sum_i r_i l_i     NONE = r_i l_i  (N)
 * }</pre>
 *
 * <p>MEAN is PyTorch's weighted mean (its label-smoothing term uses the same denominator, as in PyTorch
 * 1.13+). Rows with {@code r_i = 0} are not read at all, so a masked-out row may carry any target, even one
 * out of range; every other target must lie in [0, C). When no row is kept MEAN gives 0 with zero gradients
 * where PyTorch gives NaN (see {@link Reduction#MEAN}).
 */
public final class CrossEntropyLoss {
  private static final String NAME = "CrossEntropyLoss";
  private final float[] weight; // (C) or null
  private final int ignoreIndex;
  private final Reduction reduction;
  private final double labelSmoothing;

  /** No class weights, ignoreIndex -100, mean reduction, no label smoothing (PyTorch's defaults). */
  public CrossEntropyLoss() {
    this(null, -100, Reduction.MEAN, 0);
  }

  private CrossEntropyLoss(float[] weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.reduction = Objects.requireNonNull(reduction, "reduction");
    this.labelSmoothing = labelSmoothing;
  }

  /** A copy with class weights ((C), finite, >= 0), or null for none. */
  public CrossEntropyLoss withWeight(float[] weight) {
    if (weight != null) {
      for (int c = 0; c < weight.length; c++) {
        if (!(weight[c] >= 0) || Float.isInfinite(weight[c])) {
          throw new IllegalArgumentException(NAME + ": class weights must be finite and >= 0, got " + weight[c]
              + " for class " + c);
        }
      }
    }
    return new CrossEntropyLoss(weight == null ? null : weight.clone(), ignoreIndex, reduction, labelSmoothing);
  }

  /** A copy in which rows whose target equals {@code ignoreIndex} contribute nothing. */
  public CrossEntropyLoss withIgnoreIndex(int ignoreIndex) {
    return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
  }

  public CrossEntropyLoss withReduction(Reduction reduction) {
    return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
  }

  /** A copy with label smoothing eps in [0, 1]: the target becomes (1 - eps) one-hot + eps / C uniform. */
  public CrossEntropyLoss withLabelSmoothing(double eps) {
    if (!(eps >= 0 && eps <= 1)) {
      throw new IllegalArgumentException(NAME + ": label smoothing must be in [0, 1], got " + eps);
    }
    return new CrossEntropyLoss(weight, ignoreIndex, reduction, eps);
  }

  public int ignoreIndex() {
    return ignoreIndex;
  }

  public Reduction reduction() {
    return reduction;
  }

  public double labelSmoothing() {
    return labelSmoothing;
  }

  public Tensor forward(Tensor logits, int[] targets) {
    return forward(logits, targets, null);
  }

  /**
   * The loss of {@code logits} (N, C) against {@code targets} (N); {@code mask} (N) of 0/1 or non-negative
   * row weights, null for all ones. Returns a scalar, or (N) for {@link Reduction#NONE}.
   */
  public Tensor forward(Tensor logits, int[] targets, float[] mask) {
    if (logits.dim() != 2) {
      throw new IllegalArgumentException(NAME + ": logits must be (N, C); flatten (T, B, C) to (T*B, C) first; got "
          + logits.shapeString());
    }
    int n = logits.size(0);
    int c = logits.size(1);
    if (c == 0) throw new IllegalArgumentException(NAME + ": logits must have at least one class, got " + logits.shapeString());
    if (targets.length != n) {
      throw new IllegalArgumentException(NAME + ": targets must have N=" + n + " values (one per row of logits "
          + logits.shapeString() + "), got " + targets.length);
    }
    if (weight != null && weight.length != c) {
      throw new IllegalArgumentException(NAME + ": weight has " + weight.length + " values but logits "
          + logits.shapeString() + " have C=" + c + " classes");
    }
    LossMask m = LossMask.forRows(NAME, mask, n);
    double[] r = new double[n]; // row weight r_i
    for (int i = 0; i < n; i++) {
      if (targets[i] == ignoreIndex) continue;
      r[i] = m.at(i);
      if (r[i] != 0 && (targets[i] < 0 || targets[i] >= c)) {
        throw new IllegalArgumentException(NAME + ": target " + targets[i] + " at row " + i
            + " is out of range for C=" + c + " classes (expected 0.." + (c - 1) + ", or ignoreIndex "
            + ignoreIndex + ")");
      }
    }

    float[] x = logits.data(); // (N, C)
    double eps = labelSmoothing;
    double sumW = 0; // S = sum_c w_c
    for (int k = 0; k < c; k++) sumW += w(k);
    double[] lse = new double[n]; // log sum_k exp(x_ik), kept so backward rebuilds softmax without an (N, C) buffer
    double[] l = new double[n]; // r_i l_i
    double total = 0;
    double denominator = 0; // sum_i r_i w_{y_i}
    for (int i = 0; i < n; i++) {
      if (r[i] == 0) continue;
      int row = i * c;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < c; k++) max = Math.max(max, x[row + k]);
      double s = 0;
      for (int k = 0; k < c; k++) s += Math.exp(x[row + k] - max);
      lse[i] = max + Math.log(s);
      int y = targets[i];
      double nll = -w(y) * (x[row + y] - lse[i]); // -w_y lp_y
      double smooth = 0;
      if (eps != 0) {
        for (int k = 0; k < c; k++) smooth -= w(k) * (x[row + k] - lse[i]); // -sum_c w_c lp_c
      }
      l[i] = r[i] * ((1 - eps) * nll + eps / c * smooth);
      total += l[i];
      denominator += r[i] * w(y);
    }

    Tensor out;
    double scale;
    if (reduction == Reduction.NONE) {
      out = Tensor.zeros(n);
      for (int i = 0; i < n; i++) out.data()[i] = (float) l[i];
      scale = 1;
    } else {
      scale = reduction == Reduction.SUM ? 1 : (denominator == 0 ? 0 : 1 / denominator); // see Reduction.MEAN
      out = Tensor.scalar((float) (total * scale));
    }
    double sumWeight = sumW;
    return Autograd.record(NAME, out, () -> {
      float[] dx = logits.gradForAccumulation();
      if (dx == null) return;
      float[] dOut = out.gradData();
      for (int i = 0; i < n; i++) {
        double g = r[i] * scale * (reduction == Reduction.NONE ? dOut[i] : dOut[0]);
        if (g == 0) continue;
        int row = i * c;
        int y = targets[i];
        double hard = (1 - eps) * w(y);
        for (int k = 0; k < c; k++) {
          double p = Math.exp(x[row + k] - lse[i]);
          double d = hard * (p - (k == y ? 1 : 0)) + eps / c * (sumWeight * p - w(k));
          dx[row + k] += (float) (g * d);
        }
      }
    }, logits);
  }

  private double w(int k) {
    return weight == null ? 1 : weight[k];
  }
}
