package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatcherTest {

  /** Record i has length lengths[i], 2 features (i*100 + t, -t) and target {i}. */
  private static List<SequenceExample> records(int... lengths) {
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      float[] x = new float[lengths[i] * 2];
      for (int t = 0; t < lengths[i]; t++) {
        x[2 * t] = i * 100 + t;
        x[2 * t + 1] = -t;
      }
      out.add(new SequenceExample("r" + i, lengths[i], 2, x, new float[] {i}, "test:" + (i + 1)));
    }
    return out;
  }

  @Test
  void padsTimeMajorWithZerosAndKeepsLengthsAndTargets() {
    Batcher batcher = new Batcher(records(3, 1, 2), 3, false, false, 1, false, false, 0);
    Batch b = batcher.batch(0, 0);
    assertEquals(3, b.steps());
    assertArrayEquals(new int[] {3, 1, 2}, b.lengths());
    assertArrayEquals(new int[] {3, 3, 2}, b.features().shape());
    // t = 0: r0 (0, 0), r1 (100, 0), r2 (200, 0); t = 1: r0 (1, -1), pad, r2 (201, -1); t = 2: r0 (2, -2), pad, pad
    assertArrayEquals(new float[] {0, 0, 100, 0, 200, 0, 1, -1, 0, 0, 201, -1, 2, -2, 0, 0, 0, 0}, b.features().data());
    assertArrayEquals(new float[] {0, 1, 2}, b.targets());
    assertArrayEquals(new float[] {1, 1, 1, 1, 0, 1, 1, 0, 0}, b.stepMask());
  }

  @Test
  void everyRecordAppearsOnceAndTheOrderDependsOnlyOnSeedAndEpoch() {
    int[] lengths = new int[103];
    Random r = new Random(1);
    for (int i = 0; i < lengths.length; i++) lengths[i] = 1 + r.nextInt(20);
    Batcher a = new Batcher(records(lengths), 8, false, false, 1, true, true, 42);
    Batcher b = new Batcher(records(lengths), 8, false, false, 1, true, true, 42);
    assertEquals(13, a.batchesPerEpoch());
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen = new int[lengths.length];
      for (int i = 0; i < a.batchesPerEpoch(); i++) {
        assertArrayEquals(a.batch(epoch, i).indices(), b.batch(epoch, i).indices());
        for (int idx : a.batch(epoch, i).indices()) seen[idx]++;
      }
      int[] once = new int[lengths.length];
      Arrays.fill(once, 1);
      assertArrayEquals(once, seen);
    }
    assertFalse(Arrays.equals(a.batch(0, 0).indices(), a.batch(1, 0).indices()), "epochs must differ");
  }

  @Test
  void bucketingByLengthCutsPadding() {
    int[] lengths = new int[400];
    Random r = new Random(2);
    for (int i = 0; i < lengths.length; i++) lengths[i] = 1 + r.nextInt(100);
    long plain = padding(new Batcher(records(lengths), 16, false, false, 1, true, false, 7));
    long bucketed = padding(new Batcher(records(lengths), 16, false, false, 1, true, true, 7));
    assertTrue(bucketed * 4 < plain, "bucketed padding " + bucketed + " vs plain " + plain);
  }

  private static long padding(Batcher batcher) {
    long pad = 0;
    for (int i = 0; i < batcher.batchesPerEpoch(); i++) {
      Batch b = batcher.batch(0, i);
      pad += (long) b.steps() * b.size() - b.realSteps();
    }
    return pad;
  }

  @Test
  void perStepTargetsAreLaidOutLikeTheOutputs() {
    List<SequenceExample> recs = List.of(
        SequenceExample.tokens("a", new int[] {5, 6}, new float[] {1, 2}, "t:1"),
        SequenceExample.tokens("b", new int[] {7}, new float[] {3}, "t:2"));
    Batch b = new Batcher(recs, 2, true, true, 1, false, false, 0).batch(0, 0);
    assertArrayEquals(new int[] {5, 7, 6, 0}, b.tokens());
    assertArrayEquals(new float[] {1, 3, 2, 0}, b.targets());
  }

  @Test
  void rejectsMismatchedRecordsNamingTheSource() {
    List<SequenceExample> recs = List.of(
        new SequenceExample("a", 1, 2, new float[] {1, 2}, new float[] {0}, "f.csv:2"),
        new SequenceExample("b", 1, 3, new float[] {1, 2, 3}, new float[] {0}, "f.csv:3"));
    var e = assertThrows(IllegalArgumentException.class, () -> new Batcher(recs, 2, false, false, 1, false, false, 0));
    assertEquals("f.csv:3: record 'b' has 3 features per step, the first record has 2", e.getMessage());
  }

  @Test
  void tokenStreamsFollowTheWordLanguageModelLayout() {
    int[] ids = new int[11];
    for (int i = 0; i < ids.length; i++) ids[i] = i;
    // S = (11 - 1) / 2 = 5: stream 0 = 0..5, stream 1 = 5..10; k = 3 -> batches of 3 and 2 steps
    TokenStreamBatches s = new TokenStreamBatches(ids, 2, 3);
    assertEquals(2, s.batchesPerEpoch());
    Batch first = s.batch(0, 0);
    assertArrayEquals(new int[] {0, 5, 1, 6, 2, 7}, first.tokens());
    assertArrayEquals(new float[] {1, 6, 2, 7, 3, 8}, first.targets());
    assertFalse(first.continues());
    Batch second = s.batch(0, 1);
    assertArrayEquals(new int[] {3, 8, 4, 9}, second.tokens());
    assertArrayEquals(new float[] {4, 9, 5, 10}, second.targets());
    assertTrue(second.continues());
  }
}
