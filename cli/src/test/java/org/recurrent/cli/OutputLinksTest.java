package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are never written through a symbolic link (issue 15: "a run directory holding events.jsonl as a symlink to
 * another file gets that file appended to, on a fresh run and on --resume"): {@code train} and {@code predict}
 * refuse with a one-line error and exit 2, and the link's target is left as it was.
 */
class OutputLinksTest {
  @TempDir static Path shared;
  static Path config;
  static Path model;

  @BeforeAll
  static void trainModel() throws IOException {
    config = TinyRuns.tinyWideCsvRun(shared);
    model = shared.resolve("model");
    TinyRuns.train(config, model);
  }

  private static Path victim(Path dir) throws IOException {
    return Files.writeString(dir.resolve("victim.txt"), "precious\n");
  }

  @Test
  void trainRefusesAnEventsFileThatIsALink(@TempDir Path dir) throws IOException {
    Path victim = victim(dir);
    Path out = Files.createDirectories(dir.resolve("run"));
    Files.createSymbolicLink(out.resolve("events.jsonl"), victim);
    String error = run("train", config.toString(), "-o", out.toString(), "--quiet").expectExit(2).errorLine();
    assertContainsAll(error, out.resolve("events.jsonl").toString(), "is a symbolic link", "refused");
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void resumeRefusesAnEventsFileOrCheckpointThatIsALink(@TempDir Path dir) throws IOException {
    Path victim = victim(dir);
    Path out = dir.resolve("run");
    TinyRuns.copyDirectory(model, out);
    Files.delete(out.resolve("events.jsonl"));
    Files.createSymbolicLink(out.resolve("events.jsonl"), victim);
    String error = run("train", config.toString(), "-o", out.toString(), "--quiet", "--resume").expectExit(2).errorLine();
    assertContainsAll(error, out.resolve("events.jsonl").toString(), "is a symbolic link");
    assertEquals("precious\n", Files.readString(victim));

    Files.delete(out.resolve("events.jsonl"));
    Path last = out.resolve("checkpoints/last.safetensors");
    Files.move(last, dir.resolve("elsewhere.safetensors"));
    Files.createSymbolicLink(last, dir.resolve("elsewhere.safetensors"));
    error = run("train", config.toString(), "-o", out.toString(), "--quiet", "--resume").expectExit(2).errorLine();
    assertContainsAll(error, last.toString(), "is a symbolic link");
  }

  @Test
  void predictRefusesAnOutputThatIsALink(@TempDir Path dir) throws IOException {
    Path victim = victim(dir);
    Path input = TinyRuns.write(dir.resolve("in.csv"), TinyRuns.wideCsvLines(10, 3, false));
    Path output = dir.resolve("out.csv");
    Files.createSymbolicLink(output, victim);
    String error = run("predict", "-m", model.toString(), "-i", input.toString(), "-o", output.toString())
        .expectExit(2).errorLine();
    assertContainsAll(error, "--output " + output, "is a symbolic link");
    assertEquals("precious\n", Files.readString(victim));
  }
}
