package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recurrent train --seeds}: the command's side (stdout is seeds.json, the summary on stderr, exit 2 for what conflicts, readers pointed at a seed); the runs themselves are tested by
 * {@code SeedRunsTest} in core.
 */
class TrainSeedsCommandTest {

  @Test
  void printsSeedsJsonOnStdoutAndTheSummaryOnStderr(@TempDir Path dir) throws IOException {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    Path out = dir.resolve("seeds");
    TinyRuns.Run r = run("train", config.toString(), "-o", out.toString(), "--seeds", "2", "--progress", "plain")
        .expectExit(0);
    JsonNode printed = TinyRuns.JSON.readTree(r.out());
    assertEquals(TinyRuns.JSON.readTree(out.resolve("seeds.json").toFile()), printed, "stdout is seeds.json");
    assertEquals("[7,8]", printed.path("seeds").toString(), "counted from the config's seed 7");
    for (String f : TinyRuns.MODEL_FILES) {
      assertTrue(Files.isRegularFile(out.resolve("seed-8").resolve(f)), "seed-8 is a complete model directory: " + f);
    }
    assertTrue(r.err().contains("2 seeds of tiny (7, 8), test part, 30 records:"), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches(" +accuracy +[0-9.]+ ± [0-9.]+  \\([0-9.]+ … [0-9.]+\\)")), r.err());

    TinyRuns.Run again = run("train", config.toString(), "-o", out.toString(), "--seeds", "2", "--progress", "plain")
        .expectExit(0);
    assertEquals(printed, TinyRuns.JSON.readTree(again.out()), "the same summary, read back");
  }

  @Test
  void readersGivenTheSeedsDirectoryNameItsSeeds(@TempDir Path dir) throws IOException {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    Path out = dir.resolve("seeds");
    run("train", config.toString(), "-o", out.toString(), "--seeds", "1,2", "--quiet").expectExit(0);
    String hint = out + " holds one model per seed (recurrent train --seeds), not a model: give one of "
        + out.resolve("seed-1") + ", " + out.resolve("seed-2");
    assertEquals("recurrent: error: " + hint, run("eval", "-m", out.toString(), "--data",
        dir.resolve("train.csv").toString()).expectExit(2).errorLine());
    assertEquals("recurrent: error: " + hint, run("report", "--run", out.toString(), "-o",
        dir.resolve("r.html").toString()).expectExit(2).errorLine());
    run("eval", "-m", out.resolve("seed-2").toString(), "--data", dir.resolve("train.csv").toString()).expectExit(0);
  }

  @Test
  void conflictingOrBadSeedOptionsExitTwoAndWriteNothing(@TempDir Path dir) throws IOException {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    Path out = dir.resolve("seeds");
    String c = config.toString(), o = out.toString();
    assertError("--seeds 1: expected a count from 2 to 100", "train", c, "-o", o, "--seeds", "1");
    assertError("--seeds lists seed 3 twice: [3, 3]", "train", c, "-o", o, "--seeds", "3,3");
    assertError("--seeds expects a count (3) or a list of seeds (1,2,3), got 'x'", "train", c, "-o", o, "--seeds", "x");
    assertError("--dashboard with --seeds", "train", c, "-o", o, "--seeds", "2", "--dashboard");
    assertError("--epochs with --seeds", "train", c, "-o", o, "--seeds", "2", "--epochs", "3");
    assertError("--time-budget with --seeds", "train", c, "-o", o, "--seeds", "2", "--time-budget", "1m");
    assertError("--set seed=5 with --seeds", "train", c, "-o", o, "--seeds", "2", "--set", "seed=5");
    assertError("--resume and --overwrite with --seeds", "train", c, "-o", o, "--seeds", "2", "--resume", "--overwrite");
    assertFalse(Files.exists(out), "nothing written");
  }

  private static void assertError(String start, String... args) {
    String line = run(args).expectExit(2).errorLine();
    assertTrue(line.startsWith("recurrent: error: " + start), line);
  }
}
