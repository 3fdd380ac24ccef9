package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.Checkpoint;
import org.recurrent.train.EventLog;
import org.recurrent.train.Progress;
import org.recurrent.train.Trainer;
import org.recurrent.train.TrainerState;

/**
 * The crash-safety findings of issue 15, one test each: a run directory's outputs are never written through a
 * symbolic link, a checkpoint that does not fit the run is refused on resume, a killed run's temporary files and torn
 * events line are cleaned up, and {@code metrics.json} after a resume equals the uninterrupted run's.
 */
class RunCrashSafetyTest {
  @TempDir Path dir;

  private Path config() throws IOException {
    Random r = new Random(1);
    StringBuilder sb = new StringBuilder("v1,v2,v3,v4,y\n");
    for (int i = 0; i < 120; i++) {
      double s = 0;
      for (int j = 0; j < 4; j++) {
        double v = r.nextGaussian();
        s += v;
        sb.append(String.format(Locale.ROOT, "%.4f,", v));
      }
      sb.append(s > 0 ? "pos" : "neg").append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), sb.toString());
    return Files.writeString(dir.resolve("run.yaml"), """
        task: classification
        data:
          format: wide_csv
          train: d.csv
          options: {label_column: y}
        model: {cell: gru, hidden_size: 5}
        training: {epochs: 2, batch_size: 16, checkpoint_every_batches: 2, optimizer: {name: adam, lr: 0.01}}
        """);
  }

  private static TrainingRun.Options fresh(Path out) {
    return new TrainingRun.Options(out, false, false, null, Progress.quiet());
  }

  private static TrainingRun.Options resume(Path out) {
    return new TrainingRun.Options(out, true, false, null, Progress.quiet());
  }

  @Test
  void metricsAfterAResumePastTheLastEpochEqualTheStraightRuns() throws IOException {
    Path cfg = config();
    TrainingRun.run(cfg, fresh(dir.resolve("a")));
    Path b = dir.resolve("b");
    TrainingRun.run(cfg, fresh(b));
    // Killed after the last checkpoint, while the model files were being written.
    for (String f : new String[] {"metrics.json", "model.safetensors", "config.json", "provenance.json"}) {
      Files.delete(b.resolve(f));
    }
    TrainingRun.run(cfg, resume(b));
    assertEquals(Files.readString(dir.resolve("a/metrics.json")), Files.readString(b.resolve("metrics.json")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")), Files.readAllBytes(b.resolve("model.safetensors")));
  }

  /**
   * A forecast that stops early (the one run that did not resume to the same model was a time series): killed
   * after the checkpoint of the epoch that stopped it, the resumed run must stop there too, not train on.
   */
  @Test
  void aForecastKilledAfterItsEarlyStopResumesToTheSameModel() throws IOException {
    Random r = new Random(3);
    StringBuilder csv = new StringBuilder("t,v\n");
    for (int i = 0; i < 400; i++) csv.append(i).append(',').append(String.format(Locale.ROOT, "%.4f", r.nextGaussian())).append('\n');
    Files.writeString(dir.resolve("s.csv"), csv.toString());
    Path cfg = Files.writeString(dir.resolve("f.yaml"), """
        task: forecast
        data:
          format: timeseries_csv
          train: s.csv
          options: {time_column: t, targets: [v], lags: 8, horizon: 2, scaling: minmax}
          split: {method: chronological, train: 0.8, validation: 0.1}
        model: {cell: gru, hidden_size: 4}
        training: {epochs: 30, batch_size: 32, patience: 1, optimizer: {name: adam, lr: 0.05}}
        """);
    TrainingRun.Outcome straight = TrainingRun.run(cfg, fresh(dir.resolve("a")));
    assertEquals("early_stopping", straight.metrics().stopReason(), "the run must stop early for this test to test it");
    Path b = dir.resolve("b");
    TrainingRun.run(cfg, fresh(b));
    for (String f : new String[] {"metrics.json", "model.safetensors", "config.json", "provenance.json", "scaler.json"}) {
      Files.deleteIfExists(b.resolve(f));
    }
    TrainingRun.run(cfg, resume(b));
    assertEquals(Files.readString(dir.resolve("a/metrics.json")), Files.readString(b.resolve("metrics.json")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")), Files.readAllBytes(b.resolve("model.safetensors")));
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointResumesFromTheStart() throws IOException {
    Path cfg = config();
    TrainingRun.run(cfg, fresh(dir.resolve("a")));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(b.resolve("events.jsonl"), "{\"event\":\"start\",\"time\":\"2026-12-01T00:00:00Z\"}\n");
    TrainingRun.run(cfg, resume(b));
    assertEquals(Files.readString(dir.resolve("a/metrics.json")), Files.readString(b.resolve("metrics.json")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")), Files.readAllBytes(b.resolve("model.safetensors")));
  }

  @Test
  void refusesAnEventsFileThatIsALinkOnAFreshRunAndOnResume() throws IOException {
    Path cfg = config();
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me\n");
    Path out = Files.createDirectories(dir.resolve("m"));
    Files.createSymbolicLink(out.resolve("events.jsonl"), victim);
    IOException e = assertThrows(IOException.class, () -> TrainingRun.run(cfg, fresh(out)));
    assertEquals(out.resolve("events.jsonl") + ": is a symbolic link (to " + victim + "); refused: outputs are never "
        + "written through a link. HINT: remove the link, or write to another directory", e.getMessage());

    Files.delete(out.resolve("events.jsonl"));
    TrainingRun.run(cfg, fresh(out));
    Files.delete(out.resolve("events.jsonl"));
    Files.createSymbolicLink(out.resolve("events.jsonl"), victim);
    e = assertThrows(IOException.class, () -> TrainingRun.run(cfg, resume(out)));
    assertTrue(e.getMessage().startsWith(out.resolve("events.jsonl") + ": is a symbolic link"), e.getMessage());
    assertEquals("keep me\n", Files.readString(victim));
  }

  @Test
  void refusesACheckpointsFolderOrMetricsFileThatIsALink() throws IOException {
    Path cfg = config();
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path out = Files.createDirectories(dir.resolve("m"));
    Files.createSymbolicLink(out.resolve("checkpoints"), elsewhere);
    IOException e = assertThrows(IOException.class, () -> TrainingRun.run(cfg, fresh(out)));
    assertTrue(e.getMessage().startsWith(out.resolve("checkpoints") + ": is a symbolic link"), e.getMessage());
    assertEquals(0, elsewhere.toFile().list().length);
    Files.delete(out.resolve("checkpoints"));
    Files.createSymbolicLink(out.resolve("metrics.json"), elsewhere.resolve("m.json"));
    e = assertThrows(IOException.class, () -> TrainingRun.run(cfg, fresh(out)));
    assertTrue(e.getMessage().startsWith(out.resolve("metrics.json") + ": is a symbolic link"), e.getMessage());
  }

  @Test
  void removesStaleTemporaryFilesOnStart() throws IOException {
    Path cfg = config();
    Path out = dir.resolve("m");
    TrainingRun.run(cfg, new TrainingRun.Options(out, false, false, 1, Progress.quiet()));
    Path t1 = Files.writeString(out.resolve(".metrics.json8812.tmp"), "{");
    Path t2 = Files.write(out.resolve("checkpoints/.last.safetensors.3fa9.tmp"), new byte[3]);
    Path mine = Files.writeString(out.resolve("notes.tmp"), "not ours");
    TrainingRun.run(cfg, resume(out));
    assertFalse(Files.exists(t1));
    assertFalse(Files.exists(t2));
    assertTrue(Files.exists(mine));
  }

  @Test
  void refusesACheckpointWhosePositionIsOutsideTheRun() throws IOException {
    Path cfg = config();
    Path out = dir.resolve("m");
    TrainingRun.run(cfg, new TrainingRun.Options(out, false, false, 1, Progress.quiet()));
    Path last = out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.LAST);
    Checkpoint c = Checkpoint.read(last);
    TrainerState s = c.state();
    for (int[] at : new int[][] {{s.epoch(), -1}, {s.epoch(), 10_000}, {5, 0}, {-1, 0}}) {
      TrainerState bad = new TrainerState(at[0], at[1], s.step(), s.bestValue(), s.bestEpoch(), s.badEpochs(),
          s.lossSum(), s.lossWeight(), s.records(), s.lastEpochLoss());
      new Checkpoint(c.model(), c.optimizer(), c.carry(), bad, c.schedule()).write(last);
      IOException e = assertThrows(IOException.class, () -> TrainingRun.run(cfg, resume(out)));
      assertTrue(e.getMessage().startsWith(last + ": cannot resume from this checkpoint: "), e.getMessage());
    }
    TrainerState negative = new TrainerState(s.epoch(), 0, -3, s.bestValue(), s.bestEpoch(), s.badEpochs(), 0, 0, 0,
        s.lastEpochLoss());
    new Checkpoint(c.model(), c.optimizer(), c.carry(), negative, c.schedule()).write(last);
    IOException e = assertThrows(IOException.class, () -> TrainingRun.run(cfg, resume(out)));
    assertEquals(last + ": cannot resume from this checkpoint: step -3 is negative; it does not belong to this run "
        + "(remove it and train afresh, or restore the right file)", e.getMessage());
  }

  @Test
  void refusesACheckpointWithAMissingField() throws IOException {
    Path cfg = config();
    Path out = dir.resolve("m");
    TrainingRun.run(cfg, new TrainingRun.Options(out, false, false, 1, Progress.quiet()));
    Path last = out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.LAST);
    var f = org.recurrent.io.SafeTensors.read(last);
    var meta = new java.util.LinkedHashMap<>(f.metadata());
    meta.put("trainer", meta.get("trainer").replaceFirst("\"step\":\\d+,", ""));
    org.recurrent.io.SafeTensors.write(last, f.tensors(), meta);
    IOException e = assertThrows(IOException.class, () -> TrainingRun.run(cfg, resume(out)));
    assertEquals(last + ": checkpoint metadata is unreadable: \"trainer\" lacks the field 'step'", e.getMessage());
  }

  @Test
  void aTornLastEventsLineIsDroppedOnResume() throws IOException {
    Path cfg = config();
    Path out = dir.resolve("m");
    TrainingRun.run(cfg, new TrainingRun.Options(out, false, false, 1, Progress.quiet()));
    Path events = out.resolve(ModelDirectory.EVENTS);
    Files.writeString(events, "{\"event\":\"batch\",\"ti", StandardOpenOption.APPEND);    // killed mid-line
    TrainingRun.run(cfg, new TrainingRun.Options(out, true, false, 2, Progress.quiet()));
    EventLog.read(events);                                                                  // every line whole
  }
}
