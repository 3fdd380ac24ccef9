package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.MODEL_FILES;
import static org.recurrent.cli.TinyRuns.TINY_MODEL;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.assertUnchanged;
import static org.recurrent.cli.TinyRuns.jsonlConfig;
import static org.recurrent.cli.TinyRuns.jsonlLines;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.snapshot;
import static org.recurrent.cli.TinyRuns.train;
import static org.recurrent.cli.TinyRuns.wideCsvConfig;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.io.SafeTensors;
import org.recurrent.tensor.Tensor;

/**
 * {@code recurrent train}: tiny runs over each input format, the non-finite-loss guard (exit 1), resuming and time
 * budgets, {@code --set} and {@code --progress}. Bad inputs (exit 2, an existing model directory left as it was)
 * are {@link TrainCommandBadInputTest}'s.
 */
class TrainCommandTest {
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
