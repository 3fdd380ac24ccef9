package org.recurrent.run;

import org.recurrent.config.ConfigOverrides;
import org.recurrent.train.Progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.io.SafeTensors;
import org.recurrent.models.ModelDirectory;

class TrainingRunTest {

  /** 200 sequences of 6 values; label 1 when their sum is positive. */
  private static void data(Path dir) throws IOException {
    Random r = new Random(1);
    StringBuilder sb = new StringBuilder("v1,v2,v3,v4,v5,v6,y\n");
    for (int i = 0; i < 200; i++) {
      double s = 0;
      for (int j = 0; j < 6; j++) {
        double v = r.nextGaussian();
        s += v;
        sb.append(String.format(java.util.Locale.ROOT, "%.4f,", v));
      }
      sb.append(s > 0 ? "pos" : "neg").append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), sb.toString());
  }

  private static Path config(Path dir, String extra) throws IOException {
    data(dir);
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, """
        task: classification
        data:
          format: wide_csv
          train: d.csv
          options: {label_column: y}
        model: {cell: lstm, hidden_size: 8}
        training: {epochs: 2, batch_size: 16, optimizer: {name: adam, lr: 0.01}}
        """ + extra);
    return f;
  }

  private static TrainingRun.Options to(Path out) {
    return new TrainingRun.Options(out, false, false, null, Progress.quiet());
  }

  /**
   * A run releases the training thread's buffer pool once training is over (a process that trains and then
   * evaluates or predicts must not keep up to 256 MiB of training buffers). The pool cannot show it afterwards,
   * since the evaluation's inference passes refill it, so the releases are counted. Fails without the call.
   */
  @Test
  void releasesTheTrainingThreadsBufferPoolAfterTraining(@TempDir Path dir) throws IOException {
    long before = org.recurrent.rnn.Workspace.releases();
    TrainingRun.run(config(dir, ""), to(dir.resolve("m")));
    assertEquals(before + 1, org.recurrent.rnn.Workspace.releases(), "released once, after training");
  }

  @Test
  void writesACompleteModelDirectory(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    TrainingRun.Outcome o = TrainingRun.run(config(dir, ""), to(out));
    for (String f : new String[] {"config.json", "model.safetensors", "metrics.json", "provenance.json", "events.jsonl",
        "checkpoints/last.safetensors", "checkpoints/best.safetensors"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    assertEquals(java.util.List.of("neg", "pos"), ModelDirectory.read(out).manifest().classes());
    assertEquals("completed", o.metrics().stopReason());
    assertEquals(o.metrics(), RunMetrics.read(out.resolve("metrics.json")), "metrics.json holds the outcome's metrics");
    assertEquals(o.provenance(), Provenance.read(out.resolve("provenance.json")));
    assertEquals(List.of(new Provenance.DataFile(dir.resolve("d.csv").toAbsolutePath().toString(),
        Files.size(dir.resolve("d.csv")), Provenance.sha256(dir.resolve("d.csv")))), o.provenance().dataFiles());
    assertEquals(o.result().epochsRun(), o.provenance().epochs());
    assertEquals(o.metrics().bestEpoch(), o.provenance().bestEpoch());
    assertEquals(o.provenance().seconds(), java.time.Duration.between(o.provenance().started(),
        o.provenance().finished()).toMillis() / 1000.0);
  }

  @Test
  void refusesToReplaceAModelUnlessAsked(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    Path cfg = config(dir, "");
    TrainingRun.run(cfg, to(out));
    byte[] before = Files.readAllBytes(out.resolve("model.safetensors"));
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(cfg, to(out)));
    assertEquals("output directory " + out + " already holds a model or a run; use --resume to continue that run, "
        + "--overwrite to replace it, or --output for another directory", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(out.resolve("model.safetensors")));
  }

  @Test
  void badDataLeavesTheExistingModelUntouched(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    Path cfg = config(dir, "");
    TrainingRun.run(cfg, to(out));
    byte[] weights = Files.readAllBytes(out.resolve("model.safetensors"));
    byte[] events = Files.readAllBytes(out.resolve("events.jsonl"));
    Files.writeString(dir.resolve("d.csv"), "v1,v2,v3,v4,v5,v6,y\n1,2,3,4,5,6,pos\n1,2,3,x,5,6,neg\n");
    var e = assertThrows(IOException.class, () -> TrainingRun.run(cfg,
        new TrainingRun.Options(out, false, true, null, Progress.quiet())));
    assertTrue(e.getMessage().startsWith(dir.resolve("d.csv") + ":3: "), e.getMessage());
    assertArrayEquals(weights, Files.readAllBytes(out.resolve("model.safetensors")));
    assertArrayEquals(events, Files.readAllBytes(out.resolve("events.jsonl")));
  }

  @Test
  void resumedRunEndsWithTheSameWeightsAsAStraightRun(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, "");
    TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("a"), false, false, 2, Progress.quiet()));
    TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("b"), false, false, 1, Progress.quiet()));
    TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("b"), true, false, 2, Progress.quiet()));
    var a = SafeTensors.read(dir.resolve("a/model.safetensors")).tensors();
    var b = SafeTensors.read(dir.resolve("b/model.safetensors")).tensors();
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertArrayEquals(v.data(), b.get(k).data(), k));
  }

  /** A clock that moves one second on at every reading: the time budget's checks, not the machine, set the pace. */
  static java.time.InstantSource ticking() {
    java.time.Instant[] now = {java.time.Instant.parse("2026-12-01T00:00:00Z")};
    return () -> now[0] = now[0].plusSeconds(1);
  }

  private static TrainingRun.Options budgeted(Path out, boolean resume, String budget) {
    return new TrainingRun.Options(out, resume, false, null, Progress.quiet(), ConfigOverrides.none(),
        budget == null ? null : org.recurrent.train.TimeBudget.parse(budget), ticking());
  }

  @Test
  void aTimeBudgetStopsAtABatchBoundaryWithACheckpointAndResumeEndsAsAStraightRun(@TempDir Path dir)
      throws IOException {
    Path cfg = config(dir, "");
    TrainingRun.run(cfg, budgeted(dir.resolve("a"), false, null));
    // the clock is read at the start and after each batch: 3 s are up after the third batch of epoch 1 (of 10)
    TrainingRun.Outcome stopped = TrainingRun.run(cfg, budgeted(dir.resolve("b"), false, "3s"));
    assertEquals("time_budget", stopped.metrics().stopReason());
    assertEquals(0, stopped.metrics().epochs());
    assertEquals("time_budget", Provenance.read(dir.resolve("b/provenance.json")).stopReason());
    assertTrue(Files.exists(dir.resolve("b/model.safetensors")), "the outputs are written as after early stopping");
    assertEquals(stopped.metrics(), RunMetrics.read(dir.resolve("b/metrics.json")));
    assertEquals(3, org.recurrent.train.Checkpoint.read(dir.resolve("b/checkpoints/last.safetensors")).state().batch());
    List<String> tail = Files.readAllLines(dir.resolve("b/events.jsonl")).stream()
        .filter(l -> l.contains("\"event\":\"stop\"") || l.contains("\"event\":\"checkpoint\"")).toList();
    assertEquals(2, tail.size(), tail.toString());
    assertTrue(tail.get(0).contains("\"reason\":\"time_budget\",\"epoch\":1,\"batch\":3,\"step\":3"), tail.get(0));
    assertTrue(tail.get(1).contains("\"file\":\"last.safetensors\",\"epochs_done\":0,\"batches_done\":3"),
        tail.get(1));

    TrainingRun.Outcome resumed = TrainingRun.run(cfg, budgeted(dir.resolve("b"), true, null));
    assertEquals("completed", resumed.metrics().stopReason());
    var a = SafeTensors.read(dir.resolve("a/model.safetensors")).tensors();
    var b = SafeTensors.read(dir.resolve("b/model.safetensors")).tensors();
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertArrayEquals(v.data(), b.get(k).data(), k));
    assertEquals(RunMetrics.read(dir.resolve("a/metrics.json")).parts(), resumed.metrics().parts());
  }

  @Test
  void setOverridesChangeTheRunAndAreRecordedAndResumeRefusesOthers(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, "");
    Path out = dir.resolve("m");
    ConfigOverrides sets = ConfigOverrides.parse(List.of("model.hidden_size=5", "training.epochs=1"));
    TrainingRun.Outcome o = TrainingRun.run(cfg, new TrainingRun.Options(out, false, false, null, Progress.quiet(),
        sets, null, null));
    assertEquals(5, ModelDirectory.read(out).manifest().model().path("hidden_size").asInt());
    assertEquals(1, o.metrics().epochs());
    assertEquals(List.of("model.hidden_size=5", "training.epochs=1"), Provenance.read(out.resolve("provenance.json"))
        .overrides());
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(cfg, new TrainingRun.Options(out, true,
        false, 2, Progress.quiet(), ConfigOverrides.parse(List.of("model.hidden_size=5")), null, null)));
    assertEquals("the run in " + out + " was trained with --set model.hidden_size=5 --set training.epochs=1; resume it "
        + "with the same --set options (given: --set model.hidden_size=5)", e.getMessage());
    TrainingRun.run(cfg, new TrainingRun.Options(out, true, false, 2, Progress.quiet(), sets, null, null));
    assertEquals(2, RunMetrics.read(out.resolve("metrics.json")).epochs(), "--epochs beats training.epochs=1");
  }

  /** The schedule's own state (StepLR's epoch count, the plateau's best and patience) is in the checkpoint. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"{name: step, step_size: 1, gamma: 0.5}",
      "{name: plateau, factor: 0.5, patience: 0}"})
  void resumeRestoresTheLearningRateSchedule(String schedule, @TempDir Path dir) throws IOException {
    Path cfg = config(dir, "");
    Files.writeString(cfg, Files.readString(cfg).replace("optimizer: {name: adam, lr: 0.01}}",
        "optimizer: {name: adam, lr: 0.01}, schedule: " + schedule + "}"));
    TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("a"), false, false, 3, Progress.quiet()));
    TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("b"), false, false, 1, Progress.quiet()));
    TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("b"), true, false, 3, Progress.quiet()));
    var a = SafeTensors.read(dir.resolve("a/model.safetensors")).tensors();
    var b = SafeTensors.read(dir.resolve("b/model.safetensors")).tensors();
    a.forEach((k, v) -> assertArrayEquals(v.data(), b.get(k).data(), k));
  }

  @Test
  void warmStartCopiesTensorsThatMatchByNameAndShapeAndSaysWhichDidNot(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, "");
    TrainingRun.run(cfg, to(dir.resolve("base")));
    Path other = dir.resolve("other.yaml");
    // a wider network: only head.bias (2) still fits
    Files.writeString(other, Files.readString(cfg).replace("hidden_size: 8}", "hidden_size: 9}\ninit_from: base"));
    java.util.List<String> lines = new java.util.ArrayList<>();
    Progress recording = new Progress() {
      @Override
      public void batch(int e, int es, int b, int bs, double l, double r, String u, double eta) {
      }

      @Override
      public void line(String text) {
        lines.add(text);
      }
    };
    TrainingRun.run(other, new TrainingRun.Options(dir.resolve("o"), false, false, 1, recording));
    // the same epoch from head.bias's fresh values ends elsewhere
    Files.writeString(other, Files.readString(other).replace("\ninit_from: base", ""));
    TrainingRun.run(other, new TrainingRun.Options(dir.resolve("fresh"), false, false, 1, Progress.quiet()));
    assertTrue(!java.util.Arrays.equals(SafeTensors.read(dir.resolve("o/model.safetensors")).tensors().get("head.bias").data(),
        SafeTensors.read(dir.resolve("fresh/model.safetensors")).tensors().get("head.bias").data()),
        "head.bias was loaded from base");
    assertTrue(lines.stream().anyMatch(l -> l.equals("warm start from " + dir.resolve("base") + ": 1 tensors loaded, "
        + "5 left at their fresh values (different shape or name): [rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, "
        + "rnn.bias_hh_l0, head.weight]")), lines.toString());
  }

  @Test
  void resumeWithoutACheckpointIsRefused(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, "");
    var e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("x"), true, false, null, Progress.quiet())));
    assertEquals("nothing to resume: " + dir.resolve("x/checkpoints/last.safetensors") + " does not exist", e.getMessage());
  }

  @Test
  void multiLabelModelFromJsonLinesBeatsLabelFrequencies(@TempDir Path dir) throws IOException {
    // label "a" when feature 0 averages above 0, "b" likewise for feature 1, "c" never: recall@1 is learnable
    Random r = new Random(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      int T = 3 + r.nextInt(5);
      double s0 = 0, s1 = 0;
      StringBuilder x = new StringBuilder("[");
      for (int t = 0; t < T; t++) {
        double a = r.nextGaussian(), b = r.nextGaussian();
        s0 += a;
        s1 += b;
        x.append(t == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "[%.4f,%.4f]", a, b));
      }
      java.util.List<String> labels = new java.util.ArrayList<>();
      if (s0 > 0) labels.add("\"a\"");
      if (s1 > 0) labels.add("\"b\"");
      sb.append("{\"id\": \"s").append(i).append("\", \"x\": ").append(x).append("], \"y\": [")
          .append(String.join(",", labels)).append("]}\n");
    }
    Files.writeString(dir.resolve("m.jsonl"), sb.toString());
    Path cfg = dir.resolve("ml.yaml");
    Files.writeString(cfg, """
        task: multilabel
        data:
          format: jsonl
          train: m.jsonl
          options: {target: multilabel}
        model: {cell: gru, hidden_size: 12}
        training: {epochs: 6, batch_size: 16, optimizer: {name: adam, lr: 0.02}}
        """);
    var test = TrainingRun.run(cfg, to(dir.resolve("out"))).metrics().parts().get("test");
    double recall = test.metrics().get("recall@1");
    double frequency = test.baseline().get("label_frequency_recall@1");
    assertTrue(recall > frequency + 0.2, "recall@1 " + recall + " vs label frequency " + frequency);
  }

  @Test
  void perStepTaggingFromALongCsvWithTruncatedBptt(@TempDir Path dir) throws IOException {
    // one row per time step; the tag of a step is "up" when the value rose since the previous step: the state
    // must carry the previous value, also across the 4-step chunks of truncated BPTT
    Random r = new Random(9);
    StringBuilder sb = new StringBuilder("patient,time,value,tag\n");
    for (int i = 0; i < 150; i++) {
      int T = 6 + r.nextInt(10);
      double previous = 0;
      for (int t = 0; t < T; t++) {
        double v = r.nextGaussian();
        sb.append("p").append(i).append(',').append(t).append(',')
            .append(String.format(java.util.Locale.ROOT, "%.4f", v)).append(',').append(v > previous ? "up" : "down")
            .append('\n');
        previous = v;
      }
    }
    Files.writeString(dir.resolve("steps.csv"), sb.toString());
    Path cfg = dir.resolve("tag.yaml");
    Files.writeString(cfg, """
        task: tagging
        data:
          format: long_csv
          train: steps.csv
          options: {id_column: patient, time_column: time, label_column: tag, per_step_labels: true}
        model: {cell: gru, hidden_size: 12}
        training: {epochs: 10, batch_size: 16, tbptt: 4, optimizer: {name: adam, lr: 0.02}}
        """);
    var test = TrainingRun.run(cfg, to(dir.resolve("out"))).metrics().parts().get("test");
    double accuracy = test.metrics().get("accuracy");
    double majority = test.baseline().get("majority_class_accuracy");
    assertTrue(accuracy > majority + 0.2, "tag accuracy " + accuracy + " vs majority " + majority);
  }

  /** Keeps the progress lines. */
  private static final class Lines extends Progress {
    final List<String> lines = new java.util.ArrayList<>();

    @Override
    public void batch(int e, int es, int b, int bs, double l, double r, String u, double eta) {
    }

    @Override
    public void line(String text) {
      lines.add(text);
    }
  }

  @Test
  void anOverwritingRunTellsWhatItTrainsKeepsTheBestEpochAndLogsOnlyItsOwnEvents(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    Path cfg = config(dir, "");
    TrainingRun.run(cfg, to(out));
    // a rate high enough that a later epoch is worse than the best
    Files.writeString(cfg, Files.readString(cfg).replace("epochs: 2", "epochs: 4").replace("lr: 0.01", "lr: 0.3"));
    Lines progress = new Lines();
    TrainingRun.Outcome o = TrainingRun.run(cfg, new TrainingRun.Options(out, false, true, null, progress));
    assertEquals("training run: classification, lstm 370 parameters, 160 training / 20 validation / 20 test records -> "
        + out, progress.lines.get(0));
    assertEquals("model written to " + out + "; metrics in " + out.resolve("metrics.json"),
        progress.lines.get(progress.lines.size() - 1));
    List<org.recurrent.train.TrainingEvent> events = org.recurrent.train.EventLog.read(out.resolve("events.jsonl"));
    assertEquals(1, events.stream().filter(e -> e instanceof org.recurrent.train.TrainingEvent.Started).count(),
        "--overwrite removed the previous run's events");
    var start = (org.recurrent.train.TrainingEvent.Started) events.get(0);
    assertEquals(List.of("run", "classification"), List.of(start.name(), start.task()));
    var epochs = events.stream().filter(e -> e instanceof org.recurrent.train.TrainingEvent.EpochDone)
        .map(e -> (org.recurrent.train.TrainingEvent.EpochDone) e).toList();
    assertEquals(4, epochs.size());
    assertTrue(epochs.get(0).val().containsKey("accuracy"), "the task's metrics are validated: " + epochs.get(0).val());
    List<String> lines = Files.readAllLines(out.resolve("events.jsonl"));
    assertTrue(lines.get(lines.size() - 1).startsWith("{\"event\":\"final\","), lines.get(lines.size() - 1));
    assertEquals(java.util.OptionalDouble.of(epochs.get(3).trainLoss()), o.metrics().trainLoss(), "the last epoch's");
    // epoch 2 was the best (epochs 3 and 4 validate worse): the model written is epoch 2's, not the last
    assertEquals(2, o.metrics().bestEpoch());
    var written = SafeTensors.read(out.resolve("model.safetensors")).tensors();
    var best = org.recurrent.train.Checkpoint.read(out.resolve("checkpoints/best.safetensors")).model();
    var last = org.recurrent.train.Checkpoint.read(out.resolve("checkpoints/last.safetensors")).model();
    assertEquals(best.keySet(), written.keySet());
    best.forEach((k, v) -> assertArrayEquals(v.data(), written.get(k).data(), k));
    assertTrue(last.entrySet().stream().anyMatch(e -> !java.util.Arrays.equals(e.getValue().data(),
        written.get(e.getKey()).data())), "the last epoch's weights differ from the best's");
  }

  @Test
  void aTaskTheDataHaveNoTargetsForIsRefusedBeforeTraining(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, "");
    Files.writeString(cfg, Files.readString(cfg).replace("task: classification", "task: tagging"));
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(cfg, to(dir.resolve("m"))));
    assertEquals("task tagging needs one class label per time step (per_step_labels / target: per_step_class), but the "
        + "data have class targets", e.getMessage());
    assertTrue(!Files.exists(dir.resolve("m")), "nothing was written");
  }

  @Test
  void aCosineScheduleOverTruncatedBpttChunksEndsAtTheRunsLastOptimizerStep(@TempDir Path dir) throws IOException {
    // sequences of 3..12 steps in chunks of 4: a batch takes ceil(longest / 4) optimizer steps, not one
    Random r = new Random(3);
    StringBuilder sb = new StringBuilder("patient,time,value,tag\n");
    for (int i = 0; i < 40; i++) {
      int T = 3 + r.nextInt(10);
      for (int t = 0; t < T; t++) {
        double v = r.nextGaussian();
        sb.append("p").append(i).append(',').append(t).append(',')
            .append(String.format(java.util.Locale.ROOT, "%.4f", v)).append(',').append(v > 0 ? "up" : "down").append('\n');
      }
    }
    Files.writeString(dir.resolve("steps.csv"), sb.toString());
    Path cfg = dir.resolve("tag.yaml");
    Files.writeString(cfg, """
        task: tagging
        data:
          format: long_csv
          train: steps.csv
          options: {id_column: patient, time_column: time, label_column: tag, per_step_labels: true}
        model: {cell: gru, hidden_size: 4}
        training: {epochs: 2, batch_size: 8, tbptt: 4, optimizer: {name: sgd, lr: 0.1}, schedule: {name: cosine}}
        """);
    TrainingRun.run(cfg, to(dir.resolve("out")));
    var events = org.recurrent.train.EventLog.read(dir.resolve("out/events.jsonl"));
    var batches = events.stream().filter(e -> e instanceof org.recurrent.train.TrainingEvent.BatchDone)
        .map(e -> (org.recurrent.train.TrainingEvent.BatchDone) e).toList();
    long steps = batches.get(batches.size() - 1).step();
    assertTrue(steps > batches.size(), steps + " steps in " + batches.size() + " batches");
    // the last step ran at lr(S - 1) = 0.1 (1 + cos(pi (S - 1) / S)) / 2 > 0, and then the rate is min_lr = 0
    assertEquals(0.1 * (1 + Math.cos(Math.PI * (steps - 1) / steps)) / 2, batches.get(batches.size() - 1).lr(), 1e-7);
    var epochs = events.stream().filter(e -> e instanceof org.recurrent.train.TrainingEvent.EpochDone)
        .map(e -> (org.recurrent.train.TrainingEvent.EpochDone) e).toList();
    assertEquals(0.0, epochs.get(1).lr(), 1e-9);
  }

  @Test
  void aRunWithFeatureScalingWritesTheScalerItFitted(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, "");
    Files.writeString(cfg, Files.readString(cfg).replace("options: {label_column: y}",
        "options: {label_column: y}\n  feature_scaling: zscore"));
    Path out = dir.resolve("m");
    TrainingRun.run(cfg, new TrainingRun.Options(out, false, false, 1, Progress.quiet()));
    assertEquals(java.util.Map.of("feature_scaler", TrainingRun.FEATURE_SCALER, "baselines", TrainingRun.BASELINES), ModelDirectory.read(out).manifest().files());
    org.recurrent.data.timeseries.Scaler.load(out.resolve(TrainingRun.FEATURE_SCALER));   // there, and readable
  }
}
