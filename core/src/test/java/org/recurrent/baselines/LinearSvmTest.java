package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearSvmTest {

  @Test
  void symmetricPairHasTheClosedFormSolution() {
    // x = +1 -> y = 1, x = -1 -> y = 0, B = 1: by symmetry w_B = 0, so P = 1/2 w^2 + 2 C max(0, 1 - w),
    // minimised at w = min(2C, 1); the duals solve w = a_1 + a_2, 0 = a_1 - a_2.
    FeatureMatrix x = FeatureMatrix.of(new double[][] {{1}, {-1}});
    int[] y = {1, 0};
    LinearSvm soft = new LinearSvm(new LinearSvm.Options(0.25, 1, 1e-9, 1000, 1)).fit(x, y);
    assertEquals(0.5, soft.coefficients()[0], 1e-9);                   // 2C < 1: both points inside the margin
    assertEquals(0.0, soft.intercept(), 1e-9);
    assertArrayEquals(new double[] {0.25, 0.25}, soft.dualCoefficients(), 1e-9); // a_i = C
    LinearSvm hard = new LinearSvm(new LinearSvm.Options(10, 1, 1e-9, 1000, 1)).fit(x, y);
    assertEquals(1.0, hard.coefficients()[0], 1e-9);                    // both on the margin: s_i w x_i = 1
    assertArrayEquals(new double[] {0.5, 0.5}, hard.dualCoefficients(), 1e-9);
    assertArrayEquals(new double[] {3.0, -1.0}, hard.score(FeatureMatrix.of(new double[][] {{3}, {-1}})), 1e-9);
  }

  @Test
  void satisfiesTheKktConditionsOnSeparableData() {
    BinaryData data = separable(60, 1.0, 4);
    double c = 5;
    LinearSvm svm = new LinearSvm(new LinearSvm.Options(c, 1, 1e-8, 5000, 2)).fit(data);
    assertTrue(svm.converged(), "converged in " + svm.epochs() + " epochs");
    double[] a = svm.dualCoefficients();
    double[] margins = svm.score(data.x());
    int[] y = data.y();
    int support = 0;
    for (int i = 0; i < a.length; i++) {
      double m = (2 * y[i] - 1) * margins[i];                            // s_i v . xbar_i
      assertTrue(a[i] >= 0 && a[i] <= c, "0 <= a_" + i + " <= C, got " + a[i]);
      if (a[i] == 0) assertTrue(m >= 1 - 1e-6, "a_" + i + " = 0 needs margin >= 1, got " + m);
      else if (a[i] < c) assertEquals(1, m, 1e-6, "0 < a_" + i + " < C needs margin = 1");
      else assertTrue(m <= 1 + 1e-6, "a_" + i + " = C needs margin <= 1, got " + m);
      if (a[i] > 0) support++;
    }
    assertTrue(support >= 2 && support < 20, "a few support vectors, got " + support);
    // separable with margin: every training row on the right side, so the training AUC is 1
    assertEquals(1.0, org.recurrent.metrics.BinaryMetrics.rocAuc(y, margins), 0.0);
    // v = sum_i a_i s_i xbar_i (the primal-dual link)
    double[] v = new double[3];
    double[][] x = data.x().toArray();
    for (int i = 0; i < a.length; i++) {
      double s = 2 * y[i] - 1;
      v[0] += a[i] * s * x[i][0];
      v[1] += a[i] * s * x[i][1];
      v[2] += a[i] * s;
    }
    assertArrayEquals(new double[] {v[0], v[1]}, svm.coefficients(), 1e-9);
    assertEquals(v[2], svm.intercept(), 1e-9);
  }

  @Test
  void reachesTheHingeObjectivesMinimumOnOverlappingClasses() {
    // not separable: the duality gap P(v) - D(a) >= 0 is ~0 only at the optimum, and no perturbation of v lowers P
    BinaryData data = Fixtures.linear(150, 4, 1.5, 6);
    double c = 0.3;
    LinearSvm svm = new LinearSvm(new LinearSvm.Options(c, 1, 1e-6, 5000, 3)).fit(data);
    double[][] x = data.x().toArray();
    int[] y = data.y();
    double[] w = svm.coefficients();
    double[] v = java.util.Arrays.copyOf(w, w.length + 1);
    v[w.length] = svm.intercept();                                       // B = 1: w_B = b
    double primal = primal(x, y, c, v);
    double[] a = svm.dualCoefficients();
    double sumA = 0;
    for (double ai : a) sumA += ai;
    double dual = sumA - 0.5 * dot(v, v);                                 // v = sum a_i s_i xbar_i
    assertTrue(primal - dual >= -1e-9, "weak duality");
    assertTrue(primal - dual <= 1e-4 * primal, "duality gap " + (primal - dual) + " of P = " + primal);
    Random random = new Random(8);
    for (int trial = 0; trial < 200; trial++) {
      double step = trial < 100 ? 1e-3 : 0.1;
      double[] moved = v.clone();
      for (int k = 0; k < moved.length; k++) moved[k] += step * random.nextGaussian();
      assertTrue(primal(x, y, c, moved) >= primal - 1e-6 * primal, "a perturbation lowered P at trial " + trial);
    }
  }

  @Test
  void fitIsDeterministicForASeed() {
    BinaryData data = Fixtures.linear(120, 5, 1, 12);
    double[] a = new LinearSvm(LinearSvm.Options.withC(1, 42)).fit(data).score(data.x());
    double[] b = new LinearSvm(LinearSvm.Options.withC(1, 42)).fit(data).score(data.x());
    assertArrayEquals(a, b, 0.0);
  }

  @Test
  void rejectsBadInput() {
    FeatureMatrix x = FeatureMatrix.of(new double[][] {{1}, {2}});
    IllegalArgumentException oneClass = assertThrows(IllegalArgumentException.class,
        () -> new LinearSvm(LinearSvm.Options.withC(1, 0)).fit(x, new int[] {0, 0}));
    assertTrue(oneClass.getMessage().startsWith("LinearSvm.fit: the training labels hold only class 0"),
        oneClass.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> LinearSvm.Options.withC(-1, 0));
    assertEquals("LinearSvm: C must be a finite number > 0, got -1.0", c.getMessage());
    assertThrows(IllegalStateException.class, () -> new LinearSvm(LinearSvm.Options.withC(1, 0)).score(x));
  }

  /** Two Gaussian blobs at (+-2, +-2) with sd 0.5, shifted apart until separable with the given gap. */
  private static BinaryData separable(int n, double gap, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      double s = 2 * y[i] - 1;
      double u, t;
      do {
        u = 2 * s + 0.5 * random.nextGaussian();
        t = 2 * s + 0.5 * random.nextGaussian();
      } while (s * (u + t) < gap);                                       // keep a gap around u + t = 0
      x[i][0] = u;
      x[i][1] = t;
    }
    return new BinaryData(FeatureMatrix.of(x), y);
  }

  /** P(v) = 1/2 ||v||^2 + C sum_i max(0, 1 - s_i v . (x_i, 1)), written out here on its own. */
  private static double primal(double[][] x, int[] y, double c, double[] v) {
    double p = 0.5 * dot(v, v);
    int d = x[0].length;
    for (int i = 0; i < x.length; i++) {
      double m = v[d];
      for (int k = 0; k < d; k++) m += v[k] * x[i][k];
      p += c * Math.max(0, 1 - (2 * y[i] - 1) * m);
    }
    return p;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }
}
