package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.train.TrainerFixtures.classifier;
import static org.recurrent.train.TrainerFixtures.echo;
import static org.recurrent.train.TrainerFixtures.signOfSum;
import static org.recurrent.train.TrainerFixtures.tagger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetLayout;
import org.recurrent.models.SequenceModel;
import org.recurrent.optim.Adam;
import org.recurrent.tasks.ClassificationTask;
import org.recurrent.tasks.TaggingTask;
import org.recurrent.tensor.Tensor;

/**
 * The non-finite guard: a NaN loss or an infinite gradient norm stops training before the step it would poison,
 * with a message naming the epoch, batch and step (counted as the events count them, also across truncated-BPTT
 * chunks), and the last good checkpoint left as it was.
 */
class TrainerNonFiniteTest {
  /** What a poisoned source does to a batch before serving it (writes a NaN into some batch's features). */
  private interface Poison {
    void apply(int epoch, int index, Batch batch);
  }

  /** {@code clean}'s batches, each passed through {@code poison} first. */
  private static BatchSource withPoison(BatchSource clean, Poison poison) {
    return new BatchSource() {
      @Override
      public int batchesPerEpoch() {
        return clean.batchesPerEpoch();
      }

      @Override
      public Batch batch(int epoch, int index) {
        Batch b = clean.batch(epoch, index);
        poison.apply(epoch, index, b);
        return b;
      }

      @Override
      public long recordsPerEpoch() {
        return clean.recordsPerEpoch();
      }
    };
  }

  @Test
  void nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws IOException {
    List<SequenceExample> data = new ArrayList<>(signOfSum(40, 5));
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    Batcher clean = new Batcher(data, BatchPlan.of(10), TargetLayout.perRecord(1));
    BatchSource poisonedInEpoch2 = withPoison(clean, (epoch, index, b) -> {
      if (epoch == 1 && index == 2) b.features().data()[3] = Float.NaN;
    });
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer t = Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerFixtures::accuracy),
        new Adam(model.parameters(), 0.02f), TrainerOptions.defaults(3, 1)).listener(recorder).checkpoints(dir).build();
    var e = assertThrows(NonFiniteLossException.class, () -> t.fit(poisonedInEpoch2, null));
    // 4 batches per epoch: batches 1 and 2 of epoch 2 took steps 5 and 6; the NaN refuses step 7
    assertEquals("training stopped: loss is NaN at epoch 2, batch 3 (step 7); the last good checkpoint is "
        + dir.resolve("last.safetensors") + " (left unchanged). Try a lower learning rate or training.clip_grad_norm.",
        e.getMessage());
    List<TrainingEvent.BatchDone> batches = recorder.of(TrainingEvent.BatchDone.class);
    assertEquals(6, batches.get(batches.size() - 1).step());
    double bestTrainLoss = recorder.of(TrainingEvent.EpochDone.class).get(0).trainLoss();
    TrainingEvent.Stopped stop = new TrainingEvent.Stopped("non_finite_loss", 2, 3, 7, 1, 1, bestTrainLoss);
    assertEquals(stop, e.stop());
    assertEquals(stop, recorder.events.get(recorder.events.size() - 1), "the listeners' last event");
    Checkpoint good = Checkpoint.read(dir.resolve("last.safetensors"));
    assertEquals(1, good.state().epoch());
    assertEquals(0, good.state().batch());
    for (Tensor w : good.model().values()) for (float v : w.data()) assertTrue(Float.isFinite(v));
  }

  @Test
  void nonFiniteLossInALaterChunkNamesTheRefusedStepAsTheEventsDo() throws IOException {
    // T = 16, k = 4: 4 steps per batch. A NaN at t = 5 of batch 2 poisons its second chunk: steps 1-4 (batch 1) and
    // 5 (batch 2, chunk 1) are taken, step 6 is refused.
    Batcher clean = new Batcher(echo(8, 1), BatchPlan.of(4), TargetLayout.perStep(1));
    BatchSource poisoned = withPoison(clean, (epoch, index, b) -> {
      if (index == 1) b.features().data()[5 * b.size()] = Float.NaN;       // (t = 5, b = 0, f = 0)
    });
    SequenceModel model = tagger("gru");
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer t = Trainer.builder(ForwardPass.of(model, new TaggingTask(), p -> Map.of()), new Adam(model.parameters(), 0.01f),
        TrainerOptions.defaults(1, 1).withTbptt(4)).listener(recorder).build();
    var e = assertThrows(NonFiniteLossException.class, () -> t.fit(poisoned, null));
    assertEquals("training stopped: loss is NaN at epoch 1, batch 2 (step 6); no checkpoint had been written yet. "
        + "Try a lower learning rate or training.clip_grad_norm.", e.getMessage());
    assertEquals(List.of("start", "backward 1.1 step 1", "backward 1.1 step 2", "backward 1.1 step 3",
        "backward 1.1 step 4", "batch 1.1 step 4", "backward 1.2 step 5", "stop non_finite_loss"), recorder.calls);
    assertEquals(new TrainingEvent.Stopped("non_finite_loss", 1, 2, 6, 0, 0, Double.NaN), e.stop());
  }

  @Test
  void aNonFiniteGradientLeftByTheHookIsRefusedBeforeTheStep() throws IOException {
    TrainingListener poison = new TrainingListener() {
      @Override
      public void afterBackward(TrainingContext run, StepGradients g) {
        if (g.step() == 2) g.parameters().get("head.bias").gradData()[1] = Float.POSITIVE_INFINITY;
      }
    };
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    float[][] afterStep1 = new float[1][];
    TrainingListener snapshot = new TrainingListener() {
      @Override
      public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
        afterStep1[0] = model.namedParameters().get("head.weight").data().clone();
      }
    };
    Trainer t = Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerFixtures::accuracy),
            new Adam(model.parameters(), 0.02f), TrainerOptions.defaults(1, 1).withClipGradNorm(1.0))
        .listener(poison).listener(snapshot).listener(recorder).build();
    var e = assertThrows(NonFiniteLossException.class,
        () -> t.fit(new Batcher(signOfSum(32, 1), BatchPlan.of(16), TargetLayout.perRecord(1)), null));
    assertEquals("training stopped: gradient norm is Infinity at epoch 1, batch 2 (step 2); no checkpoint had been "
        + "written yet. Try a lower learning rate or training.clip_grad_norm.", e.getMessage());
    assertEquals(new TrainingEvent.Stopped("non_finite_gradient_norm", 1, 2, 2, 0, 0, Double.NaN),
        recorder.events.get(recorder.events.size() - 1));
    assertArrayEquals(afterStep1[0], model.namedParameters().get("head.weight").data(), "step 2 was not taken");
  }
}
