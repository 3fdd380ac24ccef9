package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.kernel.Kernels;

/**
 * {@link RowShares#cuts}: where a pass split by rows cuts the sorted batch. Full-length batches take the fused steps'
 * even split; ragged ones are balanced by row-steps within the minimum share, which a cut that ignored the lengths
 * (the even split) or the minimum would miss.
 */
class RowSharesTest {
  private static final int MIN = Kernels.MIN_ROWS_PER_SHARE;

  @Test
  void fullLengthBatchesTakeTheEvenSplit() {
    assertArrayEquals(new int[] {0, 32, 64}, RowShares.cuts(SequencePlan.of(10, 64, null), 2));
    assertArrayEquals(new int[] {0, 8, 17}, RowShares.cuts(SequencePlan.of(10, 17, null), 2));
    assertArrayEquals(new int[] {0, 8, 16, 25}, RowShares.cuts(SequencePlan.of(10, 25, null), 3));
    assertArrayEquals(new int[] {0, 5}, RowShares.cuts(SequencePlan.of(10, 5, null), 1));
  }

  @Test
  void raggedBatchesAreBalancedByRowStepsAndKeepTheMinimum() {
    // 16 rows of 100 steps and 48 of 10: 2,080 row-steps; the even split by rows would give one thread 1,760
    int[] lengths = new int[64];
    for (int b = 0; b < 64; b++) lengths[b] = b % 4 == 0 ? 100 : 10;
    SequencePlan plan = SequencePlan.of(100, 64, lengths);
    int[] cuts = RowShares.cuts(plan, 2);
    assertArrayEquals(new int[] {0, 10, 64}, cuts, "10 long rows (1,000 row-steps) | 6 long and 48 short (1,080)");
    // the minimum wins over the balance: one long row and 23 short ones
    int[] few = new int[24];
    java.util.Arrays.fill(few, 1);
    few[5] = 500;
    assertArrayEquals(new int[] {0, MIN, 24}, RowShares.cuts(SequencePlan.of(500, 24, few), 2));
    assertArrayEquals(new int[] {0, MIN, 2 * MIN, 24}, RowShares.cuts(SequencePlan.of(500, 24, few), 3));
  }

  @Test
  void everyCutOfRandomBatchesIsOrderedBalancedAndAboveTheMinimum() {
    Random rng = new Random(5);
    for (int trial = 0; trial < 500; trial++) {
      int parts = 2 + rng.nextInt(3), B = parts * MIN + rng.nextInt(60), T = 1 + rng.nextInt(80);
      int[] lengths = new int[B];
      for (int b = 0; b < B; b++) lengths[b] = 1 + rng.nextInt(T);
      lengths[0] = T;
      SequencePlan plan = SequencePlan.of(T, B, lengths);
      int[] cuts = RowShares.cuts(plan, parts);
      long total = 0;
      for (int s = 0; s < B; s++) total += plan.sortedLength(s);
      assertTrue(cuts[0] == 0 && cuts[parts] == B, "ends");
      for (int p = 0; p < parts; p++) {
        assertTrue(cuts[p + 1] - cuts[p] >= MIN, "share " + p + " of " + java.util.Arrays.toString(cuts));
        long steps = 0;
        for (int s = cuts[p]; s < cuts[p + 1]; s++) steps += plan.sortedLength(s);
        // a share is over its fair part by at most one row, or held to its minimum of the longest rows
        boolean minimal = cuts[p + 1] - cuts[p] == MIN;
        assertTrue(minimal || steps <= total / parts + 2L * T,
            "share " + p + " has " + steps + " of " + total + " row-steps: " + java.util.Arrays.toString(cuts));
      }
    }
  }

  @Test
  void tooFewRowsForTheSharesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> RowShares.cuts(SequencePlan.of(3, 15, null), 2));
  }
}
