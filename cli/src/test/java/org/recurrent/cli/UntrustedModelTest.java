package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-directory findings of issue 15 through the commands: {@code predict} and {@code inspect} of a model whose
 * config.json points outside its directory, or is itself a link to a file elsewhere, give one line naming the file
 * and exit 2, and never print the other file's content.
 */
class UntrustedModelTest {
  private static final String SECRET = "TOPSECRET_TOKEN_8c1f";
  @TempDir static Path shared;
  static Path model;

  @BeforeAll
  static void trainModel() throws IOException {
    model = shared.resolve("model");
    TinyRuns.train(TinyRuns.tinyWideCsvRun(shared), model);
  }

  /** A copy of the model with a secret file beside it, outside its directory. */
  private static Path hostileCopy(Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/scaler.json"), SECRET);
    return copy;
  }

  @Test
  void predictRefusesASideFileNamedOutsideTheDirectory(@TempDir Path dir) throws IOException {
    Path copy = hostileCopy(dir);
    Path config = copy.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"feature_scaler.json\"", "\"../outside/scaler.json\""));
    Path input = TinyRuns.write(dir.resolve("in.csv"), TinyRuns.wideCsvLines(10, 3, false));
    TinyRuns.Run r = run("predict", "-m", copy.toString(), "-i", input.toString()).expectExit(2);
    String error = r.errorLine();
    assertContainsAll(error, config.toString(), "files.feature_scaler", "must be a bare file name");
    assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET), r.err());
  }

  @Test
  void inspectRefusesAConfigThatLinksOutOfTheDirectory(@TempDir Path dir) throws IOException {
    Path copy = hostileCopy(dir);
    Files.delete(copy.resolve("config.json"));
    Files.createSymbolicLink(copy.resolve("config.json"), dir.resolve("outside/scaler.json"));
    TinyRuns.Run r = run("inspect", "-m", copy.toString()).expectExit(2);
    assertContainsAll(r.errorLine(), copy.resolve("config.json").toString(), "symbolic link", "outside the model directory");
    assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET), r.err());
  }

  @Test
  void inspectOfAConfigThatIsNotJsonNamesThePositionNotTheContent(@TempDir Path dir) throws IOException {
    Path copy = hostileCopy(dir);
    Files.writeString(copy.resolve("config.json"), "{\"format\": " + SECRET + "}");
    TinyRuns.Run r = run("inspect", "-m", copy.toString()).expectExit(2);
    assertContainsAll(r.errorLine(), copy.resolve("config.json").toString(), "line 1, column", "expected a JSON value");
    assertFalse(r.err().contains(SECRET), r.err());
  }
}
