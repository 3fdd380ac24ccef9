package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainerStateTest {

  @Test
  void afterBatchAddsTheBatchsLossTimesItsWeightAndItsRecords() {
    TrainerState st = TrainerState.start().afterBatch(1, 3, 0.5, 4, 10).afterBatch(2, 5, 0.2, 1, 7);
    assertEquals(new TrainerState(0, 2, 5, Double.NaN, -1, 0, 0.5 * 4 + 0.2 * 1, 5, 17), st);
    assertEquals(2.2 / 5, st.epochLoss(), 1e-15);                         // not (0.5 + 0.2) / 2
  }

  @Test
  void anEpochWithoutBatchesHasNoLoss() {
    assertTrue(Double.isNaN(TrainerState.start().epochLoss()));
  }

  @Test
  void aRunStoppedBeforeItsFirstBatchStopsAtEpochZeroBatchZero() {
    assertEquals(new TrainingEvent.Stopped("budget", 0, 0, 0, 0, 0, Double.NaN), TrainerState.start().stopped("budget", 5));
  }

  @Test
  void aRunStoppedAtAnEpochBoundaryNamesThePreviousEpochsLastBatch() {
    TrainerState afterEpoch1 = new TrainerState(1, 0, 5, 0.3, 0, 0, 0, 0, 0);
    assertEquals(new TrainingEvent.Stopped("completed", 1, 5, 5, 1, 1, 0.3), afterEpoch1.stopped("completed", 5));
    TrainerState midEpoch2 = new TrainerState(1, 2, 7, 0.3, 0, 0, 1, 2, 2);
    assertEquals(new TrainingEvent.Stopped("budget", 2, 2, 7, 1, 1, 0.3), midEpoch2.stopped("budget", 5));
  }

  @Test
  void nextEpochKeepsTheEpochsLossAsTheLastEpochLoss() {
    TrainerState st = TrainerState.start().afterBatch(1, 1, 0.5, 2, 2).nextEpoch(0.4, 0, 0);
    assertEquals(0.5, st.lastEpochLoss(), 0);
    assertEquals(0.5, st.afterBatch(1, 2, 0.1, 1, 1).lastEpochLoss(), 0);   // kept through the next epoch's batches
  }

  @Test
  void problemForAcceptsEveryPositionOfTheRunAndNamesThoseOutsideIt() {
    assertEquals(null, TrainerState.start().problemFor(3, 5));
    assertEquals(null, new TrainerState(1, 4, 9, 0.3, 0, 1, 1, 2, 2, 0.4).problemFor(3, 5));
    assertEquals(null, new TrainerState(3, 0, 15, 0.3, 2, 0, 0, 0, 0, 0.4).problemFor(3, 5));   // the run is done
    assertEquals("epoch 5 is outside the run's 3 epochs (resume with at least --epochs 4)",
        new TrainerState(4, 0, 20, 0.3, 0, 0, 0, 0, 0, 0.4).problemFor(3, 5));
    assertEquals("batch 5 is outside the epoch's 5 batches", new TrainerState(1, 5, 9, 0.3, 0, 0, 1, 1, 1).problemFor(3, 5));
    assertEquals("batch -1 is outside the epoch's 5 batches", new TrainerState(1, -1, 9, 0.3, 0, 0, 0, 0, 0).problemFor(3, 5));
    assertEquals("batch 2 is past the run's last epoch", new TrainerState(3, 2, 9, 0.3, 0, 0, 1, 1, 1).problemFor(3, 5));
    assertEquals("best epoch 3 is not among the 2 epochs complete",
        new TrainerState(2, 0, 9, 0.3, 2, 0, 0, 0, 0).problemFor(3, 5));
    assertEquals("best value NaN does not fit best epoch 1", new TrainerState(2, 0, 9, Double.NaN, 0, 0, 0, 0, 0).problemFor(3, 5));
    assertEquals("epochs without improvement 3 is not within 0..2",
        new TrainerState(2, 0, 9, 0.3, 0, 3, 0, 0, 0).problemFor(3, 5));
    assertEquals("the epoch's loss sums Infinity / 1.0 are not finite and non-negative",
        new TrainerState(1, 1, 9, 0.3, 0, 0, Double.POSITIVE_INFINITY, 1, 1).problemFor(3, 5));
    assertEquals("an epoch at batch 0 has loss sums or records", new TrainerState(1, 0, 9, 0.3, 0, 0, 1, 1, 1).problemFor(3, 5));
  }
}
