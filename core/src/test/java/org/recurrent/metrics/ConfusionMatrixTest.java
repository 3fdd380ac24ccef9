package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  private static final double EPS = 1e-12;

  // Pairs (true, predicted): (0,0) (0,1) (0,0) (1,1) (1,2) (2,2) (2,2) (2,0) (2,1)
  //            pred 0  1  2    support
  //   true 0      [ 2  1  0 ]  3
  //   true 1      [ 0  1  1 ]  2
  //   true 2      [ 1  1  2 ]  4
  //   predicted     3  3  3    N = 9, diagonal 5
  private static final int[] TRUTH = {0, 0, 0, 1, 1, 2, 2, 2, 2};
  private static final int[] PREDICTED = {0, 1, 0, 1, 2, 2, 2, 0, 1};

  @Test
  void countsRowsAreTruthColumnsArePrediction() {
    ConfusionMatrix m = ConfusionMatrix.of(TRUTH, PREDICTED, 3);
    long[][] expected = {{2, 1, 0}, {0, 1, 1}, {1, 1, 2}};
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) assertEquals(expected[r][c], m.count(r, c), "C[" + r + "][" + c + "]");
    }
    assertEquals(9, m.total());
    assertEquals(4, m.support(2));
    assertEquals(3, m.predictedCount(1));
    assertEquals(1, m.truePositives(1));
    assertEquals(2, m.falsePositives(1)); // column 1 minus diagonal: 3 - 1
    assertEquals(1, m.falseNegatives(1)); // row 1 minus diagonal: 2 - 1
  }

  @Test
  void perClassPrecisionRecallF1MatchHandArithmetic() {
    ConfusionMatrix m = ConfusionMatrix.of(TRUTH, PREDICTED, 3);
    assertEquals(5.0 / 9, m.accuracy(), EPS); // diagonal 5 of 9
    // precision = tp / column: 2/3, 1/3, 2/3
    assertEquals(2.0 / 3, m.precision(0), EPS);
    assertEquals(1.0 / 3, m.precision(1), EPS);
    assertEquals(2.0 / 3, m.precision(2), EPS);
    // recall = tp / row: 2/3, 1/2, 2/4
    assertEquals(2.0 / 3, m.recall(0), EPS);
    assertEquals(1.0 / 2, m.recall(1), EPS);
    assertEquals(1.0 / 2, m.recall(2), EPS);
    // F1 = 2tp / (2tp + fp + fn): 4/(4+1+1) = 2/3, 2/(2+2+1) = 2/5, 4/(4+1+2) = 4/7
    assertEquals(2.0 / 3, m.f1(0), EPS);
    assertEquals(2.0 / 5, m.f1(1), EPS);
    assertEquals(4.0 / 7, m.f1(2), EPS);
  }

  @Test
  void macroMicroAndWeightedAveragesDiffer() {
    ConfusionMatrix m = ConfusionMatrix.of(TRUTH, PREDICTED, 3);
    // macro: plain means over the 3 classes
    assertEquals((2.0 / 3 + 1.0 / 3 + 2.0 / 3) / 3, m.precision(Average.MACRO), EPS); // 5/9
    assertEquals((2.0 / 3 + 1.0 / 2 + 1.0 / 2) / 3, m.recall(Average.MACRO), EPS); // 5/9
    assertEquals((2.0 / 3 + 2.0 / 5 + 4.0 / 7) / 3, m.f1(Average.MACRO), EPS); // 172/315 = 0.54603...
    // micro: sum tp / sum (tp + fp) = 5/9 = accuracy, for all three
    assertEquals(5.0 / 9, m.precision(Average.MICRO), EPS);
    assertEquals(5.0 / 9, m.recall(Average.MICRO), EPS);
    assertEquals(5.0 / 9, m.f1(Average.MICRO), EPS);
    // weighted by support 3, 2, 4 over N = 9
    assertEquals((3 * 2.0 / 3 + 2 * 1.0 / 3 + 4 * 2.0 / 3) / 9, m.precision(Average.WEIGHTED), EPS); // 16/27
    assertEquals((3 * 2.0 / 3 + 2 * 1.0 / 2 + 4 * 1.0 / 2) / 9, m.recall(Average.WEIGHTED), EPS); // 5/9
    assertEquals((3 * 2.0 / 3 + 2 * 2.0 / 5 + 4 * 4.0 / 7) / 9, m.f1(Average.WEIGHTED), EPS); // 0.56508...
  }

  @Test
  void classAbsentFromTruthAndPredictionsScoresZeroAndStillCountsInMacro() {
    // truth [0,1,1], predicted [0,1,0], K = 3: class 2 never appears -> P = R = F1 = 0 (zero_division = 0)
    // class 0: tp 1 fp 1 fn 0 -> F1 = 2/3; class 1: tp 1 fp 0 fn 1 -> F1 = 2/3; macro F1 = (2/3 + 2/3 + 0) / 3
    ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1, 0}, 3);
    assertEquals(0, m.precision(2));
    assertEquals(0, m.recall(2));
    assertEquals(0, m.f1(2));
    assertEquals(4.0 / 9, m.f1(Average.MACRO), EPS);
    assertEquals(2.0 / 3, m.f1(Average.MICRO), EPS); // accuracy 2/3
  }

  @Test
  void toStringIsATableWithClassNames() {
    ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 0, 0, 1, 1}, new int[] {0, 0, 0, 1, 1, 1},
        List.of("cat", "dog"));
    assertEquals("""
        true\\pred  cat  dog
              cat    3    1
              dog    0    2""", m.toString());
  }

  @Test
  void rejectsLengthMismatch() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2));
    assertEquals("ConfusionMatrix: truth and predicted must have the same length, got 2 and 1", e.getMessage());
  }

  @Test
  void rejectsEmptyInput() {
    var e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[0], new int[0], 2));
    assertEquals("ConfusionMatrix: no examples; the inputs are empty", e.getMessage());
  }

  @Test
  void rejectsLabelOutsideClassRange() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 3}, 3));
    assertEquals("ConfusionMatrix: predicted[1] = 3 is outside [0, 3); labels must be class indices",
        e.getMessage());
  }

  @Test
  void oneClassIsEnough() {
    ConfusionMatrix byCount = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 0}, 1);
    assertEquals(1, byCount.numClasses());
    assertEquals(List.of("0"), byCount.classNames());
    assertEquals(1.0, byCount.accuracy(), EPS);
    ConfusionMatrix byName = ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of("only"));
    assertEquals(List.of("only"), byName.classNames());
    assertEquals(1, byName.count(0, 0));
  }

  @Test
  void classNamesDefaultToIndicesOrAreTheGivenOnes() {
    assertEquals(List.of("0", "1", "2"), ConfusionMatrix.of(TRUTH, PREDICTED, 3).classNames());
    ConfusionMatrix named = ConfusionMatrix.of(new int[] {1}, new int[] {0}, List.of("cat", "dog"));
    assertEquals(2, named.numClasses());
    assertEquals(List.of("cat", "dog"), named.classNames());
  }

  @Test
  void rejectsTrueLabelOutsideClassRange() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new int[] {0, -1}, new int[] {0, 1}, 3));
    assertEquals("ConfusionMatrix: truth[1] = -1 is outside [0, 3); labels must be class indices",
        e.getMessage());
  }

  @Test
  void rejectsNoClassNames() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of()));
    assertEquals("ConfusionMatrix: needs at least one class name", e.getMessage());
  }

  @Test
  void rejectsZeroClasses() {
    var e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 0));
    assertEquals("ConfusionMatrix: numClasses must be >= 1, got 0", e.getMessage());
  }
}
