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
  void theBaselinesFittedAtTrainingTimeScoreTheFileAsTrainScoredItsTestPart(@TempDir Path dir) throws IOException {
    // mostly 0 in training, mostly 1 in the file: a baseline fitted on the file would score differently
    write(dir.resolve("train.csv"), skewed(TinyRuns.wideCsvLines(300, 11, true), ",0"));
    Path test = write(dir.resolve("test.csv"), skewed(TinyRuns.wideCsvLines(120, 12, true), ",1"));
    Path config = write(dir.resolve("tiny.yaml"), TinyRuns.wideCsvConfig("train.csv", TinyRuns.TINY_MODEL,
        TinyRuns.TWO_EPOCHS).replace("  train: train.csv\n", "  train: train.csv\n  test: test.csv\n"));
    JsonNode trained = TinyRuns.train(config, dir.resolve("m"));
    JsonNode expected = trained.path("test").path("baseline");
    assertTrue(expected.path("majority_class_accuracy").asDouble() < 0.4, "class 0 predicted: " + trained);
    TinyRuns.Run r = run("eval", "-m", dir.resolve("m").toString(), "-d", test.toString()).expectExit(0);
    JsonNode m = TinyRuns.JSON.readTree(r.out());
    assertEquals(expected, m.path("baseline"), "eval: " + m);
    assertEquals(trained.path("test").path("accuracy"), m.path("accuracy"));
    assertTrue(r.err().isEmpty(), r.err());
  }

  /** The header, every row labelled {@code kept}, and every third of the others. */
  private static List<String> skewed(List<String> lines, String kept) {
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    int other = 0;
    for (String l : lines.subList(1, lines.size())) if (l.endsWith(kept) || other++ % 3 == 0) out.add(l);
    return out;
  }

  @Test
  void aModelDirectoryWithoutBaselinesSaysTheyAreUnavailable(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Files.delete(copy.resolve("baselines.json"));
    Path config = copy.resolve("config.json");
    com.fasterxml.jackson.databind.node.ObjectNode manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode) TinyRuns.JSON.readTree(config.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("files")).remove("baselines");
    TinyRuns.JSON.writeValue(config.toFile(), manifest);
    TinyRuns.Run r = run("eval", "-m", copy.toString(), "-d", labelled.toString()).expectExit(0);
    JsonNode m = TinyRuns.JSON.readTree(r.out());
    assertTrue(m.path("baseline").isMissingNode(), "no guess: " + m);
    assertEquals(copy + " has no baselines.json (a model directory written before train saved its fitted baselines); "
        + "train it again to compare with them", m.path("baseline_unavailable").asText(), m.toString());
    assertContainsAll(r.err(), "recurrent: baselines unavailable: " + copy + " has no baselines.json");
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

  /** Issue 15: {@code --bootstrap 1000000000} ran for hours; now refused before the model is read. */
  @Test
  void aBillionBootstrapReplicatesIsRefusedUpFront() {
    String error = run("eval", "-m", model.toString(), "-d", labelled.toString(), "--bootstrap", "1000000000")
        .expectExit(2).errorLine();
    assertEquals("recurrent: error: --bootstrap must be in 0..100000, got 1000000000 (1000 to 2000 replicates give "
        + "stable 95% intervals)", error);
  }

  /** Issue 15: a model directory's config.json asking for a million layers was built until the heap ran out. */
  @Test
  void aModelConfigAskingForAMillionLayersIsRefused(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Path config = copy.resolve("config.json");
    Files.writeString(config, Files.readString(config).replaceFirst("\"num_layers\" : \\d+", "\"num_layers\" : 1000000"));
    String error = run("eval", "-m", copy.toString(), "-d", labelled.toString()).expectExit(2).errorLine();
    assertContainsAll(error, config.toString(), "model.num_layers must be in 1..1000, got 1000000");
  }

  /** Issue 15: {@code "hidden_size": 20000} in config.json was allocated until the heap ran out. */
  @Test
  void aModelConfigTooLargeForTheHeapIsRefusedWithTheNumbers(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Path config = copy.resolve("config.json");
    Files.writeString(config, Files.readString(config).replaceFirst("\"hidden_size\" : \\d+", "\"hidden_size\" : 20000"));
    String error = run("eval", "-m", copy.toString(), "-d", labelled.toString()).expectExit(2).errorLine();
    assertContainsAll(error, config.toString(), "the model needs ~11.92 GiB for its 1.60e+09 parameters (held twice "
        + "while model.safetensors is read); the heap holds ",
        "HINT: lower hidden_size, num_layers or embedding_dim, or raise the heap (./recurrent: RECURRENT_HEAP=8g");
  }

  /** Issue 15: {@code "hidden_size": 8.7} in a model's config.json was read as 8. */
  @Test
  void aFractionalSizeInAModelConfigIsRefused(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Path config = copy.resolve("config.json");
    Files.writeString(config, Files.readString(config).replaceFirst("\"hidden_size\" : (\\d+)", "\"hidden_size\" : $1.7"));
    String error = run("eval", "-m", copy.toString(), "-d", labelled.toString()).expectExit(2).errorLine();
    assertContainsAll(error, config + ": model: model.hidden_size: expected an integer, found 8.7");
  }

  /** Issue 15: a data path that is a FIFO blocked forever; /dev/zero read forever. */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aDeviceAsTheDataFileIsRefused() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    String error = run("eval", "-m", model.toString(), "-d", "/dev/zero").expectExit(2).errorLine();
    assertEquals("recurrent: error: /dev/zero: not a regular file (a FIFO, a device or a socket); give the path of a "
        + "data file", error);
  }

  /** Issue 15: a data cell holding escape bytes reached the terminal raw inside the error message. */
  @Test
  void anErrorQuotingADataCellEscapesItsControlCharacters(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(TinyRuns.wideCsvLines(20, 3, true));
    lines.set(5, lines.get(5).replaceFirst(",([^,]*),", ",\u001b[31m$1,"));
    Path data = write(dir.resolve("esc.csv"), lines);
    String error = run("eval", "-m", model.toString(), "-d", data.toString()).expectExit(2).errorLine();
    assertContainsAll(error, data + ":6:", "\\u001b[31m");
    assertTrue(error.chars().noneMatch(c -> c == 0x1b), error);
  }
}
