package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.recurrent.baselines.KNearestNeighbours.Metric;
import org.recurrent.baselines.KNearestNeighbours.Options;
import org.recurrent.baselines.KNearestNeighbours.Weighting;

class KNearestNeighboursTest {
  // one feature; training rows 0..5 at x = 0, 1, 2, 4, 4, 10 with labels 0, 0, 1, 1, 0, 1
  private static final FeatureMatrix X = FeatureMatrix.of(new double[][] {{0}, {1}, {2}, {4}, {4}, {10}});
  private static final int[] Y = {0, 0, 1, 1, 0, 1};

  @Test
  void scoreIsTheFractionOfPositivesAmongTheKNearest() {
    KNearestNeighbours knn = new KNearestNeighbours(3).fit(X, Y);
    // q = 1.2: distances 1.2, 0.2, 0.8, 2.8, 2.8, 8.8 -> rows 1, 2, 0 -> labels 0, 1, 0 -> 1/3
    // q = 9: distances 9, 8, 7, 5, 5, 1 -> rows 5, 3, 4 -> labels 1, 1, 0 -> 2/3
    // q = 2.9: distances 2.9, 1.9, 0.9, 1.1, 1.1, 7.1 -> rows 2, 3, 4 -> labels 1, 1, 0 -> 2/3
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 2.0 / 3},
        knn.score(FeatureMatrix.of(new double[][] {{1.2}, {9}, {2.9}})), 1e-15);
    assertArrayEquals(new int[] {1, 2, 0}, knn.neighbours(new double[] {1.2}));
  }

  @Test
  void tiesAtTheKthDistanceGoToTheEarlierTrainingRow() {
    // q = 3, k = 2: row 2 at distance 1, then rows 3 and 4 tie at distance 1 too -> (distance, index) order
    // takes rows 2 and 3 (labels 1, 1) -> 1.0; had row 4 (label 0) been taken the score would be 0.5.
    KNearestNeighbours knn = new KNearestNeighbours(2).fit(X, Y);
    assertArrayEquals(new int[] {2, 3}, knn.neighbours(new double[] {3}));
    assertArrayEquals(new double[] {1.0}, knn.score(FeatureMatrix.of(new double[][] {{3}})), 0.0);
    // the same rows in the other order: row 4 (label 0) now comes first among the tied rows
    KNearestNeighbours swapped = new KNearestNeighbours(2).fit(X.select(new int[] {0, 1, 2, 4, 3, 5}),
        new int[] {0, 0, 1, 0, 1, 1});
    assertArrayEquals(new double[] {0.5}, swapped.score(FeatureMatrix.of(new double[][] {{3}})), 0.0);
  }

  @Test
  void distanceWeightingUsesInverseDistancesAndExactMatchesAlone() {
    KNearestNeighbours knn = new KNearestNeighbours(new Options(3, Metric.EUCLIDEAN, Weighting.DISTANCE)).fit(X, Y);
    // q = 1.2: rows 1 (d 0.2, y 0), 2 (d 0.8, y 1), 0 (d 1.2, y 0): (1/0.8) / (1/0.2 + 1/0.8 + 1/1.2)
    double expected = (1 / 0.8) / (1 / 0.2 + 1 / 0.8 + 1 / 1.2);
    assertEquals(expected, knn.score(FeatureMatrix.of(new double[][] {{1.2}}))[0], 1e-12);
    // q = 4 sits on rows 3 (y 1) and 4 (y 0): only those count, equally -> 0.5, whatever row 2 says
    assertEquals(0.5, knn.score(FeatureMatrix.of(new double[][] {{4}}))[0], 0.0);
  }

  @Test
  void cosineDistanceIgnoresLength() {
    FeatureMatrix x = FeatureMatrix.of(new double[][] {{1, 0}, {10, 1}, {0, 1}, {0, 0}});
    int[] y = {1, 1, 0, 0};
    KNearestNeighbours knn = new KNearestNeighbours(new Options(1, Metric.COSINE, Weighting.UNIFORM)).fit(x, y);
    // (100, 2) is far from (1, 0) in Euclidean distance but nearly the same direction
    assertArrayEquals(new int[] {1}, knn.neighbours(new double[] {100, 12}));
    assertArrayEquals(new double[] {1, 0}, knn.score(FeatureMatrix.of(new double[][] {{100, 2}, {0, 3}})), 0.0);
    // the zero vector is at distance 1 from everything: all tie, row 0 is taken
    assertArrayEquals(new int[] {0}, knn.neighbours(new double[] {0, 0}));
  }

  @Test
  void kEqualToNScoresTheTrainingPositiveRateEverywhere() {
    KNearestNeighbours knn = new KNearestNeighbours(6).fit(X, Y);
    assertArrayEquals(new double[] {0.5, 0.5}, knn.score(FeatureMatrix.of(new double[][] {{-3}, {30}})), 0.0);
  }

  @Test
  void matchesASortingReferenceOnRandomData() {
    BinaryData train = Fixtures.linear(97, 3, 1, 21);
    FeatureMatrix queries = Fixtures.linear(13, 3, 1, 22).x();
    for (int k : new int[] {1, 4, 17, 97}) {
      double[] scores = new KNearestNeighbours(k).fit(train).score(queries);
      for (int q = 0; q < queries.rows(); q++) {
        int[] nearest = new KNearestNeighbours(k).fit(train).neighbours(queries.row(q));
        double positives = 0;
        for (int i : nearest) positives += train.y()[i];
        assertEquals(positives / k, scores[q], 1e-15, "k = " + k + ", query " + q);
      }
    }
  }

  @Test
  void rejectsKAboveTheTrainingRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KNearestNeighbours(7).fit(X, Y));
    assertEquals("KNearestNeighbours.fit: k = 7 exceeds the 6 training rows; expected k <= 6", e.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new KNearestNeighbours(0));
    assertEquals("KNearestNeighbours: k must be >= 1, got 0", zero.getMessage());
    KNearestNeighbours knn = new KNearestNeighbours(1).fit(X, Y);
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> knn.score(FeatureMatrix.of(new double[][] {{1, 2}})));
    assertEquals("KNearestNeighbours.score: expected 1 feature columns as in training, got 2; apply the same"
        + " features and FeatureTransform as at fit time", cols.getMessage());
  }
}
