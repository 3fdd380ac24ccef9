package org.recurrent.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A linear support vector machine with the hinge loss and an L2 penalty, fitted by dual coordinate descent
 * (Hsieh, Chang, Lin, Keerthi and Sundararajan, "A dual coordinate descent method for large-scale linear SVM",
 * ICML 2008; liblinear's L2-regularised L1-loss solver, scikit-learn's {@code LinearSVC(loss="hinge", C=C)}).
 *
 * <p>As in liblinear and {@code LinearSVC}, the intercept is the weight of an extra constant feature of value
 * B = {@code interceptScaling}, so it is penalised too. With xbar_i = (x_i, B), v = (w, w_B), s_i = 2 y_i - 1:
 * <pre>{@code
 * primal  P(v) = 1/2 ||v||^2 + C sum_i max(0, 1 - s_i v . xbar_i)                 score(x) = w . x + b, b = B w_B
 * dual    D(a) = sum_i a_i - 1/2 ||sum_i a_i s_i xbar_i||^2,   0 <= a_i <= C,   v = sum_i a_i s_i xbar_i
 * KKT     a_i = 0 => s_i v . xbar_i >= 1;  0 < a_i < C => s_i v . xbar_i = 1;  a_i = C => s_i v . xbar_i <= 1
 * }</pre>
 * Each epoch visits the rows in a seeded random order; for row i with G = s_i v . xbar_i - 1 and Q_ii = ||xbar_i||^2:
 * <pre>{@code
 * a_i <- min(max(a_i - G / Q_ii, 0), C),   v <- v + (a_i,new - a_i,old) s_i xbar_i
 * }</pre>
 * It stops when the projected gradients' spread {@code max PG - min PG} over an epoch is at most
 * {@code tolerance} (liblinear's criterion), or after {@code maxEpochs}. P(v) - D(a) >= 0 is the duality gap; it is
 * 0 exactly at the optimum. The score is the margin w . x + b, not a probability.
 */
public final class LinearSvm implements BinaryClassifier {
  /**
   * The hyper-parameters.
   *
   * @param c                the hinge loss's weight C > 0
   * @param interceptScaling B > 0, the constant feature whose weight gives the intercept (liblinear's bias)
   * @param tolerance        the stopping spread of projected gradients, > 0
   * @param maxEpochs        passes over the rows at most
   * @param seed             the seed of the visiting order
   */
  public record Options(double c, double interceptScaling, double tolerance, int maxEpochs, long seed) {
    public Options {
      if (!(c > 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("LinearSvm: C must be a finite number > 0, got " + c);
      }
      if (!(interceptScaling > 0) || Double.isInfinite(interceptScaling)) {
        throw new IllegalArgumentException("LinearSvm: interceptScaling must be a finite number > 0, got "
            + interceptScaling);
      }
      if (!(tolerance > 0)) throw new IllegalArgumentException("LinearSvm: tolerance must be > 0, got " + tolerance);
      if (maxEpochs < 1) throw new IllegalArgumentException("LinearSvm: maxEpochs must be >= 1, got " + maxEpochs);
    }

    /** C with B = 1, tolerance 1e-4, at most 2000 epochs. */
    public static Options withC(double c, long seed) {
      return new Options(c, 1, 1e-4, 2000, seed);
    }
  }

  private final Options options;
  private double[] w;                                                   // (d)
  private double wB;                                                    // weight of the constant feature B
  private double[] alpha;                                               // (n) the dual variables
  private int epochs;
  private boolean converged;

  public LinearSvm(Options options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "linear_svm";
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
    return false;
  }

  @Override
  public LinearSvm fit(BinaryData data) {
    return fit(data.x(), data.y());
  }

  @Override
  public LinearSvm fit(FeatureMatrix x, int[] y) {
    BinaryData.checkTrainingLabels("LinearSvm.fit", x, y);
    int n = x.rows(), d = x.cols();
    double[] X = x.data();
    double C = options.c(), B = options.interceptScaling();
    double[] v = new double[d];
    double vB = 0;
    double[] a = new double[n];
    double[] qii = new double[n];
    for (int i = 0; i < n; i++) {
      double s = B * B;
      for (int j = 0, o = i * d; j < d; j++) s += X[o + j] * X[o + j];
      qii[i] = s;                                                       // ||xbar_i||^2 >= B^2 > 0
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Random random = new Random(options.seed());
    converged = false;
    epochs = 0;
    while (!converged && epochs < options.maxEpochs()) {
      for (int i = n - 1; i > 0; i--) {                                 // Fisher-Yates
        int r = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[r];
        order[r] = t;
      }
      double maxPg = Double.NEGATIVE_INFINITY, minPg = Double.POSITIVE_INFINITY;
      for (int i : order) {
        double s = y[i] == 1 ? 1 : -1;
        int o = i * d;
        double margin = vB * B;
        for (int j = 0; j < d; j++) margin += v[j] * X[o + j];
        double G = s * margin - 1;                                      // dD/da_i, negated
        double pg = a[i] == 0 ? Math.min(G, 0) : a[i] == C ? Math.max(G, 0) : G;
        maxPg = Math.max(maxPg, pg);
        minPg = Math.min(minPg, pg);
        if (pg != 0) {
          double old = a[i];
          a[i] = Math.min(Math.max(old - G / qii[i], 0), C);
          double step = (a[i] - old) * s;
          for (int j = 0; j < d; j++) v[j] += step * X[o + j];
          vB += step * B;
        }
      }
      epochs++;
      converged = maxPg - minPg <= options.tolerance();
    }
    w = v;
    wB = vB;
    alpha = a;
    return this;
  }

  /** The margin w . x + b per row. */
  @Override
  public double[] score(FeatureMatrix x) {
    if (w == null) throw new IllegalStateException("LinearSvm.score: call fit first");
    x.requireCols("LinearSvm.score", w.length);
    int n = x.rows(), d = w.length;
    double[] X = x.data();
    double b = intercept();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double m = b;
      for (int j = 0, o = i * d; j < d; j++) m += w[j] * X[o + j];
      out[i] = m;
    }
    return out;
  }

  /** w (a copy). */
  public double[] coefficients() {
    if (w == null) throw new IllegalStateException("LinearSvm.coefficients: call fit first");
    return w.clone();
  }

  /** b = B w_B. */
  public double intercept() {
    if (w == null) throw new IllegalStateException("LinearSvm.intercept: call fit first");
    return wB * options.interceptScaling();
  }

  /** The dual variables a_i of the last fit, one per training row (a copy). */
  public double[] dualCoefficients() {
    if (alpha == null) throw new IllegalStateException("LinearSvm.dualCoefficients: call fit first");
    return alpha.clone();
  }

  /** Epochs the last fit took. */
  public int epochs() {
    return epochs;
  }

  /** Whether the last fit met the tolerance within maxEpochs. */
  public boolean converged() {
    return converged;
  }
}
