package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  /** n examples, one in three positive, positives score higher on average: ROC-AUC around 0.76. */
  private static Object[] noisyScores(int n, long seed) {
    Random random = new Random(seed);
    int[] truth = new int[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = random.nextInt(3) == 0 ? 1 : 0;
      scores[i] = random.nextGaussian() + truth[i];
    }
    return new Object[] {truth, scores};
  }

  private static ConfidenceInterval rocAucInterval(int n, long seed) {
    Object[] data = noisyScores(n, 1);
    return Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, (int[]) data[0], (double[]) data[1], seed);
  }

  @Test
  void sameSeedSameIntervalOtherSeedOtherInterval() {
    ConfidenceInterval a = rocAucInterval(200, 42);
    assertEquals(a, rocAucInterval(200, 42));
    ConfidenceInterval b = rocAucInterval(200, 43);
    assertEquals(a.estimate(), b.estimate()); // the estimate is on the full data, no randomness
    assertNotEquals(a, b);
  }

  @Test
  void intervalContainsTheEstimateAndUsesTheDefaults() {
    ConfidenceInterval ci = rocAucInterval(200, 42);
    assertTrue(ci.lower() < ci.estimate() && ci.estimate() < ci.upper(), ci.toString());
    assertEquals(0.95, ci.level());
    assertEquals(1000, ci.replicatesUsed() + ci.replicatesSkipped());
    assertEquals(0, ci.replicatesSkipped()); // ~67 positives in 200: a one-class resample is practically impossible
  }

  @Test
  void intervalNarrowsWithMoreData() {
    // width shrinks like 1/sqrt(n): 20x the data should give roughly 1/4.5 the width; demand at least half
    ConfidenceInterval small = rocAucInterval(100, 5);
    ConfidenceInterval large = rocAucInterval(2000, 5);
    assertTrue(large.width() < small.width() / 2, small + " vs " + large);
  }

  @Test
  void oneClassResamplesAreSkippedAndCounted() {
    // truth [0, 1]: a resample of 2 draws holds both classes only when it draws {0, 1} (probability 1/2), and
    // then AUC = 1 (0.8 > 0.2); so about half the replicates are skipped and the interval is [1, 1]
    ConfidenceInterval ci = Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, new int[] {0, 1},
        new double[] {0.2, 0.8}, 1000, 0.9, 3);
    assertEquals(1000, ci.replicatesUsed() + ci.replicatesSkipped());
    assertTrue(ci.replicatesSkipped() > 400 && ci.replicatesSkipped() < 600, ci.toString());
    assertEquals(1.0, ci.estimate());
    assertEquals(1.0, ci.lower());
    assertEquals(1.0, ci.upper());
  }

  @Test
  void percentilesInterpolateBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertEquals(1.1, Bootstrap.quantile(sorted, 0.025), 1e-12); // h = 0.025 * 4 = 0.1 -> 1 + 0.1 (2 - 1)
    assertEquals(4.9, Bootstrap.quantile(sorted, 0.975), 1e-12); // h = 3.9 -> 4 + 0.9 (5 - 4)
    assertEquals(3.0, Bootstrap.quantile(sorted, 0.5), 1e-12);
  }

  @Test
  void boundsAreThePercentilesOfTheReplicateValues() {
    // A stand-in metric that returns 0 on the full data and then 1, 2, ..., 101 on the replicates, so the kept
    // values are exactly 1..101 (with 50 of each class a one-class resample has probability 2^-99: none skipped).
    // lower: q = 0.025, h = 0.025 * 100 = 2.5 -> between v[2] = 3 and v[3] = 4: 3.5
    // upper: q = 0.975, h = 97.5 -> 98.5
    int[] truth = new int[100];
    for (int i = 0; i < 100; i += 2) truth[i] = 1;
    double[] calls = {-1};
    ConfidenceInterval ci = Bootstrap.confidenceInterval((t, s) -> ++calls[0], truth, new double[100], 101, 0.95, 3);
    assertEquals(0.0, ci.estimate());
    assertEquals(101, ci.replicatesUsed());
    assertEquals(3.5, ci.lower(), 1e-12);
    assertEquals(98.5, ci.upper(), 1e-12);
    // level 0.5: q = 0.25 and 0.75 -> h = 25 and 75 -> 26 and 76
    calls[0] = -1;
    ConfidenceInterval half = Bootstrap.confidenceInterval((t, s) -> ++calls[0], truth, new double[100], 101, 0.5, 3);
    assertEquals(26.0, half.lower(), 1e-12);
    assertEquals(76.0, half.upper(), 1e-12);
  }

  @Test
  void rejectsLevelZeroAndEmptyInput() {
    int[] truth = {0, 1};
    double[] scores = {0.2, 0.8};
    var level = assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores, 10, 0.0, 1));
    assertEquals("Bootstrap: level must be in (0, 1), got 0.0", level.getMessage());
    var empty = assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, new int[0], new double[0], 1));
    assertEquals("Bootstrap: no examples; the inputs are empty", empty.getMessage());
  }

  @Test
  void rejectsBadReplicatesLevelAndInputs() {
    int[] truth = {0, 1};
    double[] scores = {0.2, 0.8};
    var replicates = assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores, 0, 0.95, 1));
    assertEquals("Bootstrap: replicates must be in 1..100000, got 0", replicates.getMessage());
    // issue 15: 10^9 replicates ran for hours (and allocated 8 GB) instead of refusing
    var many = assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores, 1_000_000_000, 0.95, 1));
    assertEquals("Bootstrap: replicates must be in 1..100000, got 1000000000", many.getMessage());
    var level = assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores, 10, 1.0, 1));
    assertEquals("Bootstrap: level must be in (0, 1), got 1.0", level.getMessage());
    var mismatch = assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, new double[] {0.1}, 1));
    assertEquals("Bootstrap: truth and scores must have the same length, got 2 and 1", mismatch.getMessage());
    var oneClass = assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, new int[] {1, 1}, scores, 1));
    assertEquals("ROC-AUC is undefined when truth has only one class (2 positives, 0 negatives); "
        + "it needs at least one of each", oneClass.getMessage());
  }

  @Test
  void failsWhenEveryResampleHoldsOneClass() {
    // 1 positive in 400: a resample misses it with probability (399/400)^400 ~ 0.37, so with 1 replicate some seed
    // in 0..49 skips it; the test finds one rather than hard-coding Random's stream
    int[] truth = new int[400];
    truth[0] = 1;
    double[] scores = new double[400];
    int failures = 0;
    for (long seed = 0; seed < 50; seed++) {
      try {
        Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores, 1, 0.95, seed);
      } catch (IllegalArgumentException e) {
        assertEquals("Bootstrap: all 1 resamples held one class only; the data need more examples of the "
            + "minority class", e.getMessage());
        failures++;
      }
    }
    assertTrue(failures > 0);
  }
}
