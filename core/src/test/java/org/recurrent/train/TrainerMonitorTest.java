package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.TargetLayout;
import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.optim.Adam;
import org.recurrent.tasks.ClassificationTask;

/** A {@code training.monitor} the run cannot compute is refused before the first batch, not after an epoch. */
class TrainerMonitorTest {

  private static final Batcher TRAIN =
      new Batcher(TrainerFixtures.signOfSum(64, 1), BatchPlan.of(16), TargetLayout.perRecord(1));
  private static final Batcher VAL =
      new Batcher(TrainerFixtures.signOfSum(32, 2), BatchPlan.of(16), TargetLayout.perRecord(1));

  /** A trainer whose listener records every event, so the test sees whether any work started. */
  private static Trainer trainer(String monitor, List<String> heard) {
    SequenceModel model = new SequenceModel(new SequenceModelConfig(Cell.parse("gru"), 2, 0, 0, -1, 4, 1, false, 0f,
        OutputMode.SEQUENCE, Pooling.LAST, 2), new Random(1));
    TrainerOptions options = TrainerOptions.defaults(2, 1).withEarlyStopping(3, monitor, true);
    return Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerFixtures::accuracy),
            new Adam(model.parameters(), 0.01f), options)
        .listener(new TrainingListener() {
          @Override
          public void onStart(TrainingContext context, TrainingEvent.Started e) {
            heard.add("start");
          }

          @Override
          public void onBatchEnd(TrainingContext context, TrainingEvent.BatchDone e) {
            heard.add("batch");
          }
        })
        .build();
  }

  @Test
  void anUnknownMetricIsRefusedBeforeAnyBatch() {
    List<String> heard = new ArrayList<>();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer("roc_auc", heard).fit(TRAIN, VAL));
    assertEquals("training.monitor 'roc_auc' is not a metric of this run; expected one of [loss, accuracy]",
        e.getMessage());
    assertEquals(List.of(), heard);
  }

  @Test
  void aMetricWithoutValidationDataIsRefusedBeforeAnyBatch() {
    List<String> heard = new ArrayList<>();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer("accuracy", heard).fit(TRAIN, null));
    assertTrue(e.getMessage().contains("there are no validation data"), e.getMessage());
    assertEquals(List.of(), heard);
  }

  @Test
  void aMetricTheRunComputesTrains() throws IOException {
    List<String> heard = new ArrayList<>();
    Trainer.Result r = trainer("accuracy", heard).fit(TRAIN, VAL);
    assertEquals(2, r.history().size());
    assertEquals("start", heard.get(0));
    assertEquals(1 + 2 * TRAIN.batchesPerEpoch(), heard.size());
  }
}
