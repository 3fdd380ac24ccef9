package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recurrent translate} on a tiny seq2seq model (reverse 1 to 4 letters: "a b c" -> "cba") trained through
 * {@code recurrent train}: what the saved directory translates agrees with what training scored.
 */
class TranslateCommandTest {
  @TempDir static Path shared;
  static Path model;
  static Path test;
  static List<String> testLines;
  static JsonNode metrics;

  static List<String> pairs(int n, long seed) {
    Random rng = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 1 + rng.nextInt(4);
      StringBuilder src = new StringBuilder(), tgt = new StringBuilder();
      for (int t = 0; t < len; t++) {
        char c = (char) ('a' + rng.nextInt(5));
        src.append(t == 0 ? "" : " ").append(c);
        tgt.insert(0, c);
      }
      out.add(src + "\t" + tgt);
    }
    return out;
  }

  @BeforeAll
  static void trainModel() throws IOException {
    write(shared.resolve("train.tsv"), pairs(400, 1));
    write(shared.resolve("valid.tsv"), pairs(40, 2));
    testLines = pairs(60, 3);
    test = write(shared.resolve("test.tsv"), testLines);
    Path config = write(shared.resolve("reverse.yaml"), String.join("\n", "seed: 3", "task: seq2seq", "data:",
        "  format: parallel_text", "  train: train.tsv", "  validation: valid.tsv", "  test: test.tsv",
        "  options: {source_level: word, target_level: char}", "model:", "  kind: seq2seq", "  cell: gru",
        "  embedding_dim: 8", "  hidden_size: 16", "  attention: general", "  max_decode_length: 8", "training:",
        "  epochs: 6", "  batch_size: 16", "  optimizer: {name: adam, lr: 0.02}", ""));
    model = shared.resolve("model");
    metrics = TinyRuns.train(config, model);
  }

  @Test
  void translationsOfTheSavedModelReproduceTheRunsTestExactMatch() {
    String out = run("translate", "-m", model.toString(), "-i", test.toString()).expectExit(0).out();
    List<String> lines = out.lines().toList();
    assertEquals(testLines.size(), lines.size());
    int exact = 0;
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).equals(testLines.get(i).split("\t")[1])) exact++;
    double trained = metrics.path("test").path("exact_match").asDouble();
    assertEquals(trained, (double) exact / lines.size(), 1e-12, "exact match of translate vs the run's test metric");
    // and the model learned: far above the position-mode baseline
    double baseline = metrics.path("test").path("baseline").path("position_mode_exact_match").asDouble();
    assertTrue(trained > baseline + 0.3, "exact match " + trained + " vs baseline " + baseline);
  }

  @Test
  void beamOfWidthOneTranslatesAsGreedy() {
    String greedy = run("translate", "-m", model.toString(), "-i", test.toString()).expectExit(0).out();
    String beam1 = run("translate", "-m", model.toString(), "-i", test.toString(), "--beam", "1").expectExit(0).out();
    assertEquals(greedy, beam1);
    String beam3 = run("translate", "-m", model.toString(), "-i", test.toString(), "--beam", "3").expectExit(0).out();
    assertEquals(testLines.size(), beam3.lines().count());
  }

  @Test
  void writesAttentionJsonAndHeatmaps(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("attention.json"), png = dir.resolve("png");
    Path input = write(dir.resolve("in.txt"), List.of("a b c", "e d"));
    String out = run("translate", "-m", model.toString(), "-i", input.toString(), "--attention-json", json.toString(),
        "--attention-png", png.toString()).expectExit(0).out();
    JsonNode a = TinyRuns.JSON.readTree(json.toFile());
    assertEquals("recurrent-attention", a.path("format").asText());
    assertEquals(2, a.path("examples").size());
    JsonNode first = a.path("examples").get(0);
    assertEquals(out.lines().findFirst().orElseThrow(), first.path("output").asText());
    assertEquals(List.of("a", "b", "c"), TinyRuns.JSON.convertValue(first.path("source_tokens"), List.class));
    assertEquals(first.path("output_tokens").size(), first.path("weights").size(), "one row per output token");
    for (JsonNode row : first.path("weights")) {
      assertEquals(3, row.size());
      double sum = 0;
      for (JsonNode w : row) sum += w.asDouble();
      assertEquals(1.0, sum, 1e-5);
    }
    for (String f : List.of("attention-1.png", "attention-2.png")) {
      byte[] bytes = Files.readAllBytes(png.resolve(f));
      assertEquals((byte) 0x89, bytes[0]);
      assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  @Test
  void truncatedBpttIsRefusedForAnEncoderDecoder(@TempDir Path dir) {
    String error = run("train", shared.resolve("reverse.yaml").toString(), "-o", dir.resolve("m").toString(), "--quiet",
        "--set", "training.tbptt=2").expectExit(2).errorLine();
    assertEquals("recurrent: error: training.tbptt must be 0 for an encoder-decoder (model.kind seq2seq): it reads "
        + "each source whole and decodes each target whole", error);
  }

  @Test
  void emptyLinesAndNonSeq2SeqModelsAreClearErrors(@TempDir Path dir) throws IOException {
    Path input = write(dir.resolve("in.txt"), List.of("a b", " ", "c"));
    assertEquals("recurrent: error: " + input + ":2: empty source line; give one sequence per line",
        run("translate", "-m", model.toString(), "-i", input.toString()).expectExit(2).errorLine());
    Path other = dir.resolve("wide");
    TinyRuns.train(TinyRuns.tinyWideCsvRun(dir), other);
    assertEquals("recurrent: error: " + other + ": a model of kind sequence does not write output sequences; translate "
        + "needs a model trained with model.kind seq2seq",
        run("translate", "-m", other.toString(), "-i", input.toString()).expectExit(2).errorLine());
  }

  /**
   * A model whose config.json carries a reader option this build does not know (as a newer build's model would) is
   * refused naming it: translate used to read target_level alone and ignore the rest.
   */
  @Test
  void anUnknownReaderOptionInTheModelsConfigIsRefusedByName(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("newer");
    TinyRuns.copyDirectory(model, copy);
    Path config = copy.resolve("config.json");
    Files.writeString(config,
        Files.readString(config).replace("\"target_level\"", "\"from_the_future\": true, \"target_level\""));
    String error = run("translate", "-m", copy.toString(), "-i", test.toString()).expectExit(2).errorLine();
    TinyRuns.assertContainsAll(error, config + " data.options", "unknown field \"from_the_future\"", "target_level");
  }

}
