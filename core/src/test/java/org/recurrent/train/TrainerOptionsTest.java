package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The library defaults of the training loop: nothing happens that the caller did not ask for. */
class TrainerOptionsTest {

  @Test
  void defaultsClipNothingAsPyTorch() {
    TrainerOptions o = TrainerOptions.defaults(3, 9);
    assertEquals(0.0, TrainerOptions.NO_CLIPPING);
    assertEquals(TrainerOptions.NO_CLIPPING, o.clipGradNorm());
    assertEquals(TrainerOptions.NO_CLIPPING, o.clipGradValue());
    assertEquals(TrainerOptions.RECOMMENDED_CLIP_GRAD_NORM, o.withClipGradNorm(
        TrainerOptions.RECOMMENDED_CLIP_GRAD_NORM).clipGradNorm());
  }

  @Test
  void defaultsMonitorTheLossWithoutTbpttEarlyStoppingOrResume() {
    TrainerOptions o = TrainerOptions.defaults(3, 9);
    assertEquals(3, o.epochs());
    assertEquals(9, o.seed());
    assertEquals(TrainerOptions.DEFAULT_MONITOR, o.monitor());
    assertEquals("loss", TrainerOptions.DEFAULT_MONITOR);
    assertFalse(o.higherIsBetter());
    assertEquals(0, o.tbptt());
    assertEquals(0, o.patience());
    assertEquals(0, o.checkpointEveryBatches());
    assertFalse(o.resume());
  }

  @Test
  void blankMonitorMeansTheDefault() {
    assertEquals(TrainerOptions.DEFAULT_MONITOR, TrainerOptions.defaults(1, 1).withEarlyStopping(2, " ", false)
        .monitor());
  }
}
