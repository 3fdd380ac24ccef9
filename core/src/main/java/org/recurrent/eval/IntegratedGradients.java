package org.recurrent.eval;

import java.util.Arrays;
import java.util.List;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.TargetLayout;
import org.recurrent.models.SequenceModel;
import org.recurrent.ops.EmbeddingBagMode;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Which codes of which visits pushed a sequence model's probability of one class up or down: integrated gradients
 * (Sundararajan et al. 2017) over the weights a_i of the code occurrences of a bag input, from the baseline a = 0
 * (every visit empty, the time and age features kept) to the record's own a = 1:
 * <pre>{@code
 * f(a)      = softmax(model(record with code weights a))[class]
 * attr_i    = (1 / m) sum_{k=1..m} df/da_i (a = (k - 1/2) / m)       midpoint rule, m = steps
 * visit_t   = sum of attr_i over the codes of visit t
 * sum_i attr_i ~= f(1) - f(0)  (completeness; the gap is reported)
 * }</pre>
 * Needs bags combined by {@code sum} (a code's weight scales its embedding); {@code mean} and {@code max} are not
 * linear in the weights.
 */
public final class IntegratedGradients {
  public static final int DEFAULT_STEPS = 32;

  private IntegratedGradients() {}

  /**
   * @param attributions one per code occurrence, in the record's bag order
   * @param visits       one per visit (step), the sum of its codes' attributions
   * @param output       f(1), the record's probability of the class
   * @param baseline     f(0), with every visit empty
   */
  public record Attribution(float[] attributions, float[] visits, double output, double baseline) {
    /** f(1) - f(0) - sum of the attributions: how far the midpoint rule is from completeness. */
    public double completenessGap() {
      double s = 0;
      for (float a : attributions) s += a;
      return output - baseline - s;
    }
  }

  public static Attribution explain(SequenceModel model, SequenceExample record, int classIndex, int steps) {
    if (steps < 1) throw new IllegalArgumentException("integrated gradients need steps >= 1, got " + steps);
    if (!(record.primary() instanceof StepInput.Bags bags)) {
      throw new IllegalArgumentException(record.source() + ": explanations are of bag inputs (codes per visit)");
    }
    if (model.config().bagMode() != EmbeddingBagMode.SUM) {
      throw new IllegalArgumentException("explanations need a model with bag_mode: sum (the model combines codes by "
          + model.config().bagMode().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    if (model.perStep()) throw new IllegalArgumentException("explanations are of one answer per sequence");
    int K = model.signature().outputSize();
    if (classIndex < 0 || classIndex >= K) throw new IllegalArgumentException("class " + classIndex + " of " + K);
    SequenceExample unlabelled = record.withTarget(new float[0]);
    Batch batch = new Batcher(List.of(unlabelled), BatchPlan.of(1), TargetLayout.none()).batch(0, 0);
    int M = bags.ids().length;
    if (M == 0) throw new IllegalArgumentException(record.source() + ": record '" + record.id() + "' has no codes to explain");
    float[] own = bags.weights() == null ? filled(M, 1f) : bags.weights();
    model.eval();
    float[] total = new float[M];
    for (int k = 1; k <= steps; k++) {
      float alpha = (k - 0.5f) / steps;
      float[] a = new float[M];
      for (int i = 0; i < M; i++) a[i] = alpha * own[i];
      Tensor w = Tensor.of(a, M).requiresGrad(true);
      Tensor p = Ops.softmax(model.forward(batch, null, w).logits());
      Tensor target = Ops.select(p, 1, classIndex);                              // (1,)
      target.backward();
      float[] g = w.grad().data();
      for (int i = 0; i < M; i++) total[i] += g[i] * own[i] / steps;            // (x - x') = own weight
      model.zeroGrad();
    }
    float[] visits = new float[record.length()];
    for (int t = 0; t < record.length(); t++) {
      for (int i : range(bags, t)) visits[t] += total[i];
    }
    return new Attribution(total, visits, probability(model, batch, own, classIndex),
        probability(model, batch, new float[M], classIndex));
  }

  private static double probability(SequenceModel model, Batch batch, float[] weights, int classIndex) {
    try (var scope = org.recurrent.autograd.Autograd.noGrad()) {
      Tensor p = Ops.softmax(model.forward(batch, null, Tensor.of(weights.clone(), weights.length)).logits());
      return p.data()[classIndex];
    }
  }

  private static int[] range(StepInput.Bags bags, int t) {
    int from = bags.offsets()[t], to = t + 1 < bags.offsets().length ? bags.offsets()[t + 1] : bags.ids().length;
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) r[i] = from + i;
    return r;
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }
}
