package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.ConfigOverrides;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.Progress;

/** {@code train --seeds}: one run per seed equal to a plain run of that seed, the summary, resuming, bad options. */
class SeedRunsTest {

  /** 200 sequences of 6 values; label pos when their sum is positive. */
  private static Path config(Path dir, String split) throws IOException {
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
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, """
        name: tiny
        seed: 7
        task: classification
        data:
          format: wide_csv
          train: d.csv
          options: {label_column: y}
          split: %s
        model: {cell: lstm, hidden_size: 8}
        training: {epochs: 2, batch_size: 16, optimizer: {name: adam, lr: 0.01}}
        """.formatted(split));
    return f;
  }

  /** The split fixed by its own seed: every run seed sees the same records. */
  private static final String FIXED_SPLIT = "{method: ratio, train: 0.8, validation: 0.1, seed: 3}";

  private static TrainingRun.Options to(Path out, String... sets) {
    return new TrainingRun.Options(out, false, false, null, Progress.quiet(), ConfigOverrides.parse(List.of(sets)),
        null, null);
  }

  private static TrainingRun.Options resuming(Path out) {
    return new TrainingRun.Options(out, true, false, null, Progress.quiet());
  }

  private static TrainingRun.Options overwriting(Path out) {
    return new TrainingRun.Options(out, false, true, null, Progress.quiet());
  }

  @Test
  void eachSeedIsThePlainRunOfThatSeed(@TempDir Path dir) throws IOException {
    Path config = config(dir, FIXED_SPLIT);
    SeedRuns.Outcome o = SeedRuns.run(config, to(dir.resolve("seeds")), "2", null);
    assertEquals(List.of(7L, 8L), o.summary().seeds(), "a count starts at the config's seed, 7");
    assertEquals(List.of(7L, 8L), o.trained());

    Path plain = dir.resolve("plain-8");
    TrainingRun.run(config, to(plain, "seed=8"));
    Path seed8 = dir.resolve("seeds/seed-8");
    for (String f : List.of("model.safetensors", "config.json", "metrics.json", "baselines.json", "feature_scaler.json")) {
      if (Files.exists(plain.resolve(f)) || Files.exists(seed8.resolve(f))) {
        assertArrayEquals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(seed8.resolve(f)), f);
      }
    }
    Provenance p = Provenance.read(seed8.resolve("provenance.json"));
    assertEquals(8, p.seed());
    assertEquals(List.of("seed=8"), p.overrides(), "recorded as a plain run's --set seed=8");
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(seed8.resolve("model.safetensors")),
        Files.readAllBytes(dir.resolve("seeds/seed-7/model.safetensors"))), "another seed, other weights");
  }

  @Test
  void seedsJsonSummarisesTheSeedsOwnMetrics(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("seeds");
    SeedRuns.run(config(dir, FIXED_SPLIT), to(out), "3,1,2", null);
    JsonNode json = ModelDirectory.JSON.readTree(out.resolve("seeds.json").toFile());
    assertEquals("[3,1,2]", json.path("seeds").toString(), "in the order given");
    for (String metric : List.of("accuracy", "loss", "roc_auc")) {
      double[] v = new double[3];
      int i = 0;
      for (long s : new long[] {3, 1, 2}) {
        v[i++] = RunMetrics.read(out.resolve("seed-" + s + "/metrics.json")).parts().get("test").metrics().get(metric);
      }
      double mean = (v[0] + v[1] + v[2]) / 3;
      double sd = Math.sqrt(((v[0] - mean) * (v[0] - mean) + (v[1] - mean) * (v[1] - mean)
          + (v[2] - mean) * (v[2] - mean)) / 2);
      JsonNode m = json.path("test").path("metrics").path(metric);
      assertEquals(mean, m.path("mean").asDouble(), 1e-12, metric);
      assertEquals(sd, m.path("sd").asDouble(), 1e-12, metric);
      assertEquals(Math.min(v[0], Math.min(v[1], v[2])), m.path("min").asDouble(), metric);
      assertEquals(Math.max(v[0], Math.max(v[1], v[2])), m.path("max").asDouble(), metric);
    }
    JsonNode baselines = json.path("test").path("baselines");
    assertEquals(RunMetrics.read(out.resolve("seed-1/metrics.json")).parts().get("test").baseline().get(
        "majority_class_accuracy"), baselines.path("majority_class_accuracy").asDouble(), "once, as each seed has it");
    assertEquals(0, json.path("test").path("seed_dependent_baselines").size());
    assertEquals(3, json.path("runs").size());
    assertEquals("seed-1", json.path("runs").get(1).path("dir").asText());
  }

  @Test
  void aSplitThatTakesTheRunsSeedMakesTheBaselinesSeedDependent(@TempDir Path dir) throws IOException {
    SeedRuns.Outcome o = SeedRuns.run(config(dir, "{method: ratio, train: 0.8, validation: 0.1}"),
        to(dir.resolve("seeds")), "2", null);
    assertTrue(o.summary().baselinesDependOnSeed(), "each seed split the data its own way");
    assertTrue(o.summary().parts().get("test").baselines().isEmpty());
    assertFalse(o.summary().parts().get("test").seedDependentBaselines().isEmpty());
  }

  @Test
  void completeSeedsAreNotTrainedAgain(@TempDir Path dir) throws IOException {
    Path config = config(dir, FIXED_SPLIT);
    Path out = dir.resolve("seeds");
    SeedSummary two = SeedRuns.run(config, to(out), "2", null).summary();
    Map<String, byte[]> seed7 = snapshot(out.resolve("seed-7"));
    List<Path> told = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    Progress recording = new Progress() {
      @Override
      public void batch(int epoch, int epochs, int batch, int batches, double loss, double rate, String unit, double eta) {}

      @Override
      public void line(String text) {
        lines.add(text);
      }
    };
    SeedRuns.Outcome three = SeedRuns.run(config, new TrainingRun.Options(out, false, false, null, recording), "3",
        r -> told.add(r.modelDir()));
    assertEquals(List.of(9L), three.trained(), "7 and 8 were complete");
    assertTrue(lines.contains("seed 7 (1 of 3): complete in " + out.resolve("seed-7") + ", not trained again "
        + "(--overwrite retrains it)"), lines.toString());
    assertTrue(lines.contains("seed 9 (3 of 3): training -> " + out.resolve("seed-9")), lines.toString());
    assertEquals(List.of(out.resolve("seed-9")), told);
    assertUnchanged(seed7, out.resolve("seed-7"));
    assertEquals(two.parts().get("test").metrics().get("accuracy").values()[1],
        three.summary().parts().get("test").metrics().get("accuracy").values()[1], "seed 8 read back, not retrained");

    SeedRuns.Outcome again = SeedRuns.run(config, overwriting(out), "3", null);
    assertEquals(List.of(7L, 8L, 9L), again.trained(), "--overwrite retrains every seed");
    assertEquals(three.summary().parts(), again.summary().parts(), "and, the seeds fixing everything, to the same numbers");
  }

  @Test
  void anInterruptedSeedIsContinuedWithResume(@TempDir Path dir) throws IOException {
    Path config = config(dir, FIXED_SPLIT);
    Path out = dir.resolve("seeds");
    SeedSummary before = SeedRuns.run(config, to(out), "2", null).summary();
    // what a kill during seed 8's final scoring leaves: its checkpoints and events, no metrics or provenance yet
    Files.delete(out.resolve("seed-8/metrics.json"));
    Files.delete(out.resolve("seed-8/provenance.json"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedRuns.run(config, to(out), "2",
        null));
    assertTrue(e.getMessage().startsWith("seed 8 (2 of 2): output directory " + out.resolve("seed-8")), e.getMessage());
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());

    SeedRuns.Outcome resumed = SeedRuns.run(config, resuming(out), "2", null);
    assertEquals(List.of(8L), resumed.trained());
    assertEquals(before.parts(), resumed.summary().parts(), "the resumed seed ends where it would have");
  }

  @Test
  void refusesACompleteSeedOfAnotherConfigAndChangesNothing(@TempDir Path dir) throws IOException {
    Path config = config(dir, FIXED_SPLIT);
    Path out = dir.resolve("seeds");
    SeedRuns.run(config, to(out), "2", null);
    Map<String, byte[]> before = snapshot(out);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedRuns.run(config,
        to(out, "training.optimizer.lr=0.02"), "3", null));
    assertEquals(out.resolve("seed-7") + " was trained with --set seed=7, this command gives --set "
        + "training.optimizer.lr=0.02 --set seed=7; --overwrite retrains every seed, or give another --output",
        e.getMessage());
    assertUnchanged(before, out);
    assertFalse(Files.exists(out.resolve("seed-9")), "checked before any seed was trained");

    Files.writeString(config, Files.readString(config).replace("hidden_size: 8", "hidden_size: 9"));
    e = assertThrows(IllegalArgumentException.class, () -> SeedRuns.run(config, to(out), "2", null));
    assertTrue(e.getMessage().startsWith(out.resolve("seed-7") + " was trained from another version of the config "
        + "file"), e.getMessage());
    assertUnchanged(before, out);
  }

  @Test
  void refusesOptionsThatConflictWithSeeds(@TempDir Path dir) throws IOException {
    Path config = config(dir, FIXED_SPLIT);
    Path out = dir.resolve("seeds");
    assertRefused("--epochs with --seeds: give --set training.epochs=3 instead", () -> SeedRuns.run(config,
        new TrainingRun.Options(out, false, false, 3, Progress.quiet()), "2", null));
    assertRefused("--time-budget with --seeds", () -> SeedRuns.run(config, new TrainingRun.Options(out, false, false,
        null, Progress.quiet(), null, Duration.ofMinutes(1), null), "2", null));
    assertRefused("--resume and --overwrite with --seeds", () -> SeedRuns.run(config,
        new TrainingRun.Options(out, true, true, null, Progress.quiet()), "2", null));
    assertRefused("--set seed=3 with --seeds: --seeds sets each run's seed", () -> SeedRuns.run(config,
        to(out, "seed=3"), "2", null));
    assertRefused("--seeds 1: expected a count from 2 to 100", () -> SeedRuns.run(config, to(out), "1", null));
    assertRefused("--seeds lists seed 4 twice", () -> SeedRuns.run(config, to(out), "4,4", null));
    assertFalse(Files.exists(out), "nothing written");

    Path single = dir.resolve("single");
    TrainingRun.run(config, to(single));
    Map<String, byte[]> before = snapshot(single);
    assertRefused("output directory " + single + " holds a single model (its config.json); --seeds writes",
        () -> SeedRuns.run(config, to(single), "2", null));
    assertUnchanged(before, single);
  }

  @Test
  void aReaderGivenTheSeedsDirectoryNamesItsModels(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("seeds");
    SeedRuns.run(config(dir, FIXED_SPLIT), to(out), "9,10", null);
    IOException e = assertThrows(IOException.class, () -> ModelDirectory.read(out));
    assertEquals(out + " holds one model per seed (recurrent train --seeds), not a model: give one of "
        + out.resolve("seed-9") + ", " + out.resolve("seed-10"), e.getMessage(), "by seed, 9 before 10");
    assertEquals("classification", ModelDirectory.read(out.resolve("seed-10")).manifest().task());
  }

  private static void assertRefused(String start, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
    }
    return files;
  }

  private static void assertUnchanged(Map<String, byte[]> before, Path dir) throws IOException {
    Map<String, byte[]> after = snapshot(dir);
    assertEquals(before.keySet(), after.keySet(), "files in " + dir);
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
  }
}
