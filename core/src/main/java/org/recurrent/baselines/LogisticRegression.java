package org.recurrent.baselines;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * L2-regularised logistic regression, the objective of scikit-learn's {@code LogisticRegression(penalty="l2", C=C)}
 * (solver lbfgs or newton-cg, which leave the intercept unpenalised), fitted to convergence by a deterministic
 * truncated Newton method.
 *
 * <p>With rows x_i (d values), labels y_i in {0, 1}, s_i = 2 y_i - 1 and z_i = w . x_i + b, the fit minimises
 * <pre>{@code
 * J(w, b) = 1/2 ||w||^2 + C sum_i log(1 + exp(-s_i z_i))               b is not penalised
 * dJ/dw   = w + C sum_i (p_i - y_i) x_i,   dJ/db = C sum_i (p_i - y_i),   p_i = sigmoid(z_i)
 * H v     = [v_w + C X^T (D u),  C 1^T (D u)],   u = X v_w + v_b,   D = diag(p_i (1 - p_i))
 * }</pre>
 * J is strictly convex in w (the 1/2 ||w||^2 term) and convex in b, so the minimiser is unique whenever both
 * classes occur. Each Newton step solves {@code H delta = -grad} by conjugate gradients using only Hessian-vector
 * products (two passes over X, no (d, d) matrix, so d of several thousands is fine), then backtracks
 * {@code t = 1, 1/2, ...} until Armijo's condition {@code J(theta + t delta) <= J(theta) + 1e-4 t grad . delta}
 * holds (or takes the full step once the predicted decrease is below J's rounding). CG stops at a residual of
 * {@code min(0.5, ||grad|| / ||grad_0||) ||grad||}, which makes the convergence quadratic. It starts at w = 0,
 * b = 0 and stops when {@code ||grad|| <= tolerance * ||grad_0||}, grad_0 being the gradient at the start.
 * The score is the probability {@code sigmoid(w . x + b)}.
 *
 * <p>Reference: Lin, Weng and Keerthi, "Trust region Newton method for large-scale logistic regression", JMLR 2008
 * (the same Hessian-vector products; here with a line search instead of a trust region).
 *
 * <p>Rows are dense ({@link FeatureMatrix}) or sparse ({@link SparseFeatures}, for bags of words and n-grams);
 * both run the same iterations, the sparse passes over X costing O(nnz) instead of O(n d).
 */
public final class LogisticRegression implements BinaryClassifier {
  /**
   * The hyper-parameters.
   *
   * @param c             inverse regularisation strength C > 0 (scikit-learn's C; lambda = 1/C)
   * @param tolerance     relative gradient norm at which the fit stops, in (0, 1)
   * @param maxIterations Newton steps at most
   */
  public record Options(double c, double tolerance, int maxIterations) {
    public Options {
      if (!(c > 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("LogisticRegression: C must be a finite number > 0, got " + c);
      }
      if (!(tolerance > 0 && tolerance < 1)) {
        throw new IllegalArgumentException("LogisticRegression: tolerance must be in (0, 1), got " + tolerance);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("LogisticRegression: maxIterations must be >= 1, got " + maxIterations);
      }
    }

    /** C with the defaults tolerance 1e-10, 100 Newton steps. */
    public static Options withC(double c) {
      return new Options(c, 1e-10, 100);
    }
  }

  private final Options options;
  private double[] w;                                                   // (d)
  private double b;
  private int iterations;
  private boolean converged;

  public LogisticRegression(Options options) {
    this.options = options;
  }

  /** With this C and the default tolerance and iteration limit. */
  public LogisticRegression(double c) {
    this(Options.withC(c));
  }

  /**
   * A model already fitted elsewhere (read back from a file): weights {@code w} and intercept {@code b}, as
   * {@link #coefficients} and {@link #intercept} gave them, with inverse regularisation strength {@code c}.
   */
  public static LogisticRegression fitted(double c, double[] w, double b) {
    LogisticRegression lr = new LogisticRegression(c);
    for (int j = 0; j < w.length; j++) {
      if (!Double.isFinite(w[j])) {
        throw new IllegalArgumentException("LogisticRegression.fitted: w[" + j + "] is " + w[j] + ", expected a "
            + "finite number");
      }
    }
    if (!Double.isFinite(b)) throw new IllegalArgumentException("LogisticRegression.fitted: b is " + b);
    lr.w = w.clone();
    lr.b = b;
    lr.converged = true;
    return lr;
  }

  @Override
  public String name() {
    return "logistic_regression";
  }

  public Options options() {
    return options;
  }

  @Override
  public Map<String, Double> hyperParameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("C", options.c());
    return p;
  }

  @Override
  public boolean scoresAreProbabilities() {
    return true;
  }

  @Override
  public LogisticRegression fit(BinaryData data) {
    return fit(data.x(), data.y());
  }

  @Override
  public LogisticRegression fit(FeatureMatrix x, int[] y) {
    BinaryData.checkTrainingLabels("LogisticRegression.fit", x, y);
    return fit(new DenseRows(x), y);
  }

  /**
   * Fits on sparse rows (bags of words and n-grams): the same objective and iterations as the dense {@link
   * #fit(FeatureMatrix, int[])}, each pass over X costing O(nnz) instead of O(n d).
   */
  public LogisticRegression fit(SparseFeatures x, int[] y) {
    java.util.Objects.requireNonNull(x, "x");
    BinaryData.checkTrainingLabels("LogisticRegression.fit", x.rows(), y);
    return fit(new SparseRows(x), y);
  }

  private LogisticRegression fit(Rows X, int[] y) {
    int n = X.n(), d = X.d();
    double C = options.c();
    double[] theta = new double[d + 1];                                 // (w, b); b last
    double[] z = new double[n];
    double[] p = new double[n];
    double[] grad = new double[d + 1];
    double J = objective(X, y, n, d, C, theta, z);
    gradient(X, y, n, d, C, theta, z, p, grad);
    double g0 = norm(grad);
    double stop = options.tolerance() * Math.max(g0, Double.MIN_NORMAL);
    double[] trial = new double[d + 1];
    double[] zTrial = new double[n];
    iterations = 0;
    converged = norm(grad) <= stop;
    while (!converged && iterations < options.maxIterations()) {
      double gNorm = norm(grad);
      double forcing = Math.min(0.5, gNorm / Math.max(g0, Double.MIN_NORMAL));    // quadratic convergence
      double[] delta = conjugateGradient(X, n, d, C, p, grad, forcing * gNorm);
      double slope = dot(grad, delta);
      if (!(slope < 0)) delta = negated(grad);                         // CG broke down: steepest descent
      slope = dot(grad, delta);
      // Near the optimum the predicted decrease -slope/2 drops below what J's rounding can resolve; there the
      // full Newton step is taken without the Armijo test (J is within 1e-13 of its minimum, deep in Newton's
      // quadratic region), since the test would otherwise reject every step.
      boolean belowRounding = -slope <= 1e-13 * (1 + Math.abs(J));
      double t = 1;
      double jTrial = Double.NaN;
      boolean accepted = false;
      for (int halvings = 0; halvings < 60 && !accepted; halvings++) {
        for (int k = 0; k <= d; k++) trial[k] = theta[k] + t * delta[k];
        jTrial = objective(X, y, n, d, C, trial, zTrial);
        accepted = belowRounding || jTrial <= J + 1e-4 * t * slope;
        if (!accepted) t /= 2;
      }
      if (!accepted) break;                                             // no step decreases J: stop where we are
      System.arraycopy(trial, 0, theta, 0, d + 1);
      System.arraycopy(zTrial, 0, z, 0, n);
      J = jTrial;
      gradient(X, y, n, d, C, theta, z, p, grad);
      iterations++;
      converged = norm(grad) <= stop;
    }
    w = java.util.Arrays.copyOf(theta, d);
    b = theta[d];
    return this;
  }

  /** J(theta) of the class comment; fills z = X w + b. */
  private static double objective(Rows X, int[] y, int n, int d, double C, double[] theta, double[] z) {
    double penalty = 0;
    for (int j = 0; j < d; j++) penalty += theta[j] * theta[j];
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double zi = X.dot(i, theta, theta[d]);
      z[i] = zi;
      loss += softplus(y[i] == 1 ? -zi : zi);                          // log(1 + exp(-s_i z_i))
    }
    return 0.5 * penalty + C * loss;
  }

  /** grad = [w + C X^T (p - y), C sum (p - y)]; fills p = sigmoid(z). */
  private static void gradient(Rows X, int[] y, int n, int d, double C, double[] theta, double[] z, double[] p,
      double[] grad) {
    for (int j = 0; j < d; j++) grad[j] = theta[j];
    grad[d] = 0;
    for (int i = 0; i < n; i++) {
      p[i] = sigmoid(z[i]);
      double r = C * (p[i] - y[i]);
      X.addRow(i, r, grad);
      grad[d] += r;
    }
  }

  /** Approximately solves H delta = -grad by conjugate gradients from delta = 0, to residual norm tol. */
  private static double[] conjugateGradient(Rows X, int n, int d, double C, double[] p, double[] grad,
      double tol) {
    double[] delta = new double[d + 1];
    double[] r = negated(grad);                                        // r = -grad - H delta
    double[] dir = r.clone();
    double[] hDir = new double[d + 1];
    double[] u = new double[n];
    double rr = dot(r, r);
    for (int it = 0; it < 2 * (d + 1) + 10 && Math.sqrt(rr) > tol; it++) {
      hessianTimes(X, n, d, C, p, dir, u, hDir);
      double curvature = dot(dir, hDir);
      if (!(curvature > 0)) break;
      double alpha = rr / curvature;
      for (int k = 0; k <= d; k++) {
        delta[k] += alpha * dir[k];
        r[k] -= alpha * hDir[k];
      }
      double rrNew = dot(r, r);
      double beta = rrNew / rr;
      for (int k = 0; k <= d; k++) dir[k] = r[k] + beta * dir[k];
      rr = rrNew;
    }
    return delta;
  }

  /** out = H v of the class comment. */
  private static void hessianTimes(Rows X, int n, int d, double C, double[] p, double[] v, double[] u,
      double[] out) {
    for (int i = 0; i < n; i++) {
      double ui = X.dot(i, v, v[d]);
      u[i] = C * p[i] * (1 - p[i]) * ui;                               // C D u
    }
    for (int j = 0; j < d; j++) out[j] = v[j];
    out[d] = 0;
    for (int i = 0; i < n; i++) {
      double ui = u[i];
      X.addRow(i, ui, out);
      out[d] += ui;
    }
  }

  /** sigmoid(w . x + b) per row. */
  @Override
  public double[] score(FeatureMatrix x) {
    if (w == null) throw new IllegalStateException("LogisticRegression.score: call fit first");
    double[] z = decisionFunction(x);
    for (int i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
    return z;
  }

  /** w . x + b per row, the log-odds. */
  public double[] decisionFunction(FeatureMatrix x) {
    if (w == null) throw new IllegalStateException("LogisticRegression.decisionFunction: call fit first");
    x.requireCols("LogisticRegression.score", w.length);
    return decisionFunction(new DenseRows(x));
  }

  /** sigmoid(w . x + b) per sparse row. */
  public double[] score(SparseFeatures x) {
    double[] z = decisionFunction(x);
    for (int i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
    return z;
  }

  /** w . x + b per sparse row, the log-odds. */
  public double[] decisionFunction(SparseFeatures x) {
    if (w == null) throw new IllegalStateException("LogisticRegression.decisionFunction: call fit first");
    x.requireCols("LogisticRegression.score", w.length);
    return decisionFunction(new SparseRows(x));
  }

  private double[] decisionFunction(Rows x) {
    double[] z = new double[x.n()];
    for (int i = 0; i < z.length; i++) z[i] = x.dot(i, w, b);
    return z;
  }

  /**
   * The two passes over X that the fit needs, so that one Newton-CG serves dense and sparse rows alike:
   * {@code dot(i, v, start) = start + x_i . v[0..d)} (summed in column order after {@code start}) and
   * {@code addRow(i, a, out): out[0..d) += a x_i}.
   */
  private sealed interface Rows permits DenseRows, SparseRows {
    int n();

    int d();

    double dot(int i, double[] v, double start);

    void addRow(int i, double a, double[] out);
  }

  private record DenseRows(double[] X, int n, int d) implements Rows {
    DenseRows(FeatureMatrix x) {
      this(x.data(), x.rows(), x.cols());
    }

    @Override
    public double dot(int i, double[] v, double start) {
      double s = start;
      for (int j = 0, o = i * d; j < d; j++) s += X[o + j] * v[j];
      return s;
    }

    @Override
    public void addRow(int i, double a, double[] out) {
      for (int j = 0, o = i * d; j < d; j++) out[j] += a * X[o + j];
    }
  }

  private record SparseRows(SparseFeatures x) implements Rows {
    @Override
    public int n() {
      return x.rows();
    }

    @Override
    public int d() {
      return x.cols();
    }

    @Override
    public double dot(int i, double[] v, double start) {
      return x.dot(i, v, start);
    }

    @Override
    public void addRow(int i, double a, double[] out) {
      x.addRow(i, a, out);
    }
  }

  /** w (a copy), scikit-learn's {@code coef_[0]}. */
  public double[] coefficients() {
    if (w == null) throw new IllegalStateException("LogisticRegression.coefficients: call fit first");
    return w.clone();
  }

  /** b, scikit-learn's {@code intercept_[0]}. */
  public double intercept() {
    if (w == null) throw new IllegalStateException("LogisticRegression.intercept: call fit first");
    return b;
  }

  /** Newton steps the last fit took. */
  public int iterations() {
    return iterations;
  }

  /** Whether the last fit reached the gradient tolerance within maxIterations. */
  public boolean converged() {
    return converged;
  }

  static double sigmoid(double z) {
    if (z >= 0) return 1 / (1 + Math.exp(-z));
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** log(1 + exp(m)) without overflow. */
  static double softplus(double m) {
    return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double[] negated(double[] a) {
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) out[k] = -a[k];
    return out;
  }
}
