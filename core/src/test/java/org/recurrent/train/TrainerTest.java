package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.train.TrainerFixtures.classifier;
import static org.recurrent.train.TrainerFixtures.signOfSum;
import static org.recurrent.train.TrainerFixtures.stepBudget;
import static org.recurrent.train.TrainerFixtures.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.data.TargetLayout;
import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.optim.SGD;

/**
 * The training loop as a whole: a model learns, the same seed gives the same weights, a run killed mid-epoch and
 * resumed equals one never stopped, listeners hear a run in order, a requested stop ends it at the right place,
 * and the batch seeds and epoch times are what the events say. Truncated BPTT, gradients and clipping, and the
 * non-finite guard have test classes of their own ({@link TrainerTbpttTest}, {@link TrainerGradientsTest},
 * {@link TrainerNonFiniteTest}).
 */
class TrainerTest {
  @Test
  void classifierLearnsWellAboveChance() throws IOException {
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    Batcher train = new Batcher(signOfSum(400, 1), BatchPlan.of(16).shuffled(1).bucketed(), TargetLayout.perRecord(1));
    Batcher val = new Batcher(signOfSum(200, 2), BatchPlan.of(64).bucketed(), TargetLayout.perRecord(1));
    Trainer.Result r = trainer(model, TrainerOptions.defaults(6, 1), null).fit(train, val);
    Map<String, Double> last = r.history().get(r.history().size() - 1);
    assertTrue(last.get("val_accuracy") > 0.85, "validation accuracy " + last.get("val_accuracy") + " (chance 0.5)");
    assertTrue(last.get("train_loss") < 0.5 * r.history().get(0).get("train_loss") + 0.2, r.history().toString());
  }

  @Test
  void sameSeedGivesIdenticalWeights() throws IOException {
    float[][] a = run(3, null, false);
    float[][] b = run(3, null, false);
    for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i]);
  }

  /** Trains a dropout model for {@code epochs}; returns its parameters. */
  private static float[][] run(int epochs, Path checkpoints, boolean resume) throws IOException {
    return run(epochs, checkpoints, resume, Integer.MAX_VALUE);
  }

  private static float[][] run(int epochs, Path checkpoints, boolean resume, int failAfterBatches) throws IOException {
    SequenceModel model = new SequenceModel(new SequenceModelConfig(Cell.parse("gru"), 2, 0, 0, -1, 6, 2, true, 0.3f, OutputMode.SEQUENCE, Pooling.MEAN, 2),
        new Random(9));
    BatchSource train = failing(new Batcher(signOfSum(90, 3), BatchPlan.of(8).shuffled(5).bucketed(), TargetLayout.perRecord(1)), failAfterBatches);
    Batcher val = new Batcher(signOfSum(30, 4), BatchPlan.of(16), TargetLayout.perRecord(1));
    TrainerOptions o = TrainerOptions.defaults(epochs, 77).withCheckpointEveryBatches(5).withResume(resume)
        .withClipGradNorm(1.0);
    trainer(model, o, checkpoints).fit(train, val);
    float[][] out = new float[model.parameters().size()][];
    for (int i = 0; i < out.length; i++) out[i] = model.parameters().get(i).data().clone();
    return out;
  }

  /** Throws after the given number of batches, like a process killed mid-epoch. */
  private static BatchSource failing(BatchSource inner, int after) {
    return new BatchSource() {
      int served;

      @Override
      public int batchesPerEpoch() {
        return inner.batchesPerEpoch();
      }

      @Override
      public Batch batch(int epoch, int index) {
        if (served++ == after) throw new IllegalStateException("killed");
        return inner.batch(epoch, index);
      }

      @Override
      public long recordsPerEpoch() {
        return inner.recordsPerEpoch();
      }
    };
  }

  @Test
  void runInterruptedMidEpochAndResumedEqualsUninterruptedRunBitForBit(@TempDir Path dir) throws IOException {
    float[][] straight = run(3, dir.resolve("a"), false);
    // 12 batches per epoch; die at batch 19 = epoch 2, batch 8 (last checkpoint at batch 5 of epoch 2)
    assertThrows(IllegalStateException.class, () -> run(3, dir.resolve("b"), false, 19));
    float[][] resumed = run(3, dir.resolve("b"), true);
    for (int i = 0; i < straight.length; i++) assertArrayEquals(straight[i], resumed[i], "parameter " + i);
  }

  @Test
  void listenersHearARunInOrder(@TempDir Path dir) throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0, 2.0);                            // epoch 2 does not improve
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), TrainerOptions.defaults(2, 1))
        .listener(recorder).checkpoints(dir).build().fit(ScriptedPass.batches(2), ScriptedPass.batches(1));
    assertEquals(List.of("start",
        "backward 1.1 step 1", "batch 1.1 step 1", "backward 1.2 step 2", "batch 1.2 step 2",
        "epoch 1", "checkpoint best.safetensors", "checkpoint last.safetensors",
        "backward 2.1 step 3", "batch 2.1 step 3", "backward 2.2 step 4", "batch 2.2 step 4",
        "epoch 2", "checkpoint last.safetensors",
        "stop completed"), recorder.calls);
    assertEquals(new TrainingEvent.CheckpointWritten("last.safetensors", 2, 0, 4), recorder.events.get(recorder.events.size() - 2));
    assertEquals(new TrainingEvent.Stopped("completed", 2, 2, 4, 2, 1, 1.0), recorder.events.get(recorder.events.size() - 1));
  }

  @Test
  void aStopRequestedAtABatchEndStopsAfterThatBatch() throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.Result r = Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0),
        TrainerOptions.defaults(5, 1)).listener(stepBudget(3)).listener(recorder).build()
        .fit(ScriptedPass.batches(2), null);
    assertEquals("step_budget", r.stopReason());
    assertEquals(1, r.epochsRun());
    double epoch1 = recorder.of(TrainingEvent.EpochDone.class).get(0).trainLoss();
    assertEquals(List.of("start", "batch 1.1 step 1", "batch 1.2 step 2", "epoch 1", "batch 2.1 step 3", "stop step_budget"),
        recorder.calls.stream().filter(c -> !c.startsWith("backward")).toList());
    assertEquals(new TrainingEvent.Stopped("step_budget", 2, 1, 3, 1, 1, epoch1), recorder.events.get(recorder.events.size() - 1));
  }

  @Test
  void aStopRequestedAtAnEpochsLastBatchEndsThatEpochFirst() throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.Result r = Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0),
        TrainerOptions.defaults(5, 1)).listener(stepBudget(4)).listener(recorder).build()
        .fit(ScriptedPass.batches(2), ScriptedPass.batches(1));
    assertEquals("step_budget", r.stopReason());
    assertEquals(2, r.epochsRun());
    assertEquals(List.of("epoch 2", "stop step_budget"), recorder.calls.subList(recorder.calls.size() - 2,
        recorder.calls.size()));
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** SplitMix64's output function (Steele, Lea and Flood 2014; the variant 13 constants of Stafford). */
  private static long splitMix64Finaliser(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Test
  void batchSeedIsTheSplitMix64OutputAtThePositionEpochTimes2To32PlusBatchPlusOne() {
    assertEquals(0xE220A8397B1DCDAFL, Trainer.mix(0, 0, 0), "SplitMix64's first output from seed 0");
    java.util.SplittableRandom jdk = new java.util.SplittableRandom(42);   // the JDK's SplitMix64: same gamma, finaliser
    for (int b = 0; b < 3; b++) assertEquals(jdk.nextLong(), Trainer.mix(42, 0, b), "epoch 0, batch " + b);
    long seed = -1234567890123L;
    for (int epoch : new int[] {0, 1, 3}) {
      for (int b : new int[] {0, 1, 9}) {
        long position = epoch * (1L << 32) + b + 1;
        assertEquals(splitMix64Finaliser(seed + GOLDEN * position), Trainer.mix(seed, epoch, b), epoch + "." + b);
      }
    }
  }

  @Test
  void aResumedRunSaysWhereItContinuesFrom(@TempDir Path dir) throws IOException {
    ScriptedPass first = new ScriptedPass(1.0);
    Trainer.builder(first, new SGD(first.model.parameters(), 0.1f, 0, false, 0),
            TrainerOptions.defaults(1, 1).withCheckpointEveryBatches(1))
        .listener(stepBudget(2)).checkpoints(dir).build().fit(ScriptedPass.batches(3), null);   // stops after batch 2
    ScriptedPass second = new ScriptedPass(1.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.builder(second, new SGD(second.model.parameters(), 0.1f, 0, false, 0),
            TrainerOptions.defaults(1, 1).withCheckpointEveryBatches(1).withResume(true))
        .listener(recorder).checkpoints(dir).build().fit(ScriptedPass.batches(3), null);
    assertEquals(List.of("start", "resume 1.3", "backward 1.3 step 3", "batch 1.3 step 3", "epoch 1",
        "checkpoint best.safetensors", "checkpoint last.safetensors", "stop completed"), recorder.calls);
    assertEquals(new TrainingEvent.Resumed(dir.resolve(Trainer.LAST).toString(), 1, 3, 2), recorder.events.get(1));
  }

  /** Killed after the checkpoint of the epoch that stopped the run early: the resumed run stops there too. */
  @Test
  void aRunResumedAfterItsEarlyStopStopsAgain(@TempDir Path dir) throws IOException {
    ScriptedPass first = new ScriptedPass(1.0, 2.0, 3.0);            // epoch 2 does not improve: stop (patience 1)
    Trainer.Result straight = Trainer.builder(first, new SGD(first.model.parameters(), 0.1f, 0, false, 0),
            TrainerOptions.defaults(5, 1).withEarlyStopping(1, "loss", false)).checkpoints(dir).build().fit(ScriptedPass.batches(2),
        ScriptedPass.batches(1));
    assertEquals(EarlyStopping.REASON, straight.stopReason());
    ScriptedPass second = new ScriptedPass(1.0, 2.0, 3.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.Result resumed = Trainer.builder(second, new SGD(second.model.parameters(), 0.1f, 0, false, 0),
            TrainerOptions.defaults(5, 1).withEarlyStopping(1, "loss", false).withResume(true)).listener(recorder).checkpoints(dir).build()
        .fit(ScriptedPass.batches(2), ScriptedPass.batches(1));
    assertEquals(List.of("start", "resume 3.1", "stop early_stopping"), recorder.calls);
    assertEquals(straight.epochsRun(), resumed.epochsRun());
    assertEquals(0, second.evaluations, "no epoch trained after the stop");
  }

  @Test
  void anEpochsSecondsAreItsWallClockTime() throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    long before = System.nanoTime();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), TrainerOptions.defaults(1, 1))
        .listener(recorder).build().fit(ScriptedPass.batches(3), null);
    double elapsed = (System.nanoTime() - before) / 1e9;
    double seconds = recorder.of(TrainingEvent.EpochDone.class).get(0).seconds();
    assertTrue(seconds > 0 && seconds <= elapsed, seconds + " s of an epoch in a fit of " + elapsed + " s");
  }
}
