package org.recurrent.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.Supplier;
import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Finite-difference gradient check for float32 ops.
 *
 * <p>The function's outputs are reduced to the scalar {@code L = sum_k sum_i w_k[i] * out_k[i]} with fixed
 * random weights {@code w} (so every output element and its position matter). The analytic gradient of L with
 * respect to each input comes from one backward pass; the numeric one from central differences
 * {@code (L(x+eps) - L(x-eps)) / 2eps}, with L summed in double. In float32 the numeric estimate carries
 * rounding noise of about {@code ulp(out) * sqrt(#outputs) / eps}; the default tolerance
 * {@code |a - n| <= atol + rtol * max(|a|, |n|)} with atol 2e-3, rtol 2e-2 and eps 5e-3 sits above that noise
 * and far below the errors a wrong derivative makes (a dropped term or a wrong sign is O(1)).
 */
public final class GradCheck {
  private double eps = 5e-3;
  private double atol = 2e-3;
  private double rtol = 2e-2;
  private int maxPerInput = 60;
  private long seed = 1234;

  public static GradCheck create() {
    return new GradCheck();
  }

  public GradCheck eps(double e) { this.eps = e; return this; }
  public GradCheck atol(double a) { this.atol = a; return this; }
  public GradCheck rtol(double r) { this.rtol = r; return this; }
  /** Large inputs are checked at this many random positions (all positions if smaller). */
  public GradCheck maxPerInput(int n) { this.maxPerInput = n; return this; }
  public GradCheck seed(long s) { this.seed = s; return this; }

  /**
   * Checks the gradients of {@code f}'s outputs with respect to {@code inputs} (which must require
   * gradients). {@code f} must be deterministic (no fresh dropout masks between calls).
   */
  public void check(String what, Supplier<Tensor[]> f, Tensor... inputs) {
    for (Tensor x : inputs) {
      if (!x.requiresGrad()) throw new IllegalArgumentException("input does not require grad: " + x);
      x.clearGrad();
    }
    Tensor[] outs = f.get();
    Random rnd = new Random(seed);
    float[][] w = new float[outs.length][];
    for (int k = 0; k < outs.length; k++) {
      w[k] = new float[outs[k].numel()];
      for (int i = 0; i < w[k].length; i++) w[k][i] = (float) (rnd.nextGaussian());
    }
    Tensor loss = weightedSum(outs, w);
    loss.backward();

    int checked = 0;
    StringBuilder failures = new StringBuilder();
    for (int xi = 0; xi < inputs.length; xi++) {
      Tensor x = inputs[xi];
      float[] analytic = x.gradData() == null ? new float[x.numel()] : x.gradData().clone();
      float[] data = x.data();
      int n = data.length;
      int[] positions = positions(n, rnd);
      for (int idx : positions) {
        float orig = data[idx];
        data[idx] = (float) (orig + eps);
        double plus = evalLoss(f, w);
        data[idx] = (float) (orig - eps);
        double minus = evalLoss(f, w);
        data[idx] = orig;
        double numeric = (plus - minus) / (2 * eps);
        double a = analytic[idx];
        checked++;
        if (!(Math.abs(a - numeric) <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
          if (failures.length() < 2000) {
            failures.append(String.format("  input %d %s index %d: analytic %.6g, numeric %.6g%n",
                xi, x.shapeString(), idx, a, numeric));
          }
        }
      }
    }
    if (failures.length() > 0) fail(what + ": gradient mismatch (checked " + checked + " entries)\n" + failures);
    if (checked == 0) fail(what + ": no gradient entries checked");
  }

  private int[] positions(int n, Random rnd) {
    if (n <= maxPerInput) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i;
      return all;
    }
    int[] some = new int[maxPerInput];
    for (int i = 0; i < maxPerInput; i++) some[i] = rnd.nextInt(n);
    return some;
  }

  private static double evalLoss(Supplier<Tensor[]> f, float[][] w) {
    try (var g = Autograd.noGrad()) {
      Tensor[] outs = f.get();
      double s = 0;
      for (int k = 0; k < outs.length; k++) {
        float[] d = outs[k].data();
        for (int i = 0; i < d.length; i++) s += (double) w[k][i] * d[i];
      }
      return s;
    }
  }

  /** L = sum_k <w_k, out_k> recorded as one node, so the check needs no other op to be correct. */
  private static Tensor weightedSum(Tensor[] outs, float[][] w) {
    double s = 0;
    for (int k = 0; k < outs.length; k++) {
      float[] d = outs[k].data();
      for (int i = 0; i < d.length; i++) s += (double) w[k][i] * d[i];
    }
    Tensor loss = Tensor.scalar((float) s);
    return Autograd.record("weightedSum", outs, new Tensor[] {loss}, () -> {
      float g = loss.gradData()[0];
      for (int k = 0; k < outs.length; k++) {
        float[] dOut = outs[k].gradForAccumulation();
        if (dOut == null) continue;
        for (int i = 0; i < dOut.length; i++) dOut[i] += g * w[k][i];
      }
    });
  }
}
