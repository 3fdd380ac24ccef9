package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SetMetricsTest {
  private static boolean[] set(int K, int... members) {
    boolean[] s = new boolean[K];
    for (int m : members) s[m] = true;
    return s;
  }

  @Test
  void meansOfPerVisitScoresMatchHandComputedValues() {
    // visit 1: Y = {0, 1, 2}, P = {1, 2, 3}: I = 2, |P ∪ Y| = 4 -> J 0.5, p 2/3, r 2/3, f1 2/3
    // visit 2: Y = {4},       P = {}:        J 0, p 0 (empty prediction), r 0, f1 0
    // visit 3: Y = {0},       P = {0, 4}:    J 0.5, p 0.5, r 1, f1 2 * 0.5 / 1.5 = 2/3
    // visit 4: Y = {},        P = {1}:       left out (recall undefined)
    boolean[][] truth = {set(5, 0, 1, 2), set(5, 4), set(5, 0), set(5)};
    boolean[][] predicted = {set(5, 1, 2, 3), set(5), set(5, 0, 4), set(5, 1)};
    SetMetrics.Scores s = SetMetrics.of(truth, predicted);
    assertEquals(3, s.rows());
    assertEquals((0.5 + 0 + 0.5) / 3, s.jaccard(), 1e-12);
    assertEquals((2.0 / 3 + 0 + 0.5) / 3, s.precision(), 1e-12);
    assertEquals((2.0 / 3 + 0 + 1) / 3, s.recall(), 1e-12);
    assertEquals((2.0 / 3 + 0 + 2.0 / 3) / 3, s.f1(), 1e-12);
    assertEquals((3 + 0 + 2) / 3.0, s.meanPredicted(), 1e-12);
  }

  @Test
  void aPerfectPredictionScoresOneAndTheMapNamesEveryScore() {
    boolean[][] truth = {set(3, 0, 2), set(3, 1)};
    SetMetrics.Scores s = SetMetrics.of(truth, truth);
    assertEquals(1.0, s.jaccard());
    assertEquals(1.0, s.f1());
    assertEquals(java.util.List.of("x_jaccard", "x_precision", "x_recall", "x_f1", "x_mean_predicted"),
        java.util.List.copyOf(s.asMap("x_").keySet()));
  }

  @Test
  void thresholdAndTopKMakeTheExpectedSets() {
    float[][] scores = {{0.9f, 0.2f, 0.5f, 0.49f}};
    assertArrayEquals(set(4, 0, 2), SetMetrics.atThreshold(scores, 0.5)[0]);
    assertArrayEquals(set(4, 0, 2), SetMetrics.topK(scores, 2)[0]);
    assertArrayEquals(set(4, 0, 1, 2, 3), SetMetrics.topK(scores, 9)[0]);
    // ties go to the lower index
    assertArrayEquals(set(3, 0), SetMetrics.topK(new float[][] {{0.5f, 0.5f, 0.1f}}, 1)[0]);
  }

  @Test
  void noScorableRowGivesNaNAndMismatchedShapesAreRefused() {
    assertTrue(Double.isNaN(SetMetrics.of(new boolean[][] {set(2)}, new boolean[][] {set(2, 1)}).jaccard()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SetMetrics.of(new boolean[][] {set(2)}, new boolean[][] {set(3)}));
    assertEquals("row 0: truth has 2 labels, predictions 3", e.getMessage());
  }
}
