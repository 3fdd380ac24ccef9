package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.optim.SGD;

class EarlyStoppingTest {

  /** Runs up to {@code epochs} epochs whose validation losses are {@code val}; returns the result. */
  private static Trainer.Result run(int epochs, int patience, ScriptedPass.Recorder recorder, double... val)
      throws IOException {
    return run(new ScriptedPass(val), TrainerOptions.defaults(epochs, 1).withEarlyStopping(patience, "loss", false),
        recorder, null);
  }

  private static Trainer.Result run(ScriptedPass pass, TrainerOptions options, ScriptedPass.Recorder recorder,
                                    Path checkpoints) throws IOException {
    Trainer.Builder b = Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), options)
        .listener(recorder);
    if (checkpoints != null) b.checkpoints(checkpoints);
    return b.build().fit(ScriptedPass.batches(2), ScriptedPass.batches(1));
  }

  @Test
  void patienceThreeStopsAfterExactlyThreeEpochsWithoutImprovement() throws IOException {
    var recorder = new ScriptedPass.Recorder();
    //                                           improves: 1    2    -     -     -     (never reached)
    Trainer.Result r = run(10, 3, recorder, 1.0, 0.9, 0.95, 0.96, 0.97, 0.1, 0.1);
    assertEquals("early_stopping", r.stopReason());
    assertEquals(5, r.epochsRun());
    assertEquals(1, r.bestEpoch(), "0-based: the second epoch");
    assertEquals(0.9, r.bestValue());
    assertEquals(List.of(0, 0, 1, 2, 3), recorder.of(TrainingEvent.EpochDone.class).stream()
        .map(TrainingEvent.EpochDone::epochsWithoutImprovement).toList());
    TrainingEvent.Stopped stop = recorder.of(TrainingEvent.Stopped.class).get(0);
    assertEquals(new TrainingEvent.Stopped("early_stopping", 5, 2, 10, 5, 2, 0.9), stop);
  }

  @Test
  void anImprovementOnThePthEpochResetsTheCount() throws IOException {
    var recorder = new ScriptedPass.Recorder();
    //                                         improves: 1    -    -    4    -    -     -     (never reached)
    Trainer.Result r = run(10, 3, recorder, 1.0, 1.1, 1.2, 0.8, 0.9, 0.95, 0.99, 0.1);
    assertEquals("early_stopping", r.stopReason());
    assertEquals(7, r.epochsRun());
    assertEquals(3, r.bestEpoch(), "0-based: the fourth epoch");
    assertEquals(0.8, r.bestValue());
    assertEquals(List.of(true, false, false, true, false, false, false), recorder.of(TrainingEvent.EpochDone.class)
        .stream().map(TrainingEvent.EpochDone::improved).toList());
  }

  @Test
  void patienceOneStopsAfterTheFirstEpochWithoutImprovement() throws IOException {
    Trainer.Result r = run(10, 1, new ScriptedPass.Recorder(), 1.0, 0.5, 0.6, 0.1);
    assertEquals("early_stopping", r.stopReason());
    assertEquals(3, r.epochsRun());
    assertEquals(1, r.bestEpoch());
  }

  @Test
  void patienceRunningOutOnTheLastEpochIsACompletedRun() throws IOException {
    Trainer.Result r = run(5, 3, new ScriptedPass.Recorder(), 1.0, 0.9, 0.95, 0.96, 0.97);
    assertEquals("completed", r.stopReason());
    assertEquals(5, r.epochsRun());
  }

  @Test
  void aHigherIsBetterMetricImprovesUpwards() throws IOException {
    // score = -loss: 1.0 -> -1.0, then 0.9 -> -0.9 improves (higher), 0.95.. do not
    ScriptedPass pass = new ScriptedPass(1.0, 0.9, 0.95, 0.96, 0.1);
    Trainer.Result r = run(pass, TrainerOptions.defaults(10, 1).withEarlyStopping(2, "score", true),
        new ScriptedPass.Recorder(), null);
    assertEquals("early_stopping", r.stopReason());
    assertEquals(4, r.epochsRun());
    assertEquals(1, r.bestEpoch());
    assertEquals(-0.9, r.bestValue());
  }

  @Test
  void theCountSurvivesAResume(@TempDir Path dir) throws IOException {
    double[] val = {1.0, 0.9, 0.95, 0.96, 0.97, 0.1};
    TrainerOptions options = TrainerOptions.defaults(4, 1).withEarlyStopping(3, "loss", false);
    run(new ScriptedPass(val), options, new ScriptedPass.Recorder(), dir);      // 4 epochs: two without improvement
    double[] rest = {0.97, 0.1};                                                 // epoch 5's is the third
    Trainer.Result r = run(new ScriptedPass(rest), options.withEpochs(10).withResume(true),
        new ScriptedPass.Recorder(), dir);
    assertEquals("early_stopping", r.stopReason());
    assertEquals(5, r.epochsRun());
    assertEquals(1, r.bestEpoch());
  }

  @Test
  void patienceBelowOneIsRefused() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0));
    assertEquals("patience must be >= 1 epoch, got 0", e.getMessage());
  }
}
