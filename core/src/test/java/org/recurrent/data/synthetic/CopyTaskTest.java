package org.recurrent.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

class CopyTaskTest {

  @Test
  void aHandCheckedRecordShowsTheSymbolsTheGapTheDelimiterAndTheRecall() {
    // seed 1, T = 3, K = 2, A = 3: channels (symbol 1, 2, 3, blank, delimiter); symbols drawn 2, 2
    SequenceExample e = new CopyTask(3, 2, 3).generate(1, 1).examples().get(0);
    assertEquals(7, e.length());                                               // T + 2K
    assertArrayEquals(new float[] {
        0, 1, 0, 0, 0,      // t=0 symbol 2
        0, 1, 0, 0, 0,      // t=1 symbol 2
        0, 0, 0, 1, 0,      // t=2 blank
        0, 0, 0, 1, 0,      // t=3 blank
        0, 0, 0, 0, 1,      // t=4 = K + T - 1, delimiter
        0, 0, 0, 1, 0,      // t=5 blank
        0, 0, 0, 1, 0}, e.x());
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 2, 2}, e.y());               // recall at t = 5, 6 = s + T + K
  }

  @Test
  void eachSymbolIsRecalledTPlusKStepsLater() {
    CopyTask task = new CopyTask(20, 5, 6);
    int F = task.features();
    for (SequenceExample e : task.generate(200, 9).examples()) {
      for (int t = 0; t < e.length(); t++) {
        float sum = 0;
        for (int f = 0; f < F; f++) sum += e.x(t, f);
        assertEquals(1f, sum, e.id() + " t=" + t);                             // one-hot
        if (t < 5) {
          int symbol = 1 + argmax(e, t, F);
          assertEquals(symbol, e.y()[t + 25], e.id());
          assertEquals(0f, e.y()[t]);
        } else if (t < 25) {
          assertEquals(0f, e.y()[t]);
          assertEquals(t == 24 ? 7 : 6, argmax(e, t, F), e.id() + " t=" + t);  // delimiter at K + T - 1, else blank
        }
      }
    }
  }

  private static int argmax(SequenceExample e, int t, int F) {
    for (int f = 0; f < F; f++) if (e.x(t, f) == 1f) return f;
    return -1;
  }

  @Test
  void theChanceLevelIsThatOfAPredictorThatKnowsOnlyTheLayout() {
    CopyTask task = new CopyTask(3, 2, 3);
    ChanceLevel chance = task.chance();
    assertEquals("accuracy", chance.metric());
    assertEquals(17.0 / 21, chance.value(), 1e-15);                            // (T + K + K/A) / (T + 2K)
    assertEquals(2 * Math.log(3) / 7, chance.crossEntropy(), 1e-15);           // K ln A / (T + 2K)
    assertEquals(1.0 / 3, task.recallChanceAccuracy(), 0);
    assertEquals(Math.log(3), task.recallChanceCrossEntropy(), 0);
    // scored on records: blank with certainty on the first T + K steps, 1/A for each symbol on the last K
    CopyTask big = new CopyTask(30, 10, 8);
    List<SequenceExample> records = big.generate(400, 2).examples();
    double crossEntropy = 0, correct = 0, steps = 0;
    for (SequenceExample e : records) {
      for (int t = 0; t < e.length(); t++) {
        boolean recall = t >= 40;
        double p = recall ? (e.y()[t] == 0 ? 0 : 1.0 / 8) : (e.y()[t] == 0 ? 1 : 0);
        crossEntropy -= Math.log(p);
        correct += recall ? 1.0 / 8 : 1;                                        // expected accuracy of a uniform guess
        steps++;
      }
    }
    assertEquals(big.chance().crossEntropy(), crossEntropy / steps, 1e-12);
    assertEquals(big.chance().value(), correct / steps, 1e-12);
  }

  @Test
  void theSameSeedGivesTheSameRecords() {
    List<SequenceExample> a = new CopyTask(10, 4, 8).generate(10, 3).examples();
    List<SequenceExample> b = new CopyTask(10, 4, 8).generate(10, 3).examples();
    for (int i = 0; i < 10; i++) assertArrayEquals(a.get(i).x(), b.get(i).x());
    assertFalse(Arrays.equals(a.get(0).y(), new CopyTask(10, 4, 8).generate(10, 5).examples().get(0).y()));
  }

  @Test
  void describesItsRecords() {
    CopyTask task = new CopyTask(3, 2, 3);
    assertEquals(TargetKind.PER_STEP_CLASS, task.targetKind());
    assertEquals(List.of("blank", "1", "2", "3"), task.classes());
    assertEquals(List.of("symbol_1", "symbol_2", "symbol_3", "blank", "delimiter"), task.featureNames());
    assertEquals("copy: alphabet (A) must be in 2..1000, got 1",
        assertThrows(IllegalArgumentException.class, () -> new CopyTask(3, 2, 1)).getMessage());
  }
}
