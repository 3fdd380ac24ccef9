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
    final List<Double> etas = new ArrayList<>();

    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double loss, double rate, String unit, double eta) {
      statuses.add((epoch + 1) + "/" + epochs + " " + (batch + 1) + "/" + batches + " " + unit);
      etas.add(eta);
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
    assertTrue(Double.isNaN(progress.etas.get(0)), "no ETA from the first batch alone: " + progress.etas);
    assertEquals("epoch 2", progress.lines.get(1).substring(0, 7));
    assertEquals("early stopping: no improvement of loss for 2 epochs (best 0.900000 at epoch 2)", progress.lines.get(4));
  }

  @Test
  void runEtaCoversTheRemainingEpochsOnceAFewBatchesOrSecondsAreTimed() {
    assertTrue(Double.isNaN(ProgressListener.runEta(100, 0, 0)));
    assertTrue(Double.isNaN(ProgressListener.runEta(100, 1, 0.01)), "one quick batch is not enough");
    assertTrue(Double.isNaN(ProgressListener.runEta(100, 2, 1.9)));
    assertEquals(250, ProgressListener.runEta(100, 1, 2.5), 1e-9, "2 s of timing is enough");
    assertEquals(10, ProgressListener.runEta(100, 3, 0.3), 1e-9, "so are 3 batches");
  }

  /** Rate = records since the clock (re)started / seconds since; the ETA waits for 3 timed batches or 2 s. */
  @Test
  void batchStatusCarriesPositionLossRateAndTheWholeRunsEta() throws Exception {
    List<double[]> seen = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    Progress recording = new Progress() {
      @Override
      public void batch(int epoch, int epochs, int batch, int batches, double loss, double rate, String unit, double eta) {
        seen.add(new double[] {epoch, epochs, batch, batches, loss, rate, eta});
      }

      @Override
      public void line(String text) {
        lines.add(text);
      }
    };
    TrainerState[] state = {TrainerState.start()};
    TrainingContext run = new TrainingContext() {
      @Override
      public TrainerOptions options() {
        return TrainerOptions.defaults(2, 1);
      }

      @Override
      public TrainerState state() {
        return state[0];
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
    };
    ProgressListener listener = new ProgressListener(recording);
    long outerStart = System.nanoTime();
    listener.onStart(run, new TrainingEvent.Started("r", "t", 1, 1, false, 2, 4, "rec"));
    long innerStart = System.nanoTime();
    long[] before = new long[4], after = new long[4];
    for (int b = 1; b <= 4; b++) {
      Thread.sleep(20);
      state[0] = new TrainerState(0, b, b, Double.NaN, -1, 0, 1.5 * b, 3 * b, 8L * b);   // loss sum / weight = 0.5
      before[b - 1] = System.nanoTime();
      listener.onBatchEnd(run, new TrainingEvent.BatchDone(1, b, b, 0.5, 0.1, 1, false));
      after[b - 1] = System.nanoTime();
    }
    double[] first = seen.get(0), fourth = seen.get(3);
    assertEquals(List.of(0.0, 2.0, 0.0, 4.0, 0.5), List.of(first[0], first[1], first[2], first[3], first[4]));
    for (int i = 0; i < 3; i++) {
      assertTrue(Double.isNaN(seen.get(i)[6]), "batch " + (i + 1) + ": fewer than 3 batches timed since the first");
    }
    double low = 32 / ((after[3] - outerStart) / 1e9), high = 32 / ((before[3] - innerStart) / 1e9);
    assertTrue(fourth[5] >= low && fourth[5] <= high, "rate " + fourth[5] + " in [" + low + ", " + high + "]");
    // batch 4 of 4 in epoch 1 of 2: the 4 batches of epoch 2 left, at the pace of the 3 timed since batch 1
    double etaLow = 4 * ((before[3] - after[0]) / 1e9) / 3, etaHigh = 4 * ((after[3] - before[0]) / 1e9) / 3;
    assertEquals(3.0, fourth[2]);
    assertTrue(fourth[6] >= etaLow && fourth[6] <= etaHigh, "eta " + fourth[6] + " in [" + etaLow + ", " + etaHigh + "]");

    // a resume restarts the clock from the state's records: 8 records later, the rate counts only those 8
    state[0] = new TrainerState(1, 1, 5, 0.3, 0, 0, 0.5, 1, 100);
    listener.onResume(run, new TrainingEvent.Resumed("last.safetensors", 2, 2, 5));
    long resumed = System.nanoTime();
    assertEquals(List.of("resumed from last.safetensors at epoch 2, batch 2"), lines);
    Thread.sleep(20);
    state[0] = new TrainerState(1, 2, 6, 0.3, 0, 0, 1.0, 2, 108);
    long beforeLast = System.nanoTime();
    listener.onBatchEnd(run, new TrainingEvent.BatchDone(2, 2, 6, 0.5, 0.1, 1, false));
    double rate = seen.get(4)[5];
    assertTrue(rate <= 8 / ((beforeLast - resumed) / 1e9) && rate > 0, "rate " + rate + " counts the 8 records since");

    // an epoch's end restarts it too: the epoch-end state's 108 records are not counted again
    listener.onEpochEnd(run, new TrainingEvent.EpochDone(2, 0.25, Map.of(), 0.1, 1.0, false, 1));
    long ended = System.nanoTime();
    Thread.sleep(20);
    state[0] = new TrainerState(1, 3, 7, 0.3, 0, 0, 1.5, 3, 112);
    long beforeNext = System.nanoTime();
    listener.onBatchEnd(run, new TrainingEvent.BatchDone(2, 3, 7, 0.5, 0.1, 1, false));
    rate = seen.get(5)[5];
    assertTrue(rate <= 4 / ((beforeNext - ended) / 1e9) && rate > 0, "rate " + rate + " counts the 4 records since");
  }

  @Test
  void runEtaNeedsTimeAndTwoSecondsAreEnough() {
    assertTrue(Double.isNaN(ProgressListener.runEta(100, 5, 0)), "no time measured, no estimate");
    assertEquals(200, ProgressListener.runEta(100, 1, 2.0), 1e-9, "exactly 2 s of timing is enough");
  }
}
