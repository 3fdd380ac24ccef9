package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.optim.SGD;

class ProgressListenerTest {

  /** Keeps the lines, and the batch statuses as "epoch/epochs batch/batches". */
  private static final class Lines extends Progress {
    final List<String> lines = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();

    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double loss, double rate, String unit, double eta) {
      statuses.add((epoch + 1) + "/" + epochs + " " + (batch + 1) + "/" + batches + " " + unit);
    }

    @Override
    public void line(String text) {
      lines.add(text);
    }
  }

  @Test
  void epochSummaryListsTheMetricsRowAndMarksAnImprovement() {
    Map<String, Double> val = new LinkedHashMap<>();
    val.put("loss", 0.48231);
    val.put("accuracy", 0.76834);
    assertEquals("epoch 3  train_loss 0.3442  val_loss 0.4823  val_accuracy 0.7683  lr 0.00200  seconds 4.1572  *",
        ProgressListener.summary(new TrainingEvent.EpochDone(3, 0.34421, val, 0.002, 4.15723, true, 0)));
    assertEquals("epoch 1  train_loss 0.5000  lr 0.100  seconds 1.0000",
        ProgressListener.summary(new TrainingEvent.EpochDone(1, 0.5, Map.of(), 0.1, 1, false, 1)));
  }

  @Test
  void aRunShowsBatchStatusesEpochLinesAndWhyItStoppedEarly() throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0, 0.9, 0.95, 0.96);
    Lines progress = new Lines();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0),
            TrainerOptions.defaults(10, 1).withEarlyStopping(2, "loss", false))
        .progress(progress).build().fit(ScriptedPass.batches(2), ScriptedPass.batches(1));
    assertEquals(List.of("1/10 1/2 rec", "1/10 2/2 rec", "2/10 1/2 rec", "2/10 2/2 rec", "3/10 1/2 rec", "3/10 2/2 rec",
        "4/10 1/2 rec", "4/10 2/2 rec"), progress.statuses);
    assertEquals(5, progress.lines.size(), progress.lines.toString());
    assertEquals("epoch 2", progress.lines.get(1).substring(0, 7));
    assertEquals("early stopping: no improvement of loss for 2 epochs (best 0.900000 at epoch 2)", progress.lines.get(4));
  }

  /** Keeps the numbers of every batch status. */
  private static final class Numbers extends Progress {
    final List<double[]> statuses = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double loss, double rate, String unit, double eta) {
      statuses.add(new double[] {epoch, epochs, batch, batches, loss, rate, eta});
    }

    @Override
    public void line(String text) {
      lines.add(text);
    }
  }

  /** A run whose state the test sets. */
  private static final class At implements TrainingContext {
    TrainerState state = TrainerState.start();

    @Override
    public TrainerOptions options() {
      return TrainerOptions.defaults(3, 1);
    }

    @Override
    public TrainerState state() {
      return state;
    }

    @Override
    public Checkpoint checkpoint() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkpointWritten(java.nio.file.Path file, Checkpoint checkpoint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void requestStop(String reason) {
      throw new UnsupportedOperationException();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Checks the last status: rate = records since the clock started / seconds since, and ETA = batches left x seconds
   * per batch since then, with the seconds between {@code inner} (measured inside) and {@code outer}.
   */
  private static void assertStatus(double[] s, long records, int batchesLeft, int batchesRun, double inner, double outer) {
    assertTrue(s[5] >= records / outer && s[5] <= records / inner, "rate " + s[5] + " for " + records + " records in "
        + inner + " .. " + outer + " s");
    double perBatch = 1.0 / batchesRun;
    assertTrue(s[6] >= batchesLeft * inner * perBatch && s[6] <= batchesLeft * outer * perBatch, "eta " + s[6]
        + " for " + batchesLeft + " batches left after " + batchesRun + " in " + inner + " .. " + outer + " s");
  }

  private static double since(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }

  @Test
  void rateAndEtaCountFromTheStartTheResumeAndEachEpochEnd() {
    Numbers progress = new Numbers();
    ProgressListener listener = new ProgressListener(progress);
    At run = new At();

    long outer = System.nanoTime();
    listener.onStart(run, new TrainingEvent.Started("run", "t", 1, 1, false, 3, 10, "rec"));
    long inner = System.nanoTime();
    sleep();
    run.state = new TrainerState(0, 4, 4, Double.NaN, -1, 0, 2.0, 8, 40);
    double in = since(inner);
    listener.onBatchEnd(run, new TrainingEvent.BatchDone(1, 4, 4, 0.5, 0.1, 1, false));
    double out = since(outer);
    double[] s = progress.statuses.get(0);
    assertEquals(List.of(0.0, 3.0, 3.0, 10.0, 0.25), List.of(s[0], s[1], s[2], s[3], s[4]));   // loss 2 / 8
    assertStatus(s, 40, 6, 4, in, out);

    // resumed at epoch 2, batch 7 (6 done, 30 records): counts from there
    sleep();
    run.state = new TrainerState(1, 6, 16, 0.3, 0, 0, 1.5, 6, 30);
    outer = System.nanoTime();
    listener.onResume(run, new TrainingEvent.Resumed("last.safetensors", 2, 7, 16));
    inner = System.nanoTime();
    assertEquals(List.of("resumed from last.safetensors at epoch 2, batch 7"), progress.lines);
    sleep();
    run.state = new TrainerState(1, 8, 18, 0.3, 0, 0, 2.0, 8, 50);
    in = since(inner);
    listener.onBatchEnd(run, new TrainingEvent.BatchDone(2, 8, 18, 0.5, 0.1, 1, false));
    out = since(outer);
    assertStatus(progress.statuses.get(1), 20, 2, 2, in, out);

    // the epoch ends: the next epoch's clock starts at 0 records, batch 0
    sleep();
    run.state = new TrainerState(2, 0, 20, 0.3, 0, 0, 0, 0, 0);
    outer = System.nanoTime();
    listener.onEpochEnd(run, new TrainingEvent.EpochDone(2, 0.25, Map.of(), 0.1, 1.0, false, 1));
    inner = System.nanoTime();
    sleep();
    run.state = new TrainerState(2, 1, 21, 0.3, 0, 0, 1.0, 4, 5);
    in = since(inner);
    listener.onBatchEnd(run, new TrainingEvent.BatchDone(3, 1, 21, 0.25, 0.1, 1, false));
    out = since(outer);
    assertStatus(progress.statuses.get(2), 5, 9, 1, in, out);
  }
}
