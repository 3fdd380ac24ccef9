package org.recurrent.train;

import org.recurrent.tasks.TaggingTask;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;

class ChunkTest {

  @Test
  void splitsTimeIntoChunksWithClampedLengthsAndMasksFromTheRealLengths() {
    // B = 2, T = 5, lengths {5, 2}; tokens t*10 + b; per-step targets 100 + t*10 + b
    int[] tokens = new int[10];
    float[] targets = new float[10];
    for (int t = 0; t < 5; t++) {
      for (int b = 0; b < 2; b++) {
        tokens[t * 2 + b] = t * 10 + b;
        targets[t * 2 + b] = 100 + t * 10 + b;
      }
    }
    Batch batch = new Batch(new int[] {0, 1}, 5, null, tokens, new int[] {5, 2}, targets, 1, true, false);
    List<Chunk> chunks = Chunk.split(batch, 2);
    assertEquals(3, chunks.size());
    Chunk second = chunks.get(1);                          // steps 2..3: sequence 1 has ended
    assertArrayEquals(new int[] {20, 21, 30, 31}, second.batch().tokens());
    assertArrayEquals(new float[] {120, 121, 130, 131}, second.batch().targets());
    assertArrayEquals(new int[] {2, 1}, second.batch().lengths());
    assertArrayEquals(new float[] {1, 0, 1, 0}, second.mask());
    assertTrue(second.batch().continues());
    assertFalse(chunks.get(0).batch().continues());
    Chunk last = chunks.get(2);                            // step 4 only
    assertEquals(1, last.batch().steps());
    assertArrayEquals(new float[] {1, 0}, last.mask());
    assertEquals(1.0, new TaggingTask().lossWeight(last.batch(), last.mask()));
  }

  @Test
  void shortOrSequenceBatchesAreNotSplit() {
    Batch batch = new Batch(new int[] {0}, 3, null, new int[] {1, 2, 3}, new int[] {3}, new float[] {0}, 1, false, false);
    assertEquals(1, Chunk.split(batch, 2).size());
    assertEquals(1, Chunk.split(batch, 0).size());
  }

  @Test
  void anInputThatIsNotAlignedWithTheTargetsCannotBeCut() {
    java.util.Map<String, org.recurrent.data.BatchInput> inputs = new java.util.LinkedHashMap<>();
    inputs.put("x", new org.recurrent.data.BatchInput.Tokens(new int[] {1, 2, 3, 4}, 4, new int[] {4}));
    inputs.put("source", new org.recurrent.data.BatchInput.Tokens(new int[] {1, 2}, 2, new int[] {2}));
    Batch batch = new Batch(new int[] {0}, 4, inputs, new int[] {4}, new float[] {0, 1, 0, 1}, 1, true, false);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Chunk.split(batch, 2));
    assertEquals("truncated BPTT cuts every input at the same steps, but input 'source' has 2 steps where the targets "
        + "have 4", e.getMessage());
  }

  @Test
  void aBatchOfExactlyKStepsIsNotCut() {
    Batch batch = new Batch(new int[] {0}, 3, null, new int[] {1, 2, 3}, new int[] {3}, new float[] {0, 1, 0}, 1, true,
        false);
    List<Chunk> chunks = Chunk.split(batch, 3);
    assertEquals(1, chunks.size());
    org.junit.jupiter.api.Assertions.assertSame(batch, chunks.get(0).batch());
    org.junit.jupiter.api.Assertions.assertNull(chunks.get(0).mask());
    assertEquals(2, Chunk.split(batch, 2).size());
  }

  @Test
  void targetsOfSeveralColumnsAreCutByStep() {
    // B = 1, T = 3, K = 2: targets [t][k] = t*10 + k; chunks of 2 steps
    Batch batch = new Batch(new int[] {7}, 3, null, new int[] {1, 2, 3}, new int[] {3}, new float[] {0, 1, 10, 11, 20, 21},
        2, true, false);
    List<Chunk> chunks = Chunk.split(batch, 2);
    assertArrayEquals(new float[] {0, 1, 10, 11}, chunks.get(0).batch().targets());
    Chunk last = chunks.get(1);
    assertArrayEquals(new float[] {20, 21}, last.batch().targets());
    assertArrayEquals(new int[] {3}, last.batch().tokens());
    assertArrayEquals(new int[] {1}, last.batch().lengths());
    assertArrayEquals(new float[] {1}, last.mask());
    assertArrayEquals(new int[] {7}, last.batch().indices());
  }
}
