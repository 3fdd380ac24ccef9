package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurrent demo seq2seq-sweep}: one table row per ATTENTION-L run folder, in attention then length order. */
class Seq2SeqSweepCommandTest {

  private static void runFolder(Path runs, String name, double exact, double bleu) throws IOException {
    Files.createDirectories(runs.resolve(name));
    write(runs.resolve(name).resolve("metrics.json"), "{\"task\": \"seq2seq\", \"epochs\": 3, \"test\": {"
        + "\"exact_match\": " + exact + ", \"bleu\": " + bleu + ", \"token_accuracy\": 0.5, \"baseline\": "
        + "{\"position_mode_exact_match\": 0.0}}}");
  }

  @Test
  void tabulatesEveryRunAndDrawsThePlot(@TempDir Path dir) throws IOException {
    Path runs = dir.resolve("runs");
    runFolder(runs, "none-8", 0.25, 40);
    runFolder(runs, "additive-8", 0.75, 80);
    runFolder(runs, "none-4", 0.5, 60);
    Files.createDirectories(runs.resolve("not-a-run"));
    write(runs.resolve("wall-seconds.txt"), "none 8 61\n");
    Path png = dir.resolve("img/sweep.png");
    String out = run("demo", "seq2seq-sweep", "--runs", runs.toString(), "--plot", png.toString()).expectExit(0).out();
    assertEquals(List.of("| none | 1-4 | 0.500 | 60.0 | 0.500 | 0.000 | 3 | - |", "| none | 5-8 | 0.250 | 40.0 | 0.500 | "
        + "0.000 | 3 | 61 |", "| additive | 5-8 | 0.750 | 80.0 | 0.500 | 0.000 | 3 | - |"), out.lines().skip(2).toList());
    assertEquals((byte) 0x89, Files.readAllBytes(png)[0]);
  }

  @Test
  void refusesAFolderWithoutRuns(@TempDir Path dir) {
    assertEquals("recurrent: error: " + dir + ": no ATTENTION-L folders with metrics.json",
        run("demo", "seq2seq-sweep", "--runs", dir.toString()).expectExit(2).errorLine());
  }
}
