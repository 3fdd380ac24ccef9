package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.assertUnchanged;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.snapshot;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurrent eval}: a trained model's metrics on a labelled file, with bootstrap intervals. */
class EvalCommandTest {
  @TempDir static Path shared;
  static Path model;
  static Path labelled;

  @BeforeAll
  static void trainModel() throws IOException {
    model = shared.resolve("model");
    TinyRuns.train(TinyRuns.tinyWideCsvRun(shared), model);
    labelled = write(shared.resolve("holdout.csv"), TinyRuns.wideCsvLines(200, 2, true));
  }

  @Test
  void labelledFilePrintsAccuracyAndRocAucWithItsInterval() throws IOException {
    JsonNode m = TinyRuns.JSON.readTree(run("eval", "-m", model.toString(), "-d", labelled.toString(),
        "--bootstrap", "200").expectExit(0).out());
    assertEquals(200, m.path("records").asInt(), m.toString());
    double accuracy = m.path("accuracy").asDouble(-1), auc = m.path("roc_auc").asDouble(-1);
    assertTrue(accuracy >= 0 && accuracy <= 1, m.toString());
    JsonNode ci = m.path("roc_auc_ci95");
    assertEquals(2, ci.size(), m.toString());
    assertTrue(ci.get(0).asDouble() <= auc && auc <= ci.get(1).asDouble(), "interval around the estimate: " + m);
    assertEquals(2, m.path("pr_auc_ci95").size(), m.toString());
  }

  @Test
  void corruptedJsonHeaderIsRejectedNamingModelSafetensors(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Path weights = copy.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    byte[] garbage = "#not json".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(garbage, 0, bytes, 9, garbage.length);           // after its 8-byte length and its '{'

    Files.write(weights, bytes);
    Map<String, byte[]> before = snapshot(copy);

    String error = run("eval", "-m", copy.toString(), "-d", labelled.toString()).expectExit(2).errorLine();
    assertContainsAll(error, weights.toString(), "header is not valid JSON");
    assertUnchanged(before, copy);
  }

  @Test
  void truncatedDataFileIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(TinyRuns.wideCsvLines(20, 3, true));
    lines.set(20, lines.get(20).substring(0, 20));
    Path data = write(dir.resolve("cut.csv"), lines);
    Map<String, byte[]> before = snapshot(model);

    String error = run("eval", "-m", model.toString(), "-d", data.toString()).expectExit(2).errorLine();
    assertContainsAll(error, data + ":21:", "expected 14 columns");
    assertUnchanged(before, model);
  }

  @Test
  void helpRendersWithoutPicocliFormatWarnings() {
    // picocli reports a bad format string on System.err, not on the command's writer
    java.io.ByteArrayOutputStream systemErr = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
    int code;
    try {
      System.setErr(new java.io.PrintStream(systemErr, true));
      code = RecurrentCommand.execute(new String[] {"eval", "--help"}, new java.io.PrintWriter(out),
          new java.io.PrintWriter(err));
    } finally {
      System.setErr(saved);
    }
    assertEquals(0, code);
    assertTrue(out.toString().contains("95% bootstrap intervals"), out.toString());
    String warnings = systemErr + err.toString();
    org.junit.jupiter.api.Assertions.assertFalse(warnings.contains("picocli WARN"), warnings);
  }
}
