package org.recurrent.train;

import org.recurrent.data.BatchPlan;
import org.recurrent.data.TargetLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchSource;
import org.recurrent.models.ClosedFormFit;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.loss.MSELoss;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.optim.Adam;
import org.recurrent.optim.Optimizer;
import org.recurrent.tensor.Tensor;

class ClosedFormFitTest {
  private static final int F = 3;

  /**
   * A test-only model fitted in closed form: a linear read-out of the sequence's mean feature vector,
   * {@code y = w . mean_{t<len} x_t + b}, by least squares (the normal equations), as an echo-state network fits its
   * read-out on the reservoir's states.
   */
  static final class LeastSquaresReadout extends Module implements ClosedFormFit {
    final Tensor weight = registerParameter("weight", Tensor.zeros(1, F));
    final Tensor bias = registerParameter("bias", Tensor.zeros(1));
    int fits;

    @Override
    public void fit(BatchSource train, BatchSource validation, long seed) {
      fits++;
      double[][] a = new double[F + 1][F + 2];                   // [Z^T Z | Z^T y], z = (mean x, 1)
      for (int i = 0; i < train.batchesPerEpoch(); i++) {
        Batch batch = train.batch(0, i);
        double[][] z = means(batch);
        for (int b = 0; b < batch.size(); b++) {
          for (int r = 0; r <= F; r++) {
            for (int c = 0; c <= F; c++) a[r][c] += z[b][r] * z[b][c];
            a[r][F + 1] += z[b][r] * batch.targets()[b];
          }
        }
      }
      double[] beta = solve(a);
      for (int f = 0; f < F; f++) weight.data()[f] = (float) beta[f];
      bias.data()[0] = (float) beta[F];
    }

    /** (B, F + 1): each sequence's mean feature vector over its real steps, then 1. */
    static double[][] means(Batch batch) {
      int B = batch.size();
      double[][] z = new double[B][F + 1];
      float[] x = batch.features().data();                        // (T, B, F)
      for (int b = 0; b < B; b++) {
        int len = batch.lengths()[b];
        for (int t = 0; t < len; t++) for (int f = 0; f < F; f++) z[b][f] += x[(t * B + b) * F + f] / (double) len;
        z[b][F] = 1;
      }
      return z;
    }

    /** Gauss-Jordan elimination with partial pivoting on an augmented n x (n + 1) system. */
    private static double[] solve(double[][] a) {
      int n = a.length;
      for (int col = 0; col < n; col++) {
        int pivot = col;
        for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
        double[] swap = a[col];
        a[col] = a[pivot];
        a[pivot] = swap;
        for (int r = 0; r < n; r++) {
          if (r == col) continue;
          double m = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) a[r][c] -= m * a[col][c];
        }
      }
      double[] x = new double[n];
      for (int r = 0; r < n; r++) x[r] = a[r][n] / a[r][r];
      return x;
    }
  }

  /** Its pass: squared error of the read-out, as a regression task would score it. */
  static final class ReadoutPass implements ForwardPass {
    final LeastSquaresReadout model = new LeastSquaresReadout();
    private final MSELoss mse = new MSELoss();

    @Override
    public Module model() {
      return model;
    }

    @Override
    public Loss forward(Chunk chunk, RecurrentOutput initial) {
      Batch batch = chunk.batch();
      double[][] z = LeastSquaresReadout.means(batch);
      float[] zf = new float[batch.size() * F];
      for (int b = 0; b < batch.size(); b++) for (int f = 0; f < F; f++) zf[b * F + f] = (float) z[b][f];
      Tensor y = org.recurrent.ops.Ops.linear(Tensor.of(zf, batch.size(), F), model.weight, model.bias);   // (B, 1)
      return new Loss(mse.forward(y, Tensor.of(batch.targets(), batch.size(), 1)), batch.size(), null);
    }

    @Override
    public Validation evaluate(BatchSource source) {
      double sum = 0, n = 0;
      try (var g = Autograd.noGrad()) {
        for (int i = 0; i < source.batchesPerEpoch(); i++) {
          Loss l = forward(new Chunk(source.batch(0, i), null), null);
          sum += l.loss().item() * l.weight();
          n += l.weight();
        }
      }
      return new Validation(sum / n, Map.of());
    }

    @Override
    public boolean perStep() {
      return false;
    }

    @Override
    public String task() {
      return "regression";
    }
  }

  /** y = 0.5 m0 - 2 m1 + 0.25 m2 + 1.5 of the mean feature vector m, exactly: a read-out can fit it. */
  static List<SequenceExample> linear(int n, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 2 + r.nextInt(5);
      float[] x = new float[T * F];
      double[] m = new double[F];
      for (int t = 0; t < T; t++) {
        for (int f = 0; f < F; f++) {
          x[t * F + f] = (float) r.nextGaussian();
          m[f] += x[t * F + f] / (double) T;
        }
      }
      float y = (float) (0.5 * m[0] - 2 * m[1] + 0.25 * m[2] + 1.5);
      out.add(new SequenceExample("r" + i, T, F, x, new float[] {y}, "gen:" + i));
    }
    return out;
  }

  @Test
  void aClosedFormModelIsFittedInOneCallThenValidatedLoggedAndCheckpointed(@TempDir Path dir) throws IOException {
    ReadoutPass pass = new ReadoutPass();
    Optimizer adam = new Adam(pass.model.parameters(), 0.01f);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Path events = dir.resolve("events.jsonl");
    Trainer.Result r;
    try (EventLog log = EventLog.append(events)) {
      r = Trainer.builder(pass, adam, TrainerOptions.defaults(5, 1)).listener(log).listener(recorder)
          .checkpoints(dir.resolve("checkpoints")).build()
          .fit(new Batcher(linear(80, 1), BatchPlan.of(16).shuffled(1).bucketed(), TargetLayout.perRecord(1)),
              new Batcher(linear(30, 2), BatchPlan.of(16), TargetLayout.perRecord(1)));
    }
    assertEquals(1, pass.model.fits, "one closed-form fit, whatever training.epochs says");
    assertEquals(0, adam.stepCount(), "no gradient step");
    assertEquals("completed", r.stopReason());
    assertEquals(1, r.epochsRun());
    assertEquals(List.of("start", "epoch 1", "checkpoint best.safetensors", "checkpoint last.safetensors",
        "stop completed"), recorder.calls);
    TrainingEvent.EpochDone epoch = recorder.of(TrainingEvent.EpochDone.class).get(0);
    assertTrue(epoch.trainLoss() < 1e-10, "training loss of the fitted read-out " + epoch.trainLoss());
    assertTrue(epoch.val().get("loss") < 1e-10, "validation loss " + epoch.val());
    assertEquals(1, recorder.of(TrainingEvent.Started.class).get(0).epochs());
    assertArrayEquals(new float[] {0.5f, -2f, 0.25f}, pass.model.weight.data(), 1e-5f);
    assertEquals(1.5f, pass.model.bias.data()[0], 1e-5f);
    assertEquals(recorder.events, EventLog.read(events), "the events file holds the same events");
    Checkpoint best = Checkpoint.read(dir.resolve("checkpoints/best.safetensors"));
    assertArrayEquals(pass.model.weight.data(), best.model().get("weight").data());
    assertEquals(1, best.state().epoch());
  }

  @Test
  void aFinishedClosedFormRunResumesWithoutFittingAgain(@TempDir Path dir) throws IOException {
    Batcher train = new Batcher(linear(40, 3), BatchPlan.of(16).shuffled(1).bucketed(), TargetLayout.perRecord(1));
    ReadoutPass first = new ReadoutPass();
    Trainer.builder(first, new Adam(first.model.parameters(), 0.01f), TrainerOptions.defaults(1, 1))
        .checkpoints(dir).build().fit(train, null);
    ReadoutPass again = new ReadoutPass();
    Trainer.Result r = Trainer.builder(again, new Adam(again.model.parameters(), 0.01f),
        TrainerOptions.defaults(1, 1).withResume(true)).checkpoints(dir).build().fit(train, null);
    assertEquals(0, again.model.fits);
    assertEquals("completed", r.stopReason());
    assertArrayEquals(first.model.weight.data(), again.model.weight.data(), "weights from the checkpoint");
    assertTrue(Files.exists(dir.resolve(Trainer.LAST)));
  }
}
