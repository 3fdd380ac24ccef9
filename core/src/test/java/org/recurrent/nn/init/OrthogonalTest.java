package org.recurrent.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The QR step of orthogonal init. Q with orthonormal columns and {@code R = Q^T A} upper triangular with a
 * positive diagonal is unique for a full-rank A, so these properties prove the result equals PyTorch's
 * {@code q * sign(diag(r))} for the same Gaussian matrix.
 */
class OrthogonalTest {

  @Test
  void singleColumnIsTheColumnOverItsNormWithItsOwnSign() {
    assertArrayEquals(new double[] {0.6, 0.8}, Orthogonal.orthonormalColumns(new double[] {3, 4}, 2, 1), 1e-15);
    assertArrayEquals(new double[] {-0.6, -0.8}, Orthogonal.orthonormalColumns(new double[] {-3, -4}, 2, 1), 1e-15);
  }

  @Test
  void upperTriangularInputWithPositiveDiagonalGivesIdentityAndSignsFollowTheDiagonal() {
    assertArrayEquals(new double[] {1, 0, 0, 1}, Orthogonal.orthonormalColumns(new double[] {1, 1, 0, 1}, 2, 2), 1e-15);
    assertArrayEquals(new double[] {-1, 0, 0, 1}, Orthogonal.orthonormalColumns(new double[] {-1, 0, 0, 2}, 2, 2), 1e-15);
  }

  @Test
  void tallGaussianMatrixFactorsIntoOrthonormalQAndPositiveUpperTriangularR() {
    int m = 9;
    int n = 4;
    Random rng = new Random(11);
    double[] a = new double[m * n];
    for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian();
    double[] q = Orthogonal.orthonormalColumns(a, m, n);
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        double qq = 0; // (Q^T Q)_jk
        double qa = 0; // (Q^T A)_jk = R_jk
        for (int i = 0; i < m; i++) {
          qq += q[i * n + j] * q[i * n + k];
          qa += q[i * n + j] * a[i * n + k];
        }
        assertEquals(j == k ? 1 : 0, qq, 1e-12, "Q^T Q at " + j + "," + k);
        if (j > k) assertEquals(0, qa, 1e-12, "R below the diagonal at " + j + "," + k);
        if (j == k) assertTrue(qa > 0, "R diagonal " + j + " must be positive, got " + qa);
      }
    }
  }
}
