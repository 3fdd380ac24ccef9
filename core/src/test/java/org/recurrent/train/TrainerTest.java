package org.recurrent.train;

import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.tasks.ClassificationTask;
import org.recurrent.tasks.TaggingTask;

import org.recurrent.eval.Evaluator;
import org.recurrent.run.EventLog;
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
import org.recurrent.optim.Adam;
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
    return new Trainer(model, new ClassificationTask(), new Adam(model.parameters(), 0.02f), ScheduleDriver.constant(),
        options, checkpoints, EventLog.none(), Progress.quiet(), TrainerTest::accuracy);
  }

  @Test
  void classifierLearnsWellAboveChance() throws IOException {
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    Batcher train = new Batcher(signOfSum(400, 1), 16, false, false, 1, true, true, 1);
    Batcher val = new Batcher(signOfSum(200, 2), 64, false, false, 1, false, true, 1);
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
    BatchSource train = failing(new Batcher(signOfSum(90, 3), 8, false, false, 1, true, true, 5), failAfterBatches);
    Batcher val = new Batcher(signOfSum(30, 4), 16, false, false, 1, false, false, 0);
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
    Batcher clean = new Batcher(data, 10, false, false, 1, false, false, 1);
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
    Trainer t = trainer(model, TrainerOptions.defaults(3, 1), dir);
    var e = assertThrows(NonFiniteLossException.class, () -> t.fit(poisonedInEpoch2, null));
    assertEquals("training stopped: loss is NaN at epoch 2, batch 3 (step 7); the last good checkpoint is "
        + dir.resolve("last.safetensors") + " (left unchanged). Try a lower learning rate or training.clip_grad_norm.",
        e.getMessage());
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
      float[] x = new float[T], y = new float[T];
      for (int t = 0; t < T; t++) {
        x[t] = r.nextInt(3);
        y[t] = t == 0 ? 0 : x[t - 1];
      }
      data.add(new SequenceExample("e" + i, T, 1, x, y, "gen:" + i));
    }
    SequenceModel model = new SequenceModel(new SequenceModelConfig(Cell.parse("gru"), 0, 3, 4, -1, 16, 1, false, 0f, OutputMode.PER_STEP, null, 3),
        new Random(2));
    Trainer t = new Trainer(model, new TaggingTask(), new Adam(model.parameters(), 0.03f), ScheduleDriver.constant(),
        TrainerOptions.defaults(12, 1).withTbptt(4), null, EventLog.none(), Progress.quiet(), p -> Map.of());
    t.fit(new Batcher(data, 20, true, true, 1, true, false, 1), null);
    Predictions p = new Evaluator(new TaggingTask()).predict(model, new Batcher(data, 20, true, true, 1, false, false, 0));
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

  @Test
  void carriedStateIsCutFromTheGraph() {
    SequenceModel model = new SequenceModel(new SequenceModelConfig(Cell.parse("lstm"), 2, 0, 0, -1, 3, 1, false, 0f, OutputMode.PER_STEP, null, 2),
        new Random(1));
    Tensor x = Tensor.randn(new Random(2), 1f, 3, 1, 2).requiresGrad(true);
    var state = ModelRunner.detached(model.forward(x, null, null).state());
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
}
