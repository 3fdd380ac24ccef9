package org.recurrent.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class SpectralRadiusTest {

  /** max |lambda| from commons-math's eigenvalue solver (Hessenberg QR), independent of power iteration. */
  static double exact(float[] w, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = w[i * n + j];
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(a));
    double rho = 0;
    for (int i = 0; i < n; i++) rho = Math.max(rho, Math.hypot(e.getRealEigenvalues()[i], e.getImagEigenvalues()[i]));
    return rho;
  }

  @Test
  void aRealDominantEigenvalueOfANonNormalMatrix() {
    // upper triangular: eigenvalues are the diagonal 1, -1.5, 0.3; large off-diagonal entries make it non-normal
    float[] w = {1, 4, -2, 0, -1.5f, 3, 0, 0, 0.3f};
    assertEquals(1.5, SpectralRadius.of(w, 3, new Random(1)), 1e-9);
  }

  @Test
  void aDominantComplexPair() {
    // [[0, -3], [3, 0]] (eigenvalues +-3i) beside 2: power iteration rotates and never settles on one vector
    float[] w = {0, -3, 0, 3, 0, 0, 0, 0, 2};
    assertEquals(3, SpectralRadius.of(w, 3, new Random(1)), 1e-9);
    // a damped rotation r (cos t, -sin t; sin t, cos t), r = 0.8, under a similarity S D S^-1 with S = [[1, 2], [0, 1]]
    double r = 0.8, c = r * Math.cos(1), s = r * Math.sin(1);
    // S D S^-1 = [[c + 2s, -s - 2(c + 2s) + 2c], [s, c - 2s]] = [[c + 2s, -5s], [s, c - 2s]]
    float[] m = {(float) (c + 2 * s), (float) (-5 * s), (float) s, (float) (c - 2 * s)};
    assertEquals(0.8, SpectralRadius.of(m, 2, new Random(3)), 1e-6);
  }

  @Test
  void randomSparseReservoirsAgreeWithAnEigenvalueSolver() {
    for (int n : new int[] {7, 50, 200}) {
      for (int seed = 0; seed < 3; seed++) {
        Random rng = new Random(seed);
        float[] w = new float[n * n];
        for (int i = 0; i < w.length; i++) if (rng.nextDouble() < 0.2) w[i] = rng.nextFloat() * 2 - 1;
        double expected = exact(w, n);
        assertEquals(expected, SpectralRadius.of(w, n, new Random(seed)), 1e-4 * expected, "n=" + n + " seed=" + seed);
      }
    }
  }

  @Test
  void scaleToGivesTheRadiusAsked() {
    Random rng = new Random(5);
    int n = 100;
    float[] w = new float[n * n];
    for (int i = 0; i < w.length; i++) if (rng.nextDouble() < 0.1) w[i] = rng.nextFloat() * 2 - 1;
    double before = exact(w, n);
    assertEquals(before, SpectralRadius.scaleTo(w, n, 0.9, rng), 1e-4 * before);
    assertEquals(0.9, exact(w, n), 1e-4);
  }

  @Test
  void aMatrixWithoutCyclesCannotBeScaled() {
    float[] nilpotent = {0, 1, 0, 0, 0, 1, 0, 0, 0};                        // strictly upper triangular: W^3 = 0
    assertEquals(0, SpectralRadius.of(nilpotent, 3, new Random(1)), 0);
    assertEquals("cannot scale a matrix of spectral radius 0 to 0.9; it has no cycles (too sparse?): use more "
        + "connections", assertThrows(IllegalArgumentException.class,
        () -> SpectralRadius.scaleTo(nilpotent, 3, 0.9, new Random(1))).getMessage());
  }
}
