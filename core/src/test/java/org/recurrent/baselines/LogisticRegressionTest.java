package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  @Test
  void symmetricPairHasTheClosedFormSolution() {
    // x = +1 -> y = 1, x = -1 -> y = 0: by symmetry b = 0, and dJ/dw = w - 2 C sigmoid(-w) = 0.
    // With C = 1 / (2 sigmoid(-1)) = (1 + e) / 2 the solution is exactly w = 1.
    double c = (1 + Math.E) / 2;
    LogisticRegression lr = new LogisticRegression(c).fit(FeatureMatrix.of(new double[][] {{1}, {-1}}),
        new int[] {1, 0});
    assertEquals(1.0, lr.coefficients()[0], 1e-12);
    assertEquals(0.0, lr.intercept(), 1e-12);
    assertTrue(lr.converged());
    // the score is the probability sigmoid(w x + b)
    assertArrayEquals(new double[] {1 / (1 + Math.exp(-2)), 0.5},
        lr.score(FeatureMatrix.of(new double[][] {{2}, {0}})), 1e-12);
  }

  @Test
  void interceptIsNotPenalised() {
    // a feature that is always 0 leaves w = 0; the unpenalised intercept is then the training log-odds log(3/1),
    // whatever C. A penalised intercept would be pulled towards 0 (b = 0.94 for C = 1).
    FeatureMatrix x = FeatureMatrix.of(new double[][] {{0}, {0}, {0}, {0}});
    for (double c : new double[] {0.01, 1, 100}) {
      LogisticRegression lr = new LogisticRegression(c).fit(x, new int[] {1, 1, 0, 1});
      assertEquals(Math.log(3), lr.intercept(), 1e-10, "C = " + c);
      assertEquals(0.0, lr.coefficients()[0], 0.0);
    }
  }

  @Test
  void matchesTheNumpyNewtonReference() throws IOException {
    // tools/make_baseline_fixtures.py: the same objective minimised by full Newton steps in numpy
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("/baselines/logistic_regression.json")) {
      cases = new ObjectMapper().readTree(in).get("cases");
    }
    assertEquals(6, cases.size());
    StringBuilder report = new StringBuilder();
    double worst = 0;
    for (JsonNode c : cases) {
      double[][] x = new double[c.get("x").size()][];
      for (int i = 0; i < x.length; i++) x[i] = doubles(c.get("x").get(i));
      int[] y = new int[c.get("y").size()];
      for (int i = 0; i < y.length; i++) y[i] = c.get("y").get(i).asInt();
      LogisticRegression lr = new LogisticRegression(c.get("C").asDouble()).fit(FeatureMatrix.of(x), y);
      double[] expected = doubles(c.get("coef"));
      double[] actual = lr.coefficients();
      double err = Math.max(Fixtures.maxAbsDiff(expected, actual),
          Math.abs(c.get("intercept").asDouble() - lr.intercept()));
      double scale = Math.max(1, Math.abs(c.get("intercept").asDouble()));
      for (double v : expected) scale = Math.max(scale, Math.abs(v));
      worst = Math.max(worst, err / scale);
      double objectiveErr = Math.abs(objective(x, y, c.get("C").asDouble(), actual, lr.intercept())
          - c.get("objective").asDouble()) / c.get("objective").asDouble();
      if (err / scale > 1e-8 || objectiveErr > 1e-12 || !lr.converged()) {
        report.append(String.format(Locale.ROOT, "  %s: max coefficient error %.3g (relative), objective %.3g,"
            + " converged %s after %d steps%n", c.get("name").asText(), err / scale, objectiveErr, lr.converged(),
            lr.iterations()));
      }
    }
    assertTrue(report.isEmpty(), "worst relative error " + worst + "\n" + report);
  }

  @Test
  void gradientOfTheObjectiveIsZeroAtTheSolution() {
    // central differences of J (computed here, independently) at the fitted (w, b), relative to J's scale
    BinaryData data = Fixtures.linear(120, 7, 0.8, 3);
    double[][] x = data.x().toArray();
    int[] y = data.y();
    double c = 0.7;
    LogisticRegression lr = new LogisticRegression(c).fit(data);
    double[] theta = java.util.Arrays.copyOf(lr.coefficients(), 8);
    theta[7] = lr.intercept();
    double h = 1e-5;
    for (int k = 0; k < theta.length; k++) {
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[k] += h;
      minus[k] -= h;
      double g = (objectiveAt(x, y, c, plus) - objectiveAt(x, y, c, minus)) / (2 * h);
      assertEquals(0, g, 1e-6, "dJ/dtheta[" + k + "]");
    }
    // and moving off the solution in any coordinate raises J (it is the minimum, not a saddle or maximum)
    double j0 = objectiveAt(x, y, c, theta);
    for (int k = 0; k < theta.length; k++) {
      double[] moved = theta.clone();
      moved[k] += 1e-3;
      assertTrue(objectiveAt(x, y, c, moved) > j0, "J rises along theta[" + k + "]");
    }
  }

  @Test
  void largerCMeansLessShrinkage() {
    BinaryData data = Fixtures.linear(200, 4, 0.5, 5);
    double previous = 0;
    for (double c : new double[] {0.001, 0.01, 0.1, 1, 10}) {
      double norm = 0;
      for (double w : new LogisticRegression(c).fit(data).coefficients()) norm += w * w;
      assertTrue(norm > previous, "||w|| grows with C; C = " + c);
      previous = norm;
    }
  }

  @Test
  void scalesToWideDataWithoutAHessianMatrix() {
    // d = 1500 > n: the truncated Newton fit still converges (a dense Hessian would be 18 MB)
    BinaryData data = Fixtures.linear(300, 1500, 0.5, 9);
    LogisticRegression lr = new LogisticRegression(1).fit(data);
    assertTrue(lr.converged(), "converged after " + lr.iterations() + " steps");
    assertTrue(lr.iterations() < 30, "Newton steps " + lr.iterations());
  }

  @Test
  void fitIsDeterministic() {
    BinaryData data = Fixtures.linear(100, 6, 1, 11);
    double[] a = new LogisticRegression(0.3).fit(data).score(data.x());
    double[] b = new LogisticRegression(0.3).fit(data).score(data.x());
    assertArrayEquals(a, b, 0.0);
  }

  @Test
  void rejectsBadInputSayingWhatWasExpected() {
    FeatureMatrix x = FeatureMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    IllegalArgumentException oneClass = assertThrows(IllegalArgumentException.class,
        () -> new LogisticRegression(1).fit(x, new int[] {1, 1, 1}));
    assertEquals("LogisticRegression.fit: the training labels hold only class 1 (3 rows); a binary classifier"
        + " needs at least one example of each of 0 and 1", oneClass.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> new LogisticRegression(1).fit(x, new int[] {1, 0}));
    assertEquals("LogisticRegression.fit: expected one label per row, got 2 labels for 3 rows", count.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> new LogisticRegression(1).fit(x, new int[] {1, 0, 2}));
    assertEquals("LogisticRegression.fit: y[2] = 2, expected 0 (negative) or 1 (positive)", label.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> new LogisticRegression(0));
    assertEquals("LogisticRegression: C must be a finite number > 0, got 0.0", c.getMessage());
    LogisticRegression lr = new LogisticRegression(1).fit(x, new int[] {1, 0, 1});
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> lr.score(FeatureMatrix.of(new double[][] {{1, 2, 3}})));
    assertEquals("LogisticRegression.score: expected 2 feature columns as in training, got 3; apply the same"
        + " features and FeatureTransform as at fit time", cols.getMessage());
    IllegalStateException early = assertThrows(IllegalStateException.class,
        () -> new LogisticRegression(1).score(x));
    assertEquals("LogisticRegression.score: call fit first", early.getMessage());
  }

  /** J(w, b) = 1/2 ||w||^2 + C sum_i log(1 + exp(-s_i (w . x_i + b))), written out here on its own. */
  static double objective(double[][] x, int[] y, double c, double[] w, double b) {
    double j = 0;
    for (double v : w) j += 0.5 * v * v;
    for (int i = 0; i < x.length; i++) {
      double z = b;
      for (int k = 0; k < w.length; k++) z += w[k] * x[i][k];
      double m = (2 * y[i] - 1) * z;
      j += c * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
    }
    return j;
  }

  private static double objectiveAt(double[][] x, int[] y, double c, double[] theta) {
    return objective(x, y, c, java.util.Arrays.copyOf(theta, theta.length - 1), theta[theta.length - 1]);
  }

  private static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) out[i] = node.get(i).asDouble();
    return out;
  }

  @Test
  void sparseRowsGiveTheDenseCoefficientsExactly() {
    // a bag-of-words-like problem: most entries 0, a few 1s and 2s; the sparse passes skip the zeros, which add
    // nothing to any sum, so both paths run the same arithmetic and must agree to the last bit
    java.util.Random r = new java.util.Random(21);
    int n = 80, d = 13;
    double[][] x = new double[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) if (r.nextDouble() < 0.2) x[i][j] = 1 + r.nextInt(2);
      y[i] = x[i][0] + x[i][3] - x[i][5] + 0.5 * r.nextGaussian() > 0.3 ? 1 : 0;
    }
    FeatureMatrix dense = FeatureMatrix.of(x);
    SparseFeatures sparse = SparseFeatures.of(dense);
    assertTrue(sparse.nonZeros() < n * d / 3, sparse.toString());
    for (double c : new double[] {0.1, 10}) {
      LogisticRegression a = new LogisticRegression(c).fit(dense, y);
      LogisticRegression b = new LogisticRegression(c).fit(sparse, y);
      assertTrue(a.converged() && b.converged());
      assertEquals(a.iterations(), b.iterations(), "C = " + c);
      assertArrayEquals(a.coefficients(), b.coefficients(), 0.0, "C = " + c);
      assertEquals(a.intercept(), b.intercept(), 0.0, "C = " + c);
      assertArrayEquals(a.score(dense), b.score(sparse), 0.0, "C = " + c);
    }
  }

  @Test
  void fittedWeightsScoreAsTheFitDid() {
    BinaryData data = Fixtures.linear(60, 5, 0.5, 23);
    LogisticRegression lr = new LogisticRegression(1).fit(data);
    LogisticRegression copy = LogisticRegression.fitted(1, lr.coefficients(), lr.intercept());
    assertArrayEquals(lr.score(data.x()), copy.score(data.x()), 0.0);
    assertArrayEquals(lr.score(SparseFeatures.of(data.x())), copy.score(data.x()), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LogisticRegression.fitted(1, new double[] {Double.NaN}, 0));
    assertTrue(e.getMessage().contains("w[0] is NaN"), e.getMessage());
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> copy.score(SparseFeatures.of(FeatureMatrix.of(new double[][] {{1, 2}}))));
    assertTrue(cols.getMessage().contains("expected 5 feature columns"), cols.getMessage());
  }
}
