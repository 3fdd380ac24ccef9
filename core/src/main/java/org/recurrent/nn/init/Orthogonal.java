package org.recurrent.nn.init;

import java.util.Random;

/**
 * The orthogonal matrix of {@code torch.nn.init.orthogonal_}: draw a Gaussian (rows, cols) matrix, take the
 * QR decomposition of it (of its transpose when wide), and flip each column of Q by the sign of the matching
 * diagonal entry of R. The flip makes R's diagonal positive, which pins down the decomposition uniquely, so
 * the result is the same function of the Gaussian matrix as PyTorch's whatever QR algorithm computes it.
 */
final class Orthogonal {
  private Orthogonal() {}

  /** A (rows, cols) row-major matrix with orthonormal rows (wide) or columns (tall), times {@code gain}. */
  static float[] sample(int rows, int cols, double gain, Random rng) {
    double[] a = new double[rows * cols]; // (rows, cols)
    for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian();
    boolean wide = rows < cols;
    double[] tall = wide ? transpose(a, rows, cols) : a; // (m, n), m >= n
    int m = wide ? cols : rows;
    int n = wide ? rows : cols;
    double[] q = orthonormalColumns(tall, m, n);
    double[] out = wide ? transpose(q, m, n) : q;
    float[] result = new float[out.length];
    for (int i = 0; i < out.length; i++) result[i] = (float) (gain * out[i]);
    return result;
  }

  /**
   * The Q (m, n) of the thin QR decomposition {@code a = Q R} of a tall (m, n) row-major matrix (m >= n), with
   * R's diagonal made non-negative. Householder reflections in double: stable even for nearly dependent columns.
   * A zero diagonal entry (a rank-deficient draw, probability 0) keeps its column unflipped, where PyTorch's
   * {@code sign(0) = 0} would zero it.
   */
  static double[] orthonormalColumns(double[] a, int m, int n) {
    double[] r = a.clone(); // (m, n), becomes R in its upper triangle
    double[][] v = new double[n][]; // Householder vectors, v[j] acts on rows j..m-1
    double[] vv = new double[n]; // |v_j|^2
    for (int j = 0; j < n; j++) {
      double norm = 0;
      for (int i = j; i < m; i++) norm += r[i * n + j] * r[i * n + j];
      norm = Math.sqrt(norm);
      if (norm == 0) continue;
      double alpha = r[j * n + j] >= 0 ? -norm : norm; // reflect onto -sign(x0)|x| e0: no cancellation
      double[] vj = new double[m - j];
      for (int i = j; i < m; i++) vj[i - j] = r[i * n + j];
      vj[0] -= alpha;
      double s2 = 0;
      for (double e : vj) s2 += e * e;
      if (s2 == 0) continue;
      for (int k = j; k < n; k++) reflect(r, n, k, j, m, vj, s2); // R <- H_j R
      v[j] = vj;
      vv[j] = s2;
    }
    double[] q = new double[m * n]; // Q = H_0 H_1 ... H_{n-1} I_{m x n}
    for (int k = 0; k < n; k++) q[k * n + k] = 1;
    for (int j = n - 1; j >= 0; j--) {
      if (v[j] == null) continue;
      for (int k = 0; k < n; k++) reflect(q, n, k, j, m, v[j], vv[j]);
    }
    for (int j = 0; j < n; j++) {
      if (r[j * n + j] < 0) {
        for (int i = 0; i < m; i++) q[i * n + j] = -q[i * n + j]; // Q <- Q diag(sign(R_jj))
      }
    }
    return q;
  }

  /** Column k of the row-major (m, n) matrix x, rows j..m-1: x <- (I - 2 v v^T / |v|^2) x. */
  private static void reflect(double[] x, int n, int k, int j, int m, double[] v, double vv) {
    double s = 0;
    for (int i = j; i < m; i++) s += v[i - j] * x[i * n + k];
    double f = 2 * s / vv;
    for (int i = j; i < m; i++) x[i * n + k] -= f * v[i - j];
  }

  private static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
    }
    return t;
  }
}
