package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.MODEL_FILES;
import static org.recurrent.cli.TinyRuns.TINY_MODEL;
import static org.recurrent.cli.TinyRuns.TWO_EPOCHS;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.assertUnchanged;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.snapshot;
import static org.recurrent.cli.TinyRuns.train;
import static org.recurrent.cli.TinyRuns.wideCsvConfig;
import static org.recurrent.cli.TinyRuns.wideCsvLines;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.io.SafeTensors;
import org.recurrent.tensor.Tensor;

/**
 * {@code recurrent train}: tiny runs over each input format, bad inputs (exit 2, one line naming the file and
 * line, an existing model directory left as it was), the non-finite-loss guard (exit 1) and resuming.
 */
class TrainCommandTest {
  /** A good model, trained once; bad-input tests copy it and try to overwrite the copy. */
  @TempDir static Path shared;
  static Path goodModel;

  @BeforeAll
  static void trainGoodModel() throws IOException {
    goodModel = shared.resolve("good-model");
    train(TinyRuns.tinyWideCsvRun(shared), goodModel);
  }

  // ---- formats end to end -----------------------------------------------------------------------------------

  @Test
  void wideCsvRunPrintsValidationAndTestMetricsAndWritesEveryModelFile(@TempDir Path dir) throws IOException {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    Path model = dir.resolve("model");
    JsonNode metrics = train(config, model);

    assertEquals("classification", metrics.path("task").asText());
    assertEquals(2, metrics.path("epochs").asInt());
    for (String part : List.of("validation", "test")) {
      JsonNode p = metrics.path(part);
      assertEquals(30, p.path("records").asInt(), part + " is 10% of 300 records: " + p);
      for (String key : List.of("loss", "accuracy", "roc_auc")) {
        assertTrue(p.path(key).isNumber(), part + "." + key + " missing in " + metrics);
      }
    }
    for (String f : MODEL_FILES) assertTrue(Files.isRegularFile(model.resolve(f)), f + " missing");
    assertEquals(metrics, TinyRuns.JSON.readTree(model.resolve("metrics.json").toFile()),
        "stdout and metrics.json hold the same metrics");
  }

  /** Records {"id", "x": [[a, b], ...] with 3..6 steps of F = 2, "y": "up" | "down"} (sign of the sum of a). */
  static List<String> jsonlLines(int n, long seed) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 3 + r.nextInt(4);
      StringBuilder x = new StringBuilder();
      double sum = 0;
      for (int t = 0; t < T; t++) {
        double a = r.nextGaussian(), b = r.nextGaussian();
        sum += a;
        x.append(t == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.4f, %.4f]", a, b));
      }
      lines.add("{\"id\": \"j" + i + "\", \"x\": [" + x + "], \"y\": \"" + (sum > 0 ? "up" : "down") + "\"}");
    }
    return lines;
  }

  static String jsonlConfig(String data, String cell) {
    return """
        seed: 3
        task: classification
        data:
          format: jsonl
          train: %s
          feature_scaling: zscore
        model: {cell: %s, hidden_size: 8}
        training: {epochs: 1, batch_size: 16}
        """.formatted(data, cell);
  }

  @Test
  void jsonlSequencesTrainEndToEnd(@TempDir Path dir) throws IOException {
    write(dir.resolve("seq.jsonl"), jsonlLines(150, 5));
    Path config = write(dir.resolve("seq.yaml"), jsonlConfig("seq.jsonl", "gru"));
    JsonNode metrics = train(config, dir.resolve("model"));

    assertEquals(15, metrics.path("test").path("records").asInt(), metrics.toString());
    assertTrue(metrics.path("test").path("accuracy").isNumber(), metrics.toString());
    JsonNode manifest = TinyRuns.JSON.readTree(dir.resolve("model/config.json").toFile());
    assertEquals(2, manifest.path("model").path("input_size").asInt(), "F = 2 values per step: " + manifest);
    assertEquals("[\"down\",\"up\"]", manifest.path("classes").toString());
  }

  @Test
  void textLinesTrainEndToEndAndSaveTheVocabulary(@TempDir Path dir) throws IOException {
    Random r = new Random(9);
    String[] good = {"good", "great", "fine", "lovely"}, bad = {"bad", "awful", "poor", "dull"};
    String[] filler = {"the", "film", "was", "quite", "a", "plot"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      boolean positive = r.nextBoolean();
      String word = (positive ? good : bad)[r.nextInt(4)];
      lines.add(filler[r.nextInt(6)] + " " + word + " " + filler[r.nextInt(6)] + "\t" + (positive ? "pos" : "neg"));
    }
    write(dir.resolve("reviews.txt"), lines);
    Path config = write(dir.resolve("text.yaml"), """
        seed: 1
        task: classification
        data: {format: text, train: reviews.txt}
        model: {cell: lstm, hidden_size: 8, embedding_dim: 8}
        training: {epochs: 1, batch_size: 16}
        """);
    JsonNode metrics = train(config, dir.resolve("model"));

    assertTrue(metrics.path("validation").path("accuracy").isNumber(), metrics.toString());
    assertTrue(Files.isRegularFile(dir.resolve("model/vocab.json")), "vocab.json missing");
    JsonNode manifest = TinyRuns.JSON.readTree(dir.resolve("model/config.json").toFile());
    assertEquals("[\"neg\",\"pos\"]", manifest.path("classes").toString());
    assertTrue(manifest.path("model").path("vocab_size").asInt() > 10, manifest.toString());
  }

  // ---- bad inputs ---------------------------------------------------------------------------------------------
  //
  // Each bad input is run twice: into a fresh directory (exit code and message), and with --overwrite over a copy
  // of a good model, which must come out byte for byte as it was.

  /** Runs {@code train config -o <fresh dir>}: exit 2 and the one error line, which is returned. */
  private static String rejected(Path config, Path dir) {
    return run("train", config.toString(), "-o", dir.resolve("fresh").toString(), "--quiet").expectExit(2).errorLine();
  }

  /**
   * Copies the good model into {@code dir}/model, runs {@code train config -o that --overwrite}: exit 2, the
   * error line holds every {@code expected} part, and the model directory is unchanged.
   */
  private static void rejectedLeavingModelUntouched(Path config, Path dir, String... expected) throws IOException {
    Path model = dir.resolve("model");
    TinyRuns.copyDirectory(goodModel, model);
    Map<String, byte[]> before = snapshot(model);
    String error = run("train", config.toString(), "-o", model.toString(), "--overwrite", "--quiet")
        .expectExit(2).errorLine();
    assertContainsAll(error, expected);
    assertUnchanged(before, model);
  }

  /** tiny.yaml over data.csv holding {@code lines}. */
  private static Path wideCsvRun(Path dir, List<String> lines) throws IOException {
    write(dir.resolve("data.csv"), lines);
    return write(dir.resolve("tiny.yaml"), wideCsvConfig("data.csv", TINY_MODEL, TWO_EPOCHS));
  }

  /** The last row cut after its sixth field, without a final newline: line 301 of 301 has 7 of 14 columns. */
  private static Path truncatedCsvRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(wideCsvLines(TinyRuns.ROWS, 1, true));
    String last = lines.get(lines.size() - 1);
    int cut = 0;
    for (int commas = 0; commas < 7; cut++) if (last.charAt(cut) == ',') commas++;
    lines.set(lines.size() - 1, last.substring(0, cut - 1));
    Files.writeString(dir.resolve("data.csv"), String.join("\n", lines));
    return write(dir.resolve("tiny.yaml"), wideCsvConfig("data.csv", TINY_MODEL, TWO_EPOCHS));
  }

  @Test
  void truncatedCsvIsRejectedNamingFileLineAndColumnCount(@TempDir Path dir) throws IOException {
    String error = rejected(truncatedCsvRun(dir), dir);
    assertContainsAll(error, "data.csv:301:", "expected 14 columns", "found 7");
  }

  @Test
  void truncatedCsvLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(truncatedCsvRun(dir), dir, "data.csv:301:", "expected 14 columns", "found 7");
  }

  /** Line 151 (row 150) loses its last value: 13 columns instead of 14. */
  private static Path shortMiddleRowRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(wideCsvLines(TinyRuns.ROWS, 1, true));
    String row = lines.get(150);
    lines.set(150, row.substring(0, row.lastIndexOf(',')));
    return wideCsvRun(dir, lines);
  }

  @Test
  void wrongColumnCountInAMiddleRowIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(shortMiddleRowRun(dir), dir), "data.csv:151:", "expected 14 columns", "found 13");
  }

  @Test
  void wrongColumnCountInAMiddleRowLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(shortMiddleRowRun(dir), dir, "data.csv:151:", "expected 14 columns", "found 13");
  }

  /** v5 of line 100 is NaN. */
  private static Path nanCellRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(wideCsvLines(TinyRuns.ROWS, 1, true));
    String[] cells = lines.get(99).split(",");
    cells[5] = "NaN";
    lines.set(99, String.join(",", cells));
    return wideCsvRun(dir, lines);
  }

  @Test
  void nanFeatureCellIsRejectedNamingFileLineAndColumn(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(nanCellRun(dir), dir), "data.csv:100:", "expected a finite number", "v5", "\"NaN\"");
  }

  @Test
  void nanFeatureCellLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(nanCellRun(dir), dir, "data.csv:100:", "expected a finite number", "v5", "\"NaN\"");
  }

  /** Line 5 of seq.jsonl is cut off in the middle of its x array. */
  private static Path garbledJsonlRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(jsonlLines(150, 5));
    lines.set(4, lines.get(4).substring(0, 30));
    write(dir.resolve("seq.jsonl"), lines);
    return write(dir.resolve("seq.yaml"), jsonlConfig("seq.jsonl", "lstm"));
  }

  @Test
  void garbledJsonlLineIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(garbledJsonlRun(dir), dir), "seq.jsonl:5:", "expected a JSON object");
  }

  @Test
  void garbledJsonlLineLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(garbledJsonlRun(dir), dir, "seq.jsonl:5:", "expected a JSON object");
  }

  /** Line 7 of seq.jsonl has "x": []. */
  private static Path emptySequenceRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(jsonlLines(150, 5));
    lines.set(6, "{\"id\": \"j6\", \"x\": [], \"y\": \"up\"}");
    write(dir.resolve("seq.jsonl"), lines);
    return write(dir.resolve("seq.yaml"), jsonlConfig("seq.jsonl", "lstm"));
  }

  @Test
  void emptySequenceIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(emptySequenceRun(dir), dir), "seq.jsonl:7:", "expected at least one step in \"x\"");
  }

  @Test
  void emptySequenceLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(emptySequenceRun(dir), dir, "seq.jsonl:7:", "expected at least one step in \"x\"");
  }

  private static final String KNOWN_CELLS = "[lstm, gru, gru_reset_before, rnn_tanh, rnn_relu, irnn]";

  private static Path unknownCellRun(Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    return write(dir.resolve("tiny.yaml"), wideCsvConfig("data.csv", "cell: transformer\nhidden_size: 8", TWO_EPOCHS));
  }

  @Test
  void unknownCellIsRejectedListingTheKnownCells(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(unknownCellRun(dir), dir), "'transformer'", "expected one of " + KNOWN_CELLS);
  }

  @Test
  void unknownCellLeavesAnExistingModelUntouchedAndNamesTheConfig(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(unknownCellRun(dir), dir, "tiny.yaml", "'transformer'",
        "expected one of " + KNOWN_CELLS);
  }

  /** tiny.yaml with "hiden_size: 8" in the model section; returns the config and that line's number. */
  private static Map.Entry<Path, Integer> misspeltFieldRun(Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    String yaml = wideCsvConfig("data.csv", "cell: lstm\nhiden_size: 8", TWO_EPOCHS);
    int line = yaml.lines().toList().indexOf("  hiden_size: 8") + 1;
    assertTrue(line > 0, yaml);
    return Map.entry(write(dir.resolve("tiny.yaml"), yaml), line);
  }

  @Test
  void misspeltConfigFieldIsRejectedNamingTheFieldAndLeavesAnExistingModelUntouched(@TempDir Path dir)
      throws IOException {
    rejectedLeavingModelUntouched(misspeltFieldRun(dir).getKey(), dir, "tiny.yaml:",
        "unknown field \"hiden_size\" in model", "expected one of [", "hidden_size");
  }

  @Test
  void misspeltConfigFieldIsRejectedNamingTheLineItIsOn(@TempDir Path dir) throws IOException {
    Map.Entry<Path, Integer> run = misspeltFieldRun(dir);
    assertContainsAll(rejected(run.getKey(), dir), "tiny.yaml:" + run.getValue() + ":", "unknown field \"hiden_size\"");
  }

  @Test
  void missingDataFileIsRejectedNamingThePath(@TempDir Path dir) throws IOException {
    Path config = write(dir.resolve("tiny.yaml"), wideCsvConfig("no-such.csv", TINY_MODEL, TWO_EPOCHS));
    assertContainsAll(rejected(config, dir), "not found", dir.resolve("no-such.csv").toString());
  }

  @Test
  void missingDataFileSaysItWasLookedForRelativeToTheConfigFolder(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectories(dir.resolve("examples"));
    Path config = write(sub.resolve("tiny.yaml"), wideCsvConfig("data/x.csv", TINY_MODEL, TWO_EPOCHS));
    assertContainsAll(rejected(config, dir), "data.train: file not found: looked for "
        + sub.resolve("data/x.csv").toAbsolutePath() + ", relative to " + sub.toAbsolutePath() + "/ (the config file's folder)");
  }

  @Test
  void progressAutoDecidesByStderrAloneAndQuietMeansNone() {
    assertEquals("bar", TrainCommand.progressKind("auto", false, true));
    assertEquals("plain", TrainCommand.progressKind("auto", false, false));
    assertEquals("bar", TrainCommand.progressKind("BAR", false, false));
    assertEquals("plain", TrainCommand.progressKind("plain", false, true));
    assertEquals("none", TrainCommand.progressKind("bar", true, true));
    assertContainsAll(run("train", "x.yaml", "--progress", "fancy").expectExit(2).errorLine(),
        "--progress (or RECURRENT_PROGRESS) must be auto, bar, plain or none, got 'fancy'");
  }

  @Test
  void missingDataFileLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    Path config = write(dir.resolve("tiny.yaml"), wideCsvConfig("no-such.csv", TINY_MODEL, TWO_EPOCHS));
    rejectedLeavingModelUntouched(config, dir, "not found", dir.resolve("no-such.csv").toString());
  }

  @Test
  void unknownTaskIsRejectedNamingConfigLineAndTheKnownTasks(@TempDir Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    String yaml = wideCsvConfig("data.csv", TINY_MODEL, TWO_EPOCHS).replace("task: classification", "task: translation");
    Path config = write(dir.resolve("tiny.yaml"), yaml);
    rejectedLeavingModelUntouched(config, dir, "tiny.yaml:", "unknown task 'translation'",
        "expected one of [classification, multilabel, regression, forecast, tagging, language_model, hf-onset, next-visit, deid, seq2seq, medication]");
  }

  // ---- non-finite loss ----------------------------------------------------------------------------------------

  /**
   * ReLU RNN, plain SGD with lr 1e30 and no clipping: the first step makes the weights ~1e29, and the next forward
   * pass multiplies them through the recurrence (h2 ~ W_hh h1 ~ 1e58), beyond float range: the loss is not finite.
   */
  private static final String EXPLODING_MODEL = "cell: rnn_relu\nhidden_size: 8";

  private static String explodingTraining(int batchSize) {
    return "epochs: 3\nbatch_size: " + batchSize + "\noptimizer: {name: sgd, lr: 1e30}\nclip_grad_norm: 0";
  }

  @Test
  void nonFiniteLossInTheFirstEpochExitsWith1SayingNoCheckpointWasWritten(@TempDir Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    Path config = write(dir.resolve("boom.yaml"), wideCsvConfig("data.csv", EXPLODING_MODEL, explodingTraining(32)));
    Path model = dir.resolve("model");
    String error = run("train", config.toString(), "-o", model.toString(), "--quiet").expectExit(1).errorLine();

    assertContainsAll(error, "training stopped: loss is", "epoch 1, batch 2", "no checkpoint had been written yet");
    assertFalse(Files.exists(model.resolve("checkpoints/last.safetensors")));
    assertFalse(Files.exists(model.resolve("model.safetensors")), "no model is written after a failed run");
  }

  @Test
  void nonFiniteLossAfterResumingExitsWith1AndLeavesTheLastCheckpointAsItWas(@TempDir Path dir) throws IOException {
    // epoch 1 trains at lr 0.01, then StepLR multiplies the rate by 1e32: epoch 2 runs at lr 1e30, so its first step
    // blows the weights up and the loss of its second batch is not finite
    TinyRuns.wideCsv(dir, "data.csv");
    Path config = write(dir.resolve("boom.yaml"), wideCsvConfig("data.csv", EXPLODING_MODEL, """
        epochs: 3
        batch_size: 32
        optimizer: {name: sgd, lr: 0.01}
        schedule: {name: step, step_size: 1, gamma: 1e32}
        clip_grad_norm: 0"""));
    Path model = dir.resolve("model");
    train(config, model, "--epochs", "1");
    Path last = model.resolve("checkpoints/last.safetensors");
    Map<String, byte[]> checkpoints = snapshot(model.resolve("checkpoints"));

    String error = run("train", config.toString(), "-o", model.toString(), "--resume", "--quiet").expectExit(1)
        .errorLine();
    assertContainsAll(error, "training stopped: loss is", "epoch 2, batch 2",
        "the last good checkpoint is " + last + " (left unchanged)");
    assertUnchanged(checkpoints, model.resolve("checkpoints"));
  }

  @Test
  void nonFiniteValidationOutputsStopTheRunWithExit1(@TempDir Path dir) throws IOException {
    // one batch per epoch (240 training records): its loss is finite, but the step leaves weights of ~1e29
    TinyRuns.wideCsv(dir, "data.csv");
    Path config = write(dir.resolve("boom.yaml"), wideCsvConfig("data.csv", EXPLODING_MODEL, explodingTraining(256)));
    String error = run("train", config.toString(), "-o", dir.resolve("model").toString(), "--quiet").expectExit(1)
        .errorLine();
    assertContainsAll(error, "training stopped", "epoch 1");
  }

  // ---- resume -------------------------------------------------------------------------------------------------

  @Test
  void resumingAfterOneEpochEndsWithTheSameWeightsAsThreeEpochsStraight(@TempDir Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    Path config = write(dir.resolve("tiny.yaml"), wideCsvConfig("data.csv", TINY_MODEL,
        "epochs: 3\nbatch_size: 32\noptimizer: {name: adam, lr: 0.01}"));
    Path resumed = dir.resolve("resumed"), straight = dir.resolve("straight");
    train(config, resumed, "--epochs", "1");
    train(config, resumed, "--resume");
    train(config, straight);

    Map<String, Tensor> a = SafeTensors.read(resumed.resolve("model.safetensors")).tensors();
    Map<String, Tensor> b = SafeTensors.read(straight.resolve("model.safetensors")).tensors();
    assertEquals(b.keySet(), a.keySet());
    for (String name : a.keySet()) {
      assertArrayEquals(b.get(name).shape(), a.get(name).shape(), name);
      float[] x = a.get(name).data(), y = b.get(name).data();
      assertEquals(y.length, x.length, name);
      for (int i = 0; i < x.length; i++) {
        assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(x[i]),
            name + "[" + i + "]: resumed " + x[i] + ", straight " + y[i]);
      }
    }
  }

  @Test
  void aTimeBudgetStopsWithOutputsAndResumingEndsWithTheSameWeightsAsAStraightRun(@TempDir Path dir)
      throws IOException {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    Path resumed = dir.resolve("resumed"), straight = dir.resolve("straight");
    // 1 ms is up after the first batch of any run (the clock's own determinism is TimeBudgetTest's)
    JsonNode stopped = train(config, resumed, "--time-budget", "1ms");
    assertEquals("time_budget", stopped.path("stop_reason").asText(), stopped.toString());
    assertEquals(0, stopped.path("epochs").asInt());
    assertTrue(stopped.path("test").path("baseline").isObject(), "the outputs are written as after early stopping");
    assertEquals("time_budget", TinyRuns.JSON.readTree(resumed.resolve("provenance.json").toFile())
        .path("stop_reason").asText());
    JsonNode done = train(config, resumed, "--resume");
    assertEquals("completed", done.path("stop_reason").asText());
    assertEquals(train(config, straight).path("test"), done.path("test"));
    Map<String, Tensor> a = SafeTensors.read(resumed.resolve("model.safetensors")).tensors();
    Map<String, Tensor> b = SafeTensors.read(straight.resolve("model.safetensors")).tensors();
    for (String name : b.keySet()) assertArrayEquals(b.get(name).data(), a.get(name).data(), name);
  }

  @Test
  void aBadTimeBudgetIsAUsageError() {
    assertContainsAll(run("train", "x.yaml", "--time-budget", "soon").expectExit(2).err(),
        "expected a duration such as 90s, 10m, 2h, 1h30m or PT10M, got 'soon'");
  }

  // ---- --set --------------------------------------------------------------------------------------------------

  @Test
  void setOverridesAConfigFieldAndProvenanceRecordsIt(@TempDir Path dir) throws IOException {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    Path model = dir.resolve("model");
    JsonNode metrics = train(config, model, "--set", "model.hidden_size=5", "--set", "training.epochs=1");
    assertEquals(1, metrics.path("epochs").asInt());
    assertEquals(5, TinyRuns.JSON.readTree(model.resolve("config.json").toFile()).path("model").path("hidden_size")
        .asInt());
    assertEquals("[\"model.hidden_size=5\",\"training.epochs=1\"]",
        TinyRuns.JSON.readTree(model.resolve("provenance.json").toFile()).path("overrides").toString());
  }

  @Test
  void setWithAnUnknownPathIsRejectedNamingItAndTheValidKeys(@TempDir Path dir) throws IOException {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    String error = run("train", config.toString(), "-o", dir.resolve("m").toString(), "--quiet",
        "--set", "model.hiden_size=5").expectExit(2).errorLine();
    assertContainsAll(error, "--set model.hiden_size=5: the config has no key \"model.hiden_size\"",
        "valid keys there: [", "hidden_size");
    assertFalse(Files.exists(dir.resolve("m")), "nothing written");
    assertContainsAll(run("train", config.toString(), "--set", "model.hidden_size").expectExit(2).errorLine(),
        "--set expects key.path=value");
  }
}
