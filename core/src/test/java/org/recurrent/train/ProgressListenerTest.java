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
}
