package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.train.TrainerFixtures.classifier;
import static org.recurrent.train.TrainerFixtures.echo;
import static org.recurrent.train.TrainerFixtures.tagger;
import static org.recurrent.train.TrainerFixtures.trainer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetLayout;
import org.recurrent.eval.Evaluator;
import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.optim.Adam;
import org.recurrent.optim.SGD;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.TaggingTask;
import org.recurrent.tensor.Tensor;

/**
 * Truncated BPTT in the trainer: the recurrent state is carried from chunk to chunk but cut from the graph, so a
 * chunk's gradients are those from the carried state held as constants; the loss is weighted by each chunk's
 * targets; the schedule hears every chunk's step; a sequence-output model refuses it.
 */
class TrainerTbpttTest {
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
}
