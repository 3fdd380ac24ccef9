package org.recurrent.data;

import org.recurrent.data.BatchPlan;
import org.recurrent.data.TargetLayout;
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
    Batcher batcher = new Batcher(records(3, 1, 2), BatchPlan.of(3), TargetLayout.perRecord(1));
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
    Batcher a = new Batcher(records(lengths), BatchPlan.of(8).shuffled(42).bucketed(), TargetLayout.perRecord(1));
    Batcher b = new Batcher(records(lengths), BatchPlan.of(8).shuffled(42).bucketed(), TargetLayout.perRecord(1));
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
    long plain = padding(new Batcher(records(lengths), BatchPlan.of(16).shuffled(7), TargetLayout.perRecord(1)));
    long bucketed = padding(new Batcher(records(lengths), BatchPlan.of(16).shuffled(7).bucketed(), TargetLayout.perRecord(1)));
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
    Batch b = new Batcher(recs, BatchPlan.of(2), TargetLayout.perStep(1)).batch(0, 0);
    assertArrayEquals(new int[] {5, 7, 6, 0}, b.tokens());
    assertArrayEquals(new float[] {1, 3, 2, 0}, b.targets());
  }

  @Test
  void rejectsMismatchedRecordsNamingTheSource() {
    List<SequenceExample> recs = List.of(
        new SequenceExample("a", 1, 2, new float[] {1, 2}, new float[] {0}, "f.csv:2"),
        new SequenceExample("b", 1, 3, new float[] {1, 2, 3}, new float[] {0}, "f.csv:3"));
    var e = assertThrows(IllegalArgumentException.class, () -> new Batcher(recs, BatchPlan.of(2), TargetLayout.perRecord(1)));
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

  @Test
  void batchSizeOneAndTheLastBatchIndex() {
    Batcher batcher = new Batcher(records(2, 1, 3), BatchPlan.of(1), TargetLayout.perRecord(1));
    assertEquals(3, batcher.batchesPerEpoch());
    assertEquals(3, batcher.recordsPerEpoch());
    assertArrayEquals(new int[] {2}, batcher.batch(0, 2).indices());
    var e = assertThrows(IndexOutOfBoundsException.class, () -> batcher.batch(0, 3));
    assertEquals("batch 3 of an epoch with 3 batches", e.getMessage());
    var below = assertThrows(IndexOutOfBoundsException.class, () -> batcher.batch(0, -1));
    assertEquals("batch -1 of an epoch with 3 batches", below.getMessage());
  }

  @Test
  void throughputIsCountedInRecords() {
    Batcher batcher = new Batcher(records(2, 1, 3), BatchPlan.of(2), TargetLayout.perRecord(1));
    assertEquals("rec", batcher.unit());
    assertEquals(2, batcher.units(batcher.batch(0, 0)));
    assertEquals(1, batcher.units(batcher.batch(0, 1)));
  }

  @Test
  void shuffleReordersRecordsAndTheSeedMatters() {
    int[] lengths = new int[40];
    Arrays.fill(lengths, 1);
    List<Integer> identity = new ArrayList<>();
    for (int i = 0; i < 40; i++) identity.add(i);
    List<Integer> seed1 = order(new Batcher(records(lengths), BatchPlan.of(40).shuffled(1), TargetLayout.perRecord(1)));
    List<Integer> seed2 = order(new Batcher(records(lengths), BatchPlan.of(40).shuffled(2), TargetLayout.perRecord(1)));
    assertFalse(seed1.equals(identity), "shuffled order must not be the input order");
    assertFalse(seed1.equals(seed2), "seeds 1 and 2 must give different orders");
    assertEquals(identity, order(new Batcher(records(lengths), BatchPlan.of(40), TargetLayout.perRecord(1))));
  }

  private static List<Integer> order(Batcher batcher) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < batcher.batchesPerEpoch(); i++) for (int idx : batcher.batch(0, i).indices()) out.add(idx);
    return out;
  }

  @Test
  void withoutShuffleBucketingSortsTheWholeDataSetByLength() {
    // 150 records of lengths 150..1 and batches of 2: more than the 50-batch pool that shuffled bucketing sorts in,
    // so only a sort over every record puts the two shortest (indices 149 and 148) in the first batch
    int[] lengths = new int[150];
    for (int i = 0; i < lengths.length; i++) lengths[i] = lengths.length - i;
    Batcher batcher = new Batcher(records(lengths), BatchPlan.of(2).bucketed(), TargetLayout.perRecord(1));
    assertArrayEquals(new int[] {149, 148}, batcher.batch(0, 0).indices());
    assertArrayEquals(new int[] {1, 0}, batcher.batch(0, 74).indices());
  }

  @Test
  void perStepTargetsWithSeveralValuesPerStep() {
    // K = 2 values per step: record a (2 steps) y = [a0 a0' a1 a1'], record b (1 step) y = [b0 b0']
    List<SequenceExample> recs = List.of(
        new SequenceExample("a", 2, 1, new float[] {5, 6}, new float[] {1, 2, 3, 4}, "t:1"),
        new SequenceExample("b", 1, 1, new float[] {7}, new float[] {8, 9}, "t:2"));
    Batch b = new Batcher(recs, BatchPlan.of(2), TargetLayout.perStep(2)).batch(0, 0);
    // (T=2, B=2, K=2): t0 a (1, 2), t0 b (8, 9), t1 a (3, 4), t1 b padding
    assertArrayEquals(new float[] {1, 2, 8, 9, 3, 4, 0, 0}, b.targets());
  }

  @Test
  void rejectsRecordsWithTheWrongNumberOfTargets() {
    List<SequenceExample> perStep = List.of(
        new SequenceExample("a", 3, 1, new float[] {1, 2, 3}, new float[] {1, 2, 3, 4, 5}, "f.jsonl:4"));
    var e = assertThrows(IllegalArgumentException.class, () -> new Batcher(perStep, BatchPlan.of(1), TargetLayout.perStep(2)));
    assertEquals("f.jsonl:4: record 'a' has 5 target values, expected 6 (3 steps x 2)", e.getMessage());
    List<SequenceExample> perRecord = List.of(
        new SequenceExample("b", 1, 1, new float[] {1}, new float[] {1, 2}, "f.csv:2"));
    var r = assertThrows(IllegalArgumentException.class, () -> new Batcher(perRecord, BatchPlan.of(1), TargetLayout.perRecord(3)));
    assertEquals("f.csv:2: record 'b' has 2 target values, expected 3", r.getMessage());
    // unlabelled batches (target width 0) ignore whatever targets the records carry
    assertEquals(0, new Batcher(perRecord, BatchPlan.of(1), TargetLayout.perRecord(0)).batch(0, 0).targets().length);
  }

  @Test
  void rejectsBadBatchSizeAndTargetWidth() {
    var size = assertThrows(IllegalArgumentException.class, () -> new Batcher(records(1), BatchPlan.of(0), TargetLayout.perRecord(1)));
    assertEquals("batch size must be >= 1, got 0", size.getMessage());
    var width = assertThrows(IllegalArgumentException.class, () -> new Batcher(records(1), BatchPlan.of(1), TargetLayout.perRecord(-1)));
    assertEquals("target width must be >= 0, got -1", width.getMessage());
  }

  @Test
  void tokenStreamsCountTokensAndNumberTheirStreams() {
    TokenStreamBatches s = new TokenStreamBatches(new int[] {0, 1, 2, 3, 4, 5, 6}, 3, 2); // S = 6 / 3 = 2
    assertEquals(6, s.recordsPerEpoch());
    assertEquals("tok", s.unit());
    Batch b = s.batch(0, 0);
    assertArrayEquals(new int[] {0, 1, 2}, b.indices());
    assertArrayEquals(new int[] {2, 2, 2}, b.lengths());
    assertEquals(6, s.units(b));
    var e = assertThrows(IndexOutOfBoundsException.class, () -> s.batch(0, 1));
    assertEquals("batch 1 of an epoch with 1 batches", e.getMessage());
  }

  @Test
  void tokenStreamsAcceptTheSmallestSizes() {
    // one stream, one step per batch, and the shortest text for two streams: streams + 1 tokens
    TokenStreamBatches one = new TokenStreamBatches(new int[] {4, 5, 6}, 1, 1);
    assertEquals(2, one.batchesPerEpoch());
    assertArrayEquals(new int[] {5}, one.batch(0, 1).tokens());
    assertArrayEquals(new float[] {6}, one.batch(0, 1).targets());
    TokenStreamBatches shortest = new TokenStreamBatches(new int[] {1, 2, 3}, 2, 5);
    assertArrayEquals(new int[] {1, 2}, shortest.batch(0, 0).tokens());
    var e = assertThrows(IllegalArgumentException.class, () -> new TokenStreamBatches(new int[] {1, 2}, 2, 5));
    assertEquals("a text of 2 tokens is too short for 2 streams; it needs at least 3", e.getMessage());
    var streams = assertThrows(IllegalArgumentException.class, () -> new TokenStreamBatches(new int[] {1, 2}, 0, 5));
    assertEquals("number of streams (batch size) must be >= 1, got 0", streams.getMessage());
    var steps = assertThrows(IllegalArgumentException.class, () -> new TokenStreamBatches(new int[] {1, 2}, 1, 0));
    assertEquals("steps per batch (bptt) must be >= 1, got 0", steps.getMessage());
  }
}
