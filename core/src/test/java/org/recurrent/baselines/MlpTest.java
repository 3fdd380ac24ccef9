package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.metrics.BinaryMetrics;

class MlpTest {

  @Test
  void batchGradientMatchesFiniteDifferences() {
    // I = 5, H = 7, B = 3 rows of 4; every parameter (W1, b1, w2, b2), with weight decay on
    int I = 5, H = 7;
    BinaryData data = Fixtures.linear(4, I, 1, 31);
    double[] X = data.x().data();
    int[] y = data.y();
    int[] rows = {2, 0, 3, 1};
    Random random = new Random(3);
    double[] params = new double[H * I + 3 * H + 1];
    for (int k = 0; k < params.length; k++) params[k] = random.nextGaussian();
    double lambda = 0.3;
    double[] a = new double[H];
    double[] grad = new double[params.length];
    Mlp.batchObjective(params, X, y, rows, 1, 4, I, H, lambda, a, grad);
    double[] scratch = new double[params.length];
    double h = 1e-6, worst = 0;
    for (int k = 0; k < params.length; k++) {
      double[] plus = params.clone();
      double[] minus = params.clone();
      plus[k] += h;
      minus[k] -= h;
      double numeric = (Mlp.batchObjective(plus, X, y, rows, 1, 4, I, H, lambda, a, scratch)
          - Mlp.batchObjective(minus, X, y, rows, 1, 4, I, H, lambda, a, scratch)) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - grad[k]));
      assertEquals(numeric, grad[k], 1e-7, "d params[" + k + "]");
    }
    assertTrue(worst < 1e-7, "worst " + worst);
  }

  @Test
  void learnsXorWhereLogisticRegressionCannot() {
    // XOR is not linearly separable: the best linear score ranks at chance. State the margin: MLP AUC >= 0.97
    // on fresh XOR points, logistic regression <= 0.65.
    BinaryData train = Fixtures.xor(400, 0.3, 1);
    BinaryData test = Fixtures.xor(400, 0.3, 2);
    Mlp mlp = new Mlp(new Mlp.Options(16, 1e-4, 0.01, 16, 150, 0, 10, 7)).fit(train);
    double mlpAuc = BinaryMetrics.rocAuc(test.y(), mlp.score(test.x()));
    double lrAuc = BinaryMetrics.rocAuc(test.y(), new LogisticRegression(1).fit(train).score(test.x()));
    assertTrue(mlpAuc >= 0.97, "MLP AUC " + mlpAuc);
    assertTrue(lrAuc <= 0.65, "LR AUC " + lrAuc);
  }

  @Test
  void fitIsDeterministicForASeed() {
    BinaryData data = Fixtures.linear(150, 6, 1, 13);
    double[] a = new Mlp(Mlp.Options.withWeightDecay(1e-3, 5)).fit(data).score(data.x());
    double[] b = new Mlp(Mlp.Options.withWeightDecay(1e-3, 5)).fit(data).score(data.x());
    double[] c = new Mlp(Mlp.Options.withWeightDecay(1e-3, 6)).fit(data).score(data.x());
    assertArrayEquals(a, b, 0.0);
    assertFalse(Arrays.equals(a, c), "another seed gives another model");
  }

  @Test
  void earlyStoppingEndsBeforeMaxEpochsOnceTheHeldOutLossStopsFalling() {
    // pure noise labels: the held-out loss cannot keep improving, so patience 5 ends the run well before 500
    Random random = new Random(4);
    double[][] x = new double[200][3];
    int[] y = new int[200];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 3; j++) x[i][j] = random.nextGaussian();
      y[i] = i % 2;
    }
    Mlp mlp = new Mlp(new Mlp.Options(8, 0, 0.01, 16, 500, 0.2, 5, 1)).fit(FeatureMatrix.of(x), y);
    assertTrue(mlp.epochs() < 100, "stopped after " + mlp.epochs() + " epochs");
    // without a held-out slice it runs all epochs
    Mlp fixed = new Mlp(new Mlp.Options(8, 0, 0.01, 16, 30, 0, 5, 1)).fit(FeatureMatrix.of(x), y);
    assertEquals(30, fixed.epochs());
  }

  @Test
  void weightDecayShrinksTheScoresTowardsTheBaseRate() {
    BinaryData data = Fixtures.linear(200, 4, 0.3, 17);
    double spreadWeak = spread(new Mlp(new Mlp.Options(8, 1e-4, 0.01, 32, 60, 0, 5, 2)).fit(data).score(data.x()));
    double spreadStrong = spread(new Mlp(new Mlp.Options(8, 1.0, 0.01, 32, 60, 0, 5, 2)).fit(data).score(data.x()));
    assertTrue(spreadStrong < 0.5 * spreadWeak, "score spread " + spreadStrong + " vs " + spreadWeak);
  }

  @Test
  void rejectsBadOptionsAndInput() {
    IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
        () -> new Mlp.Options(0, 0, 0.01, 16, 10, 0, 5, 1));
    assertEquals("Mlp: hiddenSize must be >= 1, got 0", hidden.getMessage());
    IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
        () -> new Mlp.Options(4, 0, 0.01, 16, 10, 0.7, 5, 1));
    assertEquals("Mlp: validationFraction must be in [0, 0.5], got 0.7", fraction.getMessage());
    Mlp mlp = new Mlp(Mlp.Options.withWeightDecay(0, 1));
    assertThrows(IllegalStateException.class, () -> mlp.score(FeatureMatrix.of(new double[][] {{1}})));
    IllegalArgumentException oneClass = assertThrows(IllegalArgumentException.class,
        () -> mlp.fit(FeatureMatrix.of(new double[][] {{1}, {2}}), new int[] {1, 1}));
    assertTrue(oneClass.getMessage().startsWith("Mlp.fit: the training labels hold only class 1"));
  }

  private static double spread(double[] scores) {
    double min = 1, max = 0;
    for (double s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    return max - min;
  }
}
