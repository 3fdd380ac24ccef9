package org.recurrent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.recurrent.train.TrainerOptions;

/** The training section's defaults: which are the library's and which are deliberately the config's own. */
class TrainingSectionTest {

  /** A recurrent net trained from a config is clipped, though the library's TrainerOptions do not clip. */
  @Test
  void clipsGradientNormByDefaultUnlikeTheLibrary() {
    TrainingSection t = TrainingSection.defaults();
    assertEquals(TrainerOptions.RECOMMENDED_CLIP_GRAD_NORM, t.clipGradNorm());
    assertEquals(5.0, t.clipGradNorm(), "the documented config default (docs/user-guide.md)");
    assertEquals(TrainerOptions.NO_CLIPPING, TrainerOptions.defaults(1, 1).clipGradNorm());
  }

  @Test
  void otherTrainingDefaultsAreTheLibrarys() {
    TrainingSection t = TrainingSection.defaults();
    TrainerOptions library = TrainerOptions.defaults(1, 1);
    assertEquals(library.clipGradValue(), t.clipGradValue());
    assertEquals(library.tbptt(), t.tbptt());
    assertEquals(library.patience(), t.patience());
    assertEquals(library.monitor(), t.monitor());
    assertEquals(library.checkpointEveryBatches(), t.checkpointEveryBatches());
  }

  @Test
  void optimizerDefaultsToAdamWithItsOwnDefaults() {
    assertEquals(OptimizerConfig.defaults(), TrainingSection.defaults().optimizer());
  }
  @Test
  void batchSizeMustBeAtLeastOne() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingSection(null, 0, null, null, null, null, null, null, null, null, null));
    assertEquals("training.batch_size must be in 1..1048576, got 0", e.getMessage());
    assertEquals(1, new TrainingSection(null, 1, null, null, null, null, null, null, null, null, null).batchSize());
    assertEquals(32, TrainingSection.defaults().batchSize());
  }

  /** Issue 15: batch_size 1000000000 overflowed the batcher's pool size and failed late with an index error. */
  @Test
  void batchSizeBeyondAMillionIsRefusedUpFront() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingSection(null, 1_000_000_000, null, null, null, null, null, null, null, null, null));
    assertEquals("training.batch_size must be in 1..1048576, got 1000000000", e.getMessage());
    assertEquals(TrainingSection.MAX_BATCH_SIZE, new TrainingSection(null, TrainingSection.MAX_BATCH_SIZE, null, null,
        null, null, null, null, null, null, null).batchSize());
  }
}
