package org.recurrent.nn.init;

import java.util.Random;

/**
 * The spectral radius {@code rho(W) = max |lambda_i(W)|} of a square matrix by power iteration, and scaling a
 * matrix to a chosen radius (an echo-state network's reservoir). Also the number a diagnosis of recurrent weights
 * reports: {@code rho(W_hh) < 1} means the linearised recurrence forgets, {@code > 1} that it may explode.
 *
 * <p>Power iteration {@code v_{k+1} = W v_k / ||W v_k||} from a random start converges to the dominant invariant
 * subspace. For a real matrix the dominant eigenvalue is real, or a complex pair {@code r e^{+-i theta}}; in the
 * second case {@code v_k} rotates in a plane and {@code ||W v_k||} never settles. So after the iterations both
 * are tried on the last vector {@code v} (unit) with {@code u1 = W v}, {@code u2 = W u1}:
 * <pre>{@code
 * real:         lambda = v . u1,   accepted when ||u1 - lambda v|| <= tol ||u1||       rho = |lambda|
 * complex pair: (p, q) = argmin ||u2 - p u1 - q v||  (2 x 2 normal equations); the pair are the roots of
 *               z^2 - p z - q = 0, accepted when the residual <= tol ||u2|| and p^2 + 4q < 0     rho = sqrt(-q)
 * otherwise:    rho = (prod of ||W v_k|| over the last half of the iterations)^(1 / count)  (Gelfand's formula)
 * }</pre>
 * In double precision. The first two are exact once the iteration has converged; the third (several eigenvalues
 * of nearly equal modulus) is accurate to about the log of the transient's amplitude divided by the count.
 */
public final class SpectralRadius {
  /** Power iterations before the estimate. */
  public static final int ITERATIONS = 2000;
  private static final double TOLERANCE = 1e-6;

  private SpectralRadius() {}

  /** {@code rho(W)} of {@code w} (n x n, row-major), the start vector drawn from {@code rng}. */
  public static double of(float[] w, int n, Random rng) {
    if (w.length != n * n) throw new IllegalArgumentException("spectral radius of an n x n matrix, n = " + n
        + ", needs " + n * n + " values, got " + w.length);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
    if (normalise(v) == 0) return 0;
    double logGrowth = 0;
    int counted = 0;
    for (int k = 0; k < ITERATIONS; k++) {
      double[] u = times(w, n, v);
      double norm = normalise(u);
      if (norm == 0) return 0;                                                 // W^k v = 0: nilpotent on v
      if (k >= ITERATIONS / 2) {
        logGrowth += Math.log(norm);
        counted++;
      }
      v = u;
    }
    double[] u1 = times(w, n, v), u2 = times(w, n, u1);
    double lambda = dot(v, u1);
    if (distance(u1, lambda, v, 0, v) <= TOLERANCE * norm(u1)) return Math.abs(lambda);
    double a11 = dot(u1, u1), a12 = dot(u1, v), a22 = dot(v, v), b1 = dot(u1, u2), b2 = dot(v, u2);
    double det = a11 * a22 - a12 * a12;
    if (det > 0) {
      double p = (b1 * a22 - b2 * a12) / det, q = (a11 * b2 - a12 * b1) / det;
      if (p * p + 4 * q < 0 && distance(u2, p, u1, q, v) <= TOLERANCE * norm(u2)) return Math.sqrt(-q);
    }
    return Math.exp(logGrowth / counted);
  }

  /**
   * Scales {@code w} in place so that its spectral radius is {@code radius}; returns the radius it had.
   *
   * @throws IllegalArgumentException when {@code w} has radius 0 (e.g. all zeros, or strictly triangular)
   */
  public static double scaleTo(float[] w, int n, double radius, Random rng) {
    double rho = of(w, n, rng);
    if (!(rho > 0)) {
      throw new IllegalArgumentException("cannot scale a matrix of spectral radius 0 to " + radius + "; it has no "
          + "cycles (too sparse?): use more connections");
    }
    float s = (float) (radius / rho);
    for (int i = 0; i < w.length; i++) w[i] *= s;
    return rho;
  }

  private static double[] times(float[] w, int n, double[] v) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      int row = i * n;
      for (int j = 0; j < n; j++) s += w[row + j] * v[j];
      out[i] = s;
    }
    return out;
  }

  /** ||a - p b - q c||. */
  private static double distance(double[] a, double p, double[] b, double q, double[] c) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - p * b[i] - q * c[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** Divides by the norm in place; returns the norm (0 leaves it). */
  private static double normalise(double[] a) {
    double norm = norm(a);
    if (norm > 0) for (int i = 0; i < a.length; i++) a[i] /= norm;
    return norm;
  }
}
