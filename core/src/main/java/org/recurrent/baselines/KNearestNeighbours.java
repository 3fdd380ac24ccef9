package org.recurrent.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * k-nearest-neighbour classification by brute force: fitting stores the training rows; a query row's score is the
 * (optionally distance-weighted) fraction of positives among its k nearest training rows, scikit-learn's
 * {@code KNeighborsClassifier(k, algorithm="brute").predict_proba(x)[:, 1]}.
 *
 * <pre>{@code
 * euclidean  dist(q, x) = sqrt(sum_j (q_j - x_j)^2)                  standardise the features first
 * cosine     dist(q, x) = 1 - q . x / (|q| |x|)                      := 1 when q or x is the zero vector
 * uniform    score(q) = (1/k) sum_{i in N_k(q)} y_i
 * distance   score(q) = sum_{i in N_k(q)} y_i / dist_i  /  sum_{i in N_k(q)} 1 / dist_i
 *            if some neighbours are at distance 0, only those count, with equal weight (as scikit-learn)
 * }</pre>
 *
 * <p>Ties: N_k(q) is the first k training rows in the order (distance, training row index), so among rows at the
 * same distance as the k-th neighbour the earlier training rows are taken. The result is deterministic and does not
 * depend on anything but the data's order (scikit-learn leaves this order unspecified).
 *
 * <p>Cost: O(n d) time per query and O(n + k) extra memory (one distance per training row, the k best kept in a
 * sorted array), never an (n, n) matrix.
 */
public final class KNearestNeighbours implements BinaryClassifier {
  /** How distance is measured. */
  public enum Metric { EUCLIDEAN, COSINE }

  /** How the k neighbours are weighted. */
  public enum Weighting { UNIFORM, DISTANCE }

  /**
   * The hyper-parameters.
   *
   * @param k         neighbours per query, 1 <= k <= training rows
   * @param metric    the distance
   * @param weighting uniform votes or 1/distance
   */
  public record Options(int k, Metric metric, Weighting weighting) {
    public Options {
      if (k < 1) throw new IllegalArgumentException("KNearestNeighbours: k must be >= 1, got " + k);
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(weighting, "weighting");
    }
  }

  private final Options options;
  private FeatureMatrix train;
  private int[] y;
  private double[] trainNorms;                                         // |x_i|, for cosine

  public KNearestNeighbours(Options options) {
    this.options = options;
  }

  /** k neighbours, Euclidean, uniform votes. */
  public KNearestNeighbours(int k) {
    this(new Options(k, Metric.EUCLIDEAN, Weighting.UNIFORM));
  }

  @Override
  public String name() {
    return "k_nearest_neighbours";
  }

  public Options options() {
    return options;
  }

  @Override
  public Map<String, Double> hyperParameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("k", (double) options.k());
    return p;
  }

  @Override
  public boolean scoresAreProbabilities() {
    return true;
  }

  @Override
  public KNearestNeighbours fit(BinaryData data) {
    return fit(data.x(), data.y());
  }

  @Override
  public KNearestNeighbours fit(FeatureMatrix x, int[] y) {
    BinaryData.checkTrainingLabels("KNearestNeighbours.fit", x, y);
    if (options.k() > x.rows()) {
      throw new IllegalArgumentException("KNearestNeighbours.fit: k = " + options.k() + " exceeds the "
          + x.rows() + " training rows; expected k <= " + x.rows());
    }
    this.train = x;
    this.y = y.clone();
    int n = x.rows(), d = x.cols();
    double[] X = x.data();
    trainNorms = new double[n];
    for (int i = 0; i < n; i++) trainNorms[i] = Math.sqrt(dotRows(X, i * d, X, i * d, d));
    return this;
  }

  @Override
  public double[] score(FeatureMatrix x) {
    if (train == null) throw new IllegalStateException("KNearestNeighbours.score: call fit first");
    int n = train.rows(), d = train.cols(), k = options.k();
    x.requireCols("KNearestNeighbours.score", d);
    double[] Q = x.data();
    double[] X = train.data();
    double[] scores = new double[x.rows()];
    double[] bestDist = new double[k];                                 // ascending by (distance, index)
    int[] bestIndex = new int[k];
    for (int q = 0; q < x.rows(); q++) {
      int qo = q * d;
      double qNorm = options.metric() == Metric.COSINE ? Math.sqrt(dotRows(Q, qo, Q, qo, d)) : 0;
      int filled = 0;
      for (int i = 0; i < n; i++) {
        double dist = distance(Q, qo, qNorm, X, i, d);
        if (filled == k && !(dist < bestDist[k - 1])) continue;        // equal distance: the earlier row stays
        int pos = filled == k ? k - 1 : filled++;
        while (pos > 0 && bestDist[pos - 1] > dist) {                  // strictly greater: earlier rows first
          bestDist[pos] = bestDist[pos - 1];
          bestIndex[pos] = bestIndex[pos - 1];
          pos--;
        }
        bestDist[pos] = dist;
        bestIndex[pos] = i;
      }
      scores[q] = vote(bestDist, bestIndex);
    }
    return scores;
  }

  /** The indices of the k nearest training rows of {@code query}, nearest first (ties by training row index). */
  public int[] neighbours(double[] query) {
    if (train == null) throw new IllegalStateException("KNearestNeighbours.neighbours: call fit first");
    FeatureMatrix q = FeatureMatrix.of(new double[][] {query});
    q.requireCols("KNearestNeighbours.neighbours", train.cols());
    int n = train.rows(), d = train.cols();
    double qNorm = Math.sqrt(dotRows(q.data(), 0, q.data(), 0, d));
    Integer[] order = new Integer[n];
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      dist[i] = distance(q.data(), 0, qNorm, train.data(), i, d);
    }
    java.util.Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : a - b);
    int[] out = new int[options.k()];
    for (int r = 0; r < out.length; r++) out[r] = order[r];
    return out;
  }

  private double distance(double[] Q, int qo, double qNorm, double[] X, int i, int d) {
    int xo = i * d;
    if (options.metric() == Metric.COSINE) {
      if (qNorm == 0 || trainNorms[i] == 0) return 1;
      return 1 - dotRows(Q, qo, X, xo, d) / (qNorm * trainNorms[i]);  // 1 - cos(q, x)
    }
    double s = 0;
    for (int j = 0; j < d; j++) {
      double c = Q[qo + j] - X[xo + j];
      s += c * c;
    }
    return Math.sqrt(s);                                               // ||q - x||
  }

  private double vote(double[] dist, int[] index) {
    int k = options.k();
    if (options.weighting() == Weighting.UNIFORM) {
      int positives = 0;
      for (int r = 0; r < k; r++) positives += y[index[r]];
      return (double) positives / k;                                   // (1/k) sum y_i
    }
    int atZero = 0, positivesAtZero = 0;
    for (int r = 0; r < k; r++) {
      if (dist[r] == 0) {
        atZero++;
        positivesAtZero += y[index[r]];
      }
    }
    if (atZero > 0) return (double) positivesAtZero / atZero;
    double weighted = 0, total = 0;
    for (int r = 0; r < k; r++) {
      double weight = 1 / dist[r];
      weighted += weight * y[index[r]];
      total += weight;
    }
    return weighted / total;                                           // sum y_i / d_i / sum 1 / d_i
  }

  private static double dotRows(double[] a, int ao, double[] b, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) s += a[ao + j] * b[bo + j];
    return s;
  }
}
