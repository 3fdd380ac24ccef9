package org.recurrent.train;

import org.recurrent.data.BatchPlan;
import org.recurrent.data.TargetLayout;
import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;

import org.recurrent.tasks.ClassificationTask;
import org.recurrent.tasks.TaggingTask;

import org.recurrent.eval.Evaluator;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.models.SequenceModel;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.optim.Adam;
import org.recurrent.optim.SGD;
import org.recurrent.tensor.Tensor;

class TrainerTest {

  /** Label 1 when the first feature sums to more than 0 over the sequence; lengths 3..10. */
  static List<SequenceExample> signOfSum(int n, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 3 + r.nextInt(8);
      float[] x = new float[T * 2];
      double s = 0;
      for (int j = 0; j < x.length; j++) x[j] = (float) r.nextGaussian();
      for (int t = 0; t < T; t++) s += x[2 * t];
      out.add(new SequenceExample("s" + i, T, 2, x, new float[] {s > 0 ? 1 : 0}, "gen:" + i));
    }
    return out;
  }

  static Map<String, Double> accuracy(Predictions p) {
    int right = 0;
    for (int i = 0; i < p.size(); i++) if (p.predictedClass(i) == (int) p.truth(i)[0]) right++;
    return Map.of("accuracy", right / (double) p.size());
  }

  private static SequenceModelConfig classifier(float dropout) {
    return new SequenceModelConfig(Cell.parse("lstm"), 2, 0, 0, -1, 12, 1, false, dropout, OutputMode.SEQUENCE, Pooling.LAST, 2);
  }

  private static Trainer trainer(SequenceModel model, TrainerOptions options, Path checkpoints) {
    Trainer.Builder b = Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerTest::accuracy),
        new Adam(model.parameters(), 0.02f), options);
    return (checkpoints == null ? b : b.checkpoints(checkpoints)).build();
  }

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
  void nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws IOException {
    List<SequenceExample> data = new ArrayList<>(signOfSum(40, 5));
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    Batcher clean = new Batcher(data, BatchPlan.of(10), TargetLayout.perRecord(1));
    BatchSource poisonedInEpoch2 = new BatchSource() {
      @Override
      public int batchesPerEpoch() {
        return clean.batchesPerEpoch();
      }

      @Override
      public Batch batch(int epoch, int index) {
        Batch b = clean.batch(epoch, index);
        if (epoch == 1 && index == 2) b.features().data()[3] = Float.NaN;
        return b;
      }

      @Override
      public long recordsPerEpoch() {
        return clean.recordsPerEpoch();
      }
    };
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer t = Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerTest::accuracy),
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
  void truncatedBpttCarriesStateAcrossChunks() throws IOException {
    // Per-step target: the input token of the previous step (echo). With chunks of 4 steps, the first step of
    // each chunk can only be right if the state is carried over from the previous chunk.
    Random r = new Random(3);
    List<SequenceExample> data = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      int T = 16;
      int[] x = new int[T];
      float[] y = new float[T];
      for (int t = 0; t < T; t++) {
        x[t] = r.nextInt(3);
        y[t] = t == 0 ? 0 : x[t - 1];
      }
      data.add(SequenceExample.tokens("e" + i, x, y, "gen:" + i));
    }
    SequenceModel model = new SequenceModel(new SequenceModelConfig(Cell.parse("gru"), 0, 3, 4, -1, 16, 1, false, 0f, OutputMode.PER_STEP, null, 3),
        new Random(2));
    Trainer t = Trainer.builder(ForwardPass.of(model, new TaggingTask(), p -> Map.of()), new Adam(model.parameters(), 0.03f),
        TrainerOptions.defaults(12, 1).withTbptt(4)).build();
    t.fit(new Batcher(data, BatchPlan.of(20).shuffled(1), TargetLayout.perStep(1)), null);
    Predictions p = new Evaluator(new TaggingTask()).predict(model, new Batcher(data, BatchPlan.of(20), TargetLayout.perStep(1)));
    int right = 0, total = 0;
    for (int i = 0; i < p.size(); i++) {
      int step = p.step(i);
      if (step > 0 && step % 4 == 0) {              // first step of a chunk, t > 0
        total++;
        if (p.predictedClass(i) == (int) p.truth(i)[0]) right++;
      }
    }
    assertTrue(right > 0.9 * total, "echo accuracy at chunk starts " + right + "/" + total + " (chance 1/3)");
  }

  /** Tagging data: per step the previous step's value (0, 1 or 2) of one numeric feature, T = 16 for all. */
  private static List<SequenceExample> echo(int n, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 16;
      float[] x = new float[T], y = new float[T];
      for (int t = 0; t < T; t++) {
        x[t] = r.nextInt(3);
        y[t] = t == 0 ? 0 : x[t - 1];
      }
      data.add(new SequenceExample("e" + i, T, 1, x, y, "gen:" + i));
    }
    return data;
  }

  private static SequenceModel tagger(String cell) {
    return new SequenceModel(new SequenceModelConfig(Cell.parse(cell), 1, 0, 0, -1, 5, 1, false, 0f, OutputMode.PER_STEP, null, 3), new Random(4));
  }

  @Test
  void nonFiniteLossInALaterChunkNamesTheRefusedStepAsTheEventsDo() throws IOException {
    // T = 16, k = 4: 4 steps per batch. A NaN at t = 5 of batch 2 poisons its second chunk: steps 1-4 (batch 1) and
    // 5 (batch 2, chunk 1) are taken, step 6 is refused.
    Batcher clean = new Batcher(echo(8, 1), BatchPlan.of(4), TargetLayout.perStep(1));
    BatchSource poisoned = new BatchSource() {
      @Override
      public int batchesPerEpoch() {
        return clean.batchesPerEpoch();
      }

      @Override
      public Batch batch(int epoch, int index) {
        Batch b = clean.batch(epoch, index);
        if (index == 1) b.features().data()[5 * b.size()] = Float.NaN;       // (t = 5, b = 0, f = 0)
        return b;
      }

      @Override
      public long recordsPerEpoch() {
        return clean.recordsPerEpoch();
      }
    };
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

  /**
   * Truncated BPTT cuts the gradient at the chunk boundary: the gradients of chunk 2, started from chunk 1's final
   * state, equal those of a fresh forward of chunk 2 from the same state values held as constants. Were the carried
   * state not detached, chunk 2's backward would run on into chunk 1's graph and add to the weights' gradients
   * (truncated BPTT silently becoming full BPTT).
   */
  @Test
  void gradientsOfALaterChunkEqualThoseFromTheCarriedStateAsConstants() {
    SequenceModel model = tagger("lstm");
    Trainer t = Trainer.builder(ForwardPass.of(model, new TaggingTask(), p -> Map.of()),
        new SGD(model.parameters(), 0.1f, 0, false, 0), TrainerOptions.defaults(1, 1).withTbptt(4)).build();
    Batch batch = new Batcher(echo(3, 2), BatchPlan.of(3), TargetLayout.perStep(1)).batch(0, 0);
    List<Chunk> chunks = Chunk.split(batch, 4);
    Trainer.Backward first = t.computeGradients(chunks.get(0), null);
    t.applyGradients();
    Trainer.Backward second = t.computeGradients(chunks.get(1), first.state());
    float[][] carried = gradients(model);
    RecurrentOutput constants = new RecurrentOutput(null, first.state().hN().copy(), first.state().cN().copy());
    Trainer.Backward fresh = t.computeGradients(chunks.get(1), constants);
    assertEquals(fresh.loss(), second.loss());
    float[][] expected = gradients(model);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], carried[i], "gradient of " + model.namedParameters().keySet().toArray()[i]);
    }
  }

  private static float[][] gradients(SequenceModel model) {
    List<Tensor> ps = model.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < out.length; i++) out[i] = ps.get(i).gradData().clone();
    return out;
  }

  private static float[][] weights(SequenceModel model) {
    List<Tensor> ps = model.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < out.length; i++) out[i] = ps.get(i).data().clone();
    return out;
  }

  private static double norm(Iterable<Tensor> ps, boolean ofGradients) {
    double sq = 0;
    for (Tensor p : ps) for (float x : ofGradients ? p.gradData() : p.data()) sq += (double) x * x;
    return Math.sqrt(sq);
  }

  /** One epoch of one batch with plain SGD (lr 0.1), the given clipping and after-backward listener. */
  private static SequenceModel oneStep(double clipGradNorm, TrainingListener listener, ScriptedPass.Recorder recorder)
      throws IOException {
    return oneStep(TrainerOptions.defaults(1, 1).withClipGradNorm(clipGradNorm), listener, recorder);
  }

  private static SequenceModel oneStep(TrainerOptions options, TrainingListener listener, ScriptedPass.Recorder recorder)
      throws IOException {
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerTest::accuracy),
            new SGD(model.parameters(), 0.1f, 0, false, 0), options)
        .listener(listener).listener(recorder).build()
        .fit(new Batcher(signOfSum(16, 1), BatchPlan.of(16), TargetLayout.perRecord(1)), null);
    return model;
  }

  @Test
  void theAfterBackwardHookSeesTheGradientsBeforeClipping() throws IOException {
    double[] seen = new double[1];
    TrainingListener hook = new TrainingListener() {
      @Override
      public void afterBackward(TrainingContext run, StepGradients g) {
        seen[0] = norm(g.parameters().values(), true);
      }
    };
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    float[][] before = weights(new SequenceModel(classifier(0f), new Random(1)));
    SequenceModel model = oneStep(1e-3, hook, recorder);
    TrainingEvent.BatchDone batch = recorder.of(TrainingEvent.BatchDone.class).get(0);
    assertTrue(seen[0] > 0.01, "gradient norm seen by the hook " + seen[0] + " (clipping at 0.001)");
    assertEquals(seen[0], batch.gradNorm(), 1e-12 * seen[0], "the batch event reports the norm before clipping");
    assertTrue(batch.clipped());
    // the step itself was clipped: |dW| = lr * 0.001
    double step = 0;
    float[][] after = weights(model);
    for (int i = 0; i < after.length; i++) for (int j = 0; j < after[i].length; j++) step += Math.pow(after[i][j] - before[i][j], 2);
    assertEquals(0.1 * 1e-3, Math.sqrt(step), 2e-6);
  }

  @Test
  void aListenerScalingTheGradientsAfterBackwardScalesTheStep() throws IOException {
    TrainingListener halve = new TrainingListener() {
      @Override
      public void afterBackward(TrainingContext run, StepGradients g) {
        for (Tensor p : g.parameters().values()) for (int i = 0; i < p.gradData().length; i++) p.gradData()[i] *= 0.5f;
      }
    };
    float[][] before = weights(new SequenceModel(classifier(0f), new Random(1)));
    ScriptedPass.Recorder plain = new ScriptedPass.Recorder(), halved = new ScriptedPass.Recorder();
    float[][] full = weights(oneStep(0, new TrainingListener() {}, plain));
    float[][] half = weights(oneStep(0, halve, halved));
    double moved = 0;
    for (int i = 0; i < before.length; i++) {
      for (int j = 0; j < before[i].length; j++) {
        double dFull = full[i][j] - before[i][j], dHalf = half[i][j] - before[i][j];
        assertEquals(0.5 * dFull, dHalf, 1e-7, "parameter " + i + "[" + j + "]");
        moved = Math.max(moved, Math.abs(dFull));
      }
    }
    assertTrue(moved > 1e-3, "the unscaled step moved the weights by at most " + moved);
    assertEquals(0.5 * plain.of(TrainingEvent.BatchDone.class).get(0).gradNorm(),
        halved.of(TrainingEvent.BatchDone.class).get(0).gradNorm(), 1e-9, "the step used the scaled gradients");
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
    Trainer t = Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerTest::accuracy),
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

  /** A listener that asks to stop after step {@code step}. */
  private static TrainingListener stepBudget(long step) {
    return new TrainingListener() {
      @Override
      public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
        if (e.step() == step) run.requestStop("step_budget");
      }
    };
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

  @Test
  void carriedStateIsCutFromTheGraph() {
    SequenceModel model = new SequenceModel(new SequenceModelConfig(Cell.parse("lstm"), 2, 0, 0, -1, 3, 1, false, 0f, OutputMode.PER_STEP, null, 2),
        new Random(1));
    Tensor x = Tensor.randn(new Random(2), 1f, 3, 1, 2).requiresGrad(true);
    var state = Trainer.detached(model.forward(x, null, null).state());
    assertNull(state.hN().gradFn());
    assertFalse(state.hN().requiresGrad());
    assertNull(state.cN().gradFn());
  }

  @Test
  void tbpttOnASequenceOutputIsRefused() {
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    var e = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, TrainerOptions.defaults(1, 1).withTbptt(5), null));
    assertTrue(e.getMessage().startsWith("training.tbptt applies to per-step outputs"), e.getMessage());
  }

  /** One SGD step (lr 0.1) of {@link ScriptedPass}, whose gradient at w = 1 is 2 (w - 0.5) = 1 exactly. */
  private static TrainingEvent.BatchDone oneScriptedStep(TrainerOptions options, float[] w) throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), options).listener(recorder).build()
        .fit(ScriptedPass.batches(1), null);
    w[0] = pass.model.w.data()[0];
    return recorder.of(TrainingEvent.BatchDone.class).get(0);
  }

  private static TrainerOptions clipValue(double v) {
    return new TrainerOptions(1, 0, v, 0, 0, "loss", false, 0, 1, false);
  }

  @Test
  void aNormExactlyAtTheLimitIsNotClippedAndOneAboveItIs() throws IOException {
    float[] w = new float[1];
    // GradClip scales when max / (norm + 1e-6) < 1; the norm is 1
    TrainingEvent.BatchDone atLimit = oneScriptedStep(TrainerOptions.defaults(1, 1).withClipGradNorm(1 + 1e-6), w);
    assertEquals(1.0, atLimit.gradNorm());
    assertFalse(atLimit.clipped());
    assertEquals(0.9f, w[0], 1e-7f);                                     // 1 - 0.1 * 1
    TrainingEvent.BatchDone above = oneScriptedStep(TrainerOptions.defaults(1, 1).withClipGradNorm(1), w);
    assertEquals(1.0, above.gradNorm(), "the event reports the norm before clipping");
    assertTrue(above.clipped());
    assertEquals(1 - 0.1 / (1 + 1e-6), w[0], 1e-7);                      // scaled by 1 / (1 + 1e-6)
    TrainingEvent.BatchDone halved = oneScriptedStep(TrainerOptions.defaults(1, 1).withClipGradNorm(0.5), w);
    assertTrue(halved.clipped());
    assertEquals(0.95f, w[0], 1e-6f);                                    // 1 - 0.1 * 0.5
    TrainingEvent.BatchDone off = oneScriptedStep(TrainerOptions.defaults(1, 1), w);
    assertFalse(off.clipped(), "clipping is off");
    assertEquals(1.0, off.gradNorm());
  }

  @Test
  void clipGradValueClampsTheGradientAndSaysSoOnlyWhenAnEntryWasAboveTheBound() throws IOException {
    float[] w = new float[1];
    TrainingEvent.BatchDone clamped = oneScriptedStep(clipValue(0.25), w);
    assertTrue(clamped.clipped());
    assertEquals(1.0, clamped.gradNorm(), "the event reports the norm before clipping");
    assertEquals(0.975f, w[0], 1e-7f);                                   // 1 - 0.1 * 0.25
    TrainingEvent.BatchDone atBound = oneScriptedStep(clipValue(1), w);   // |g| = 1 is not above 1
    assertFalse(atBound.clipped());
    assertEquals(0.9f, w[0], 1e-7f);
    assertFalse(oneScriptedStep(clipValue(2), w).clipped());
  }

  @Test
  void clipGradValueClampsEveryGradientEntryOfAModel() throws IOException {
    float[][] before = weights(new SequenceModel(classifier(0f), new Random(1)));
    float[][] free = weights(oneStep(0, new TrainingListener() {}, new ScriptedPass.Recorder()));
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    float c = 0.01f;
    float[][] clamped = weights(oneStep(clipValue(c), new TrainingListener() {}, recorder));
    int above = 0, below = 0;
    for (int i = 0; i < before.length; i++) {
      for (int j = 0; j < before[i].length; j++) {
        double g = (before[i][j] - free[i][j]) / 0.1;                      // SGD: w' = w - 0.1 g
        if (Math.abs(g) > c * 1.01) above++;
        if (Math.abs(g) < c * 0.99) below++;
        double expected = before[i][j] - 0.1 * Math.max(-c, Math.min(c, g));
        assertEquals(expected, clamped[i][j], 2e-7, "parameter " + i + "[" + j + "], gradient " + g);
      }
    }
    assertTrue(above > 10 && below > 10, above + " gradient entries above the bound, " + below + " below");
    assertTrue(recorder.of(TrainingEvent.BatchDone.class).get(0).clipped());
  }

  /**
   * A per-step stand-in whose forward calls return the losses of a script, in order (with zero gradients), each
   * weighted by its real steps: the chunk's mask, or the batch's lengths when it is not cut.
   */
  private static final class FixedLosses implements ForwardPass {
    final ScriptedPass.Scalar model = new ScriptedPass.Scalar();
    private final float[] losses;
    private int calls;

    FixedLosses(float... losses) {
      this.losses = losses;
    }

    @Override
    public org.recurrent.nn.Module model() {
      return model;
    }

    @Override
    public Loss forward(Chunk chunk, RecurrentOutput initial) {
      double weight = 0;
      if (chunk.mask() == null) for (int len : chunk.batch().lengths()) weight += len;
      else for (float m : chunk.mask()) weight += m;
      Tensor zero = org.recurrent.ops.Ops.mul(model.w, Tensor.zeros(1));
      return new Loss(org.recurrent.ops.Ops.addScalar(org.recurrent.ops.Ops.sum(zero), losses[calls++]), weight, null);
    }

    @Override
    public Validation evaluate(BatchSource source) {
      return new Validation(1.0, Map.of());
    }

    @Override
    public boolean perStep() {
      return true;
    }

    @Override
    public String task() {
      return "fixed";
    }
  }

  /** Per-step batches of one sequence each, of the given lengths. */
  private static BatchSource sequences(int... lengths) {
    return new BatchSource() {
      @Override
      public int batchesPerEpoch() {
        return lengths.length;
      }

      @Override
      public Batch batch(int epoch, int index) {
        int T = lengths[index];
        return new Batch(new int[] {index}, T, null, new int[T], new int[] {T}, new float[T], 1, true, false);
      }

      @Override
      public long recordsPerEpoch() {
        return lengths.length;
      }
    };
  }

  @Test
  void trainLossIsTheMeanOverChunksAndBatchesWeightedByTheirTargets() throws IOException {
    // batch 1: T = 5 cut at k = 2 into chunks of 2, 2, 1 steps with losses 1, 0.25, 0.0625; batch 2: T = 2, loss 0.25
    FixedLosses pass = new FixedLosses(1f, 0.25f, 0.0625f, 0.25f);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    List<Long> records = new ArrayList<>();
    TrainingListener seen = new TrainingListener() {
      @Override
      public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
        records.add(run.state().records());
      }
    };
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), TrainerOptions.defaults(1, 1).withTbptt(2))
        .listener(recorder).listener(seen).build().fit(sequences(5, 2), null);
    List<TrainingEvent.BatchDone> batches = recorder.of(TrainingEvent.BatchDone.class);
    assertEquals((2 * 1 + 2 * 0.25 + 1 * 0.0625) / 5, batches.get(0).loss(), 1e-12);       // 0.5125, not the plain mean
    assertEquals(3, batches.get(0).step());
    assertEquals(0.25, batches.get(1).loss(), 1e-12);
    // epoch: (5 * 0.5125 + 2 * 0.25) / 7 = 3.0625 / 7
    assertEquals(3.0625 / 7, recorder.of(TrainingEvent.EpochDone.class).get(0).trainLoss(), 1e-12);
    assertEquals(List.of(1L, 2L), records, "records seen in the epoch after each batch");
  }

  @Test
  void theScheduleHearsEveryOptimizerStepIncludingEachChunkAndEveryEpoch() throws IOException {
    List<String> heard = new ArrayList<>();
    org.recurrent.optim.ScheduleDriver recording = new org.recurrent.optim.ScheduleDriver() {
      @Override
      public void afterStep(long step) {
        heard.add("step " + step);
      }

      @Override
      public void afterEpoch(int epoch, double monitored) {
        heard.add("epoch " + epoch + " " + monitored);
      }

      @Override
      public Map<String, Double> state() {
        return Map.of();
      }

      @Override
      public void load(Map<String, Double> state) {
      }
    };
    FixedLosses pass = new FixedLosses(1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f);
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), TrainerOptions.defaults(2, 1).withTbptt(2))
        .schedule(recording).build().fit(sequences(5, 2), null);
    assertEquals(List.of("step 1", "step 2", "step 3", "step 4", "epoch 0 1.0",
        "step 5", "step 6", "step 7", "step 8", "epoch 1 1.0"), heard);
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
