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
}
