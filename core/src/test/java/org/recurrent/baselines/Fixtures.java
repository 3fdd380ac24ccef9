package org.recurrent.baselines;

import java.util.Random;

/** Small synthetic data sets shared by the baselines' tests, each from an explicit seed. */
final class Fixtures {
  private Fixtures() {}

  /** n rows of d standard-normal features; y = [w . x + noise > 0] with w = (1, -1, 0.5, 0, 0, ...). */
  static BinaryData linear(int n, int d, double noise, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double z = noise * random.nextGaussian();
      for (int j = 0; j < d; j++) {
        x[i][j] = random.nextGaussian();
        z += x[i][j] * (j == 0 ? 1 : j == 1 ? -1 : j == 2 ? 0.5 : 0);
      }
      y[i] = z > 0 ? 1 : 0;
    }
    return new BinaryData(FeatureMatrix.of(x), y);
  }

  /** XOR: points near the corners (+-1, +-1) with Gaussian noise sd; y = 1 where the signs differ. */
  static BinaryData xor(int n, double sd, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int a = i % 2, b = (i / 2) % 2;
      x[i][0] = (2 * a - 1) + sd * random.nextGaussian();
      x[i][1] = (2 * b - 1) + sd * random.nextGaussian();
      y[i] = a ^ b;
    }
    return new BinaryData(FeatureMatrix.of(x), y);
  }

  static double maxAbsDiff(double[] a, double[] b) {
    if (a.length != b.length) throw new AssertionError("lengths " + a.length + " and " + b.length);
    double m = 0;
    for (int k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
    return m;
  }
}
