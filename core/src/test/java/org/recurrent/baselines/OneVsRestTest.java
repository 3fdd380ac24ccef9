package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OneVsRestTest {

  @Test
  void eachClassScoreIsThatClassAgainstTheRest() {
    Blobs train = blobs(150, 1);
    OneVsRest ovr = new OneVsRest(() -> new LogisticRegression(1)).fit(train.x, train.y);
    assertEquals(3, ovr.numClasses());
    double[][] scores = ovr.scores(train.x);
    for (int k = 0; k < 3; k++) {
      int[] binary = new int[train.y.length];
      for (int i = 0; i < binary.length; i++) binary[i] = train.y[i] == k ? 1 : 0;
      double[] expected = new LogisticRegression(1).fit(train.x, binary).score(train.x);
      for (int i = 0; i < expected.length; i++) assertEquals(expected[i], scores[i][k], 0.0, "class " + k);
    }
  }

  @Test
  void predictsSeparatedBlobs() {
    OneVsRest ovr = new OneVsRest(() -> new LogisticRegression(1)).fit(blobs(150, 2).x, blobs(150, 2).y);
    Blobs test = blobs(90, 3);
    int[] predicted = ovr.predict(test.x);
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) correct += predicted[i] == test.y[i] ? 1 : 0;
    assertTrue(correct >= 85, "correct " + correct + " of 90");
  }

  @Test
  void predictTakesTheLowestClassOnTies() {
    // k-NN with k = n scores every class at its training share: 1/3 each here, so all tie -> class 0
    FeatureMatrix x = FeatureMatrix.of(new double[][] {{0}, {1}, {2}});
    OneVsRest ovr = new OneVsRest(() -> new KNearestNeighbours(3)).fit(x, new int[] {2, 1, 0});
    assertArrayEquals(new int[] {0, 0}, ovr.predict(FeatureMatrix.of(new double[][] {{5}, {-5}})));
  }

  @Test
  void rejectsMissingClassesAndBadLabels() {
    FeatureMatrix x = FeatureMatrix.of(new double[][] {{0}, {1}, {2}});
    OneVsRest ovr = new OneVsRest(() -> new LogisticRegression(1));
    assertEquals("OneVsRest.fit: class 1 never occurs in the training labels (classes are 0..2); renumber the"
        + " classes so that each occurs",
        assertThrows(IllegalArgumentException.class, () -> ovr.fit(x, new int[] {0, 2, 2})).getMessage());
    assertEquals("OneVsRest.fit: y[1] = -1, expected a class index >= 0",
        assertThrows(IllegalArgumentException.class, () -> ovr.fit(x, new int[] {0, -1, 1})).getMessage());
    assertEquals("OneVsRest.fit: the training labels hold only class 0; expected at least two classes",
        assertThrows(IllegalArgumentException.class, () -> ovr.fit(x, new int[] {0, 0, 0})).getMessage());
    assertThrows(IllegalStateException.class, () -> ovr.predict(x));
  }

  private record Blobs(FeatureMatrix x, int[] y) {}

  /** Three Gaussian blobs (sd 0.5) at (0, 3), (3, -2), (-3, -2); row i is in class i % 3. */
  private static Blobs blobs(int n, long seed) {
    double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
    Random random = new Random(seed);
    double[][] x = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      x[i][0] = centres[y[i]][0] + 0.5 * random.nextGaussian();
      x[i][1] = centres[y[i]][1] + 0.5 * random.nextGaussian();
    }
    return new Blobs(FeatureMatrix.of(x), y);
  }
}
