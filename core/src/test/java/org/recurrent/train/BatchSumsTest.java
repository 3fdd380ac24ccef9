package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BatchSumsTest {

  @Test
  void aBatchsLossIsTheMeanOverItsChunksWeightedByTheirTargets() {
    BatchSums s = new BatchSums();
    s.add(new Trainer.Backward(0.5, 2, null), new Trainer.Update(3.0, false, 0.1));
    s.add(new Trainer.Backward(0.2, 3, null), new Trainer.Update(1.0, true, 0.05));
    assertEquals(5, s.weight());
    assertEquals((0.5 * 2 + 0.2 * 3) / 5, s.meanLoss(), 1e-15);         // 0.32, not (0.5 + 0.2) / 2
    // the largest norm, clipped if any step was, the last step's rate
    assertEquals(new TrainingEvent.BatchDone(1, 2, 7, s.meanLoss(), 0.05, 3.0, true), s.event(1, 2, 7));
  }

  @Test
  void aBatchWithoutTargetsHasLossZero() {
    BatchSums s = new BatchSums();
    assertEquals(0, s.meanLoss());
    s.add(new Trainer.Backward(0.7, 0, null), new Trainer.Update(1.0, false, 0.1));
    assertEquals(0, s.meanLoss());
  }
}
