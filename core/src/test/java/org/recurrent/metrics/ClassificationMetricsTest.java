package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void accuracyIsFractionOfMatches() {
    // 3 of 4 match
    assertEquals(0.75, ClassificationMetrics.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}));
  }

  @Test
  void summaryHasStableKeysInOrderAndHandValues() {
    // Same 3-class example as ConfusionMatrixTest: accuracy 5/9, macro F1 (2/3 + 2/5 + 4/7) / 3,
    // micro F1 = accuracy, macro precision (2/3 + 1/3 + 2/3) / 3, macro recall (2/3 + 1/2 + 1/2) / 3
    Map<String, Double> summary = ClassificationMetrics.summary(
        new int[] {0, 0, 0, 1, 1, 2, 2, 2, 2}, new int[] {0, 1, 0, 1, 2, 2, 2, 0, 1}, 3);
    assertEquals(List.of("accuracy", "macro_f1", "micro_f1", "macro_precision", "macro_recall"),
        List.copyOf(summary.keySet()));
    assertEquals(5.0 / 9, summary.get("accuracy"), EPS);
    assertEquals(172.0 / 315, summary.get("macro_f1"), EPS);
    assertEquals(5.0 / 9, summary.get("micro_f1"), EPS);
    assertEquals(5.0 / 9, summary.get("macro_precision"), EPS);
    assertEquals(5.0 / 9, summary.get("macro_recall"), EPS);
  }

  @Test
  void argmaxBreaksTiesTowardTheLowerIndex() {
    assertEquals(1, ClassificationMetrics.argmax(new float[] {0.1f, 0.7f, 0.2f}));
    assertEquals(0, ClassificationMetrics.argmax(new float[] {0.4f, 0.4f, 0.2f}));
    assertEquals(2, ClassificationMetrics.argmax(new float[] {-3f, -2f, -1f})); // logits work the same
    assertArrayEquals(new int[] {1, 0}, ClassificationMetrics.argmax(new float[][] {{0, 1}, {5, 5}}));
  }

  @Test
  void argmaxRejectsEmptyAndNaN() {
    var empty = assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.argmax(new float[0]));
    assertEquals("argmax: scores is empty; need at least one class", empty.getMessage());
    var rowNaN = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.argmax(new float[][] {{0, 1}, {Float.NaN, 0}}));
    assertEquals("argmax: scores[1][0] is NaN; scores must be numbers", rowNaN.getMessage());
    var nan = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.argmax(new float[] {0, Float.NaN}));
    assertEquals("argmax: scores[1] is NaN; scores must be numbers", nan.getMessage());
  }

  @Test
  void accuracyRejectsLengthMismatchAndEmptyInput() {
    var mismatch = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.accuracy(new int[] {0}, new int[] {0, 1}));
    assertEquals("accuracy: truth and predicted must have the same length, got 1 and 2", mismatch.getMessage());
    var empty = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.accuracy(new int[0], new int[0]));
    assertEquals("accuracy: no examples; the inputs are empty", empty.getMessage());
  }
}
