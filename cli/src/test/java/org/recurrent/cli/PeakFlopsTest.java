package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The peak routine's arithmetic: how many FLOPs it claims, and that the loop really does that many FMAs. */
class PeakFlopsTest {

  @Test
  void flopsAreTwoPerLanePerFmaPerAccumulator() {
    // 1000 iterations x 12 accumulators x 16 lanes x 2 FLOPs (multiply and add)
    assertEquals(384_000.0, PeakFlops.flops(1000, 16));
    assertEquals(2.0 * 7 * PeakFlops.ACCUMULATORS * 8, PeakFlops.flops(7, 8));
  }

  @Test
  void loopDoesTheFmasItCounts() {
    assertTrue(PeakFlops.available(), "the tests run with --add-modules jdk.incubator.vector");
    for (int n : new int[] {0, 1, 3, 1000}) {
      // acc = 1 * 1 + acc from 0: every lane of every accumulator ends at n, so the sum is n * ACC * lanes
      float sum = PeakFlops.run(n, 1f, 1f);
      assertEquals(PeakFlops.flops(n, PeakFlops.lanes()) / 2, sum, 0.0, "iterations " + n);
    }
  }

  @Test
  void loopComputesTheMultiplyAddNotJustCounts() {
    // two rounds of acc = 3 * 2 + acc from 0: 6, then 12 in every lane (acc * 3 + 2, the chain through a
    // multiplicand, would give 2, then 8)
    assertEquals(12f * PeakFlops.ACCUMULATORS * PeakFlops.lanes(), PeakFlops.run(2, 3f, 2f), 0f);
    assertEquals(18f * PeakFlops.ACCUMULATORS * PeakFlops.lanes(), PeakFlops.run(3, 3f, 2f), 0f);
  }

  @Test
  void measuresOneRatePerThreadCount() throws InterruptedException {
    List<PeakFlops.Rate> rates = PeakFlops.measure(2);
    assertEquals(List.of(1, 2), rates.stream().map(PeakFlops.Rate::threads).toList());
    rates.forEach(r -> assertTrue(r.gflops() > 0, r.toString()));
  }
}
