package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recurrent demo seq2seq-decoding} on the tiny reversal model of {@link TranslateCommandTest}: its greedy
 * row is the run's own test exact match and BLEU (so it decodes the part the run scored), beam 1 is greedy, and a
 * config whose data the model was not trained on is refused.
 */
class Seq2SeqDecodingCommandTest {
  @TempDir static Path shared;
  static Path model;
  static Path config;
  static JsonNode metrics;

  @BeforeAll
  static void trainModel() throws IOException {
    write(shared.resolve("train.tsv"), TranslateCommandTest.pairs(400, 1));
    write(shared.resolve("valid.tsv"), TranslateCommandTest.pairs(40, 2));
    write(shared.resolve("test.tsv"), TranslateCommandTest.pairs(60, 3));
    config = write(shared.resolve("reverse.yaml"), String.join("\n", "seed: 3", "task: seq2seq", "data:",
        "  format: parallel_text", "  train: train.tsv", "  validation: valid.tsv", "  test: test.tsv",
        "  options: {source_level: word, target_level: char}", "model:", "  kind: seq2seq", "  cell: gru",
        "  embedding_dim: 8", "  hidden_size: 16", "  attention: general", "  max_decode_length: 8", "training:",
        "  epochs: 6", "  batch_size: 16", "  optimizer: {name: adam, lr: 0.02}", ""));
    model = shared.resolve("model");
    metrics = TinyRuns.train(config, model);
  }

  private static List<String> row(String out, String decoding) {
    return out.lines().filter(l -> l.startsWith("| " + decoding + " |")).findFirst()
        .map(l -> List.of(l.split("\\|")).subList(2, 4).stream().map(String::trim).toList())
        .orElseThrow(() -> new AssertionError("no row " + decoding + " in\n" + out));
  }

  @Test
  void greedyRepeatsTheRunsTestScoresAndBeamOfWidthOneIsGreedy() {
    String out = run("demo", "seq2seq-decoding", "-c", config.toString(), "-m", model.toString(), "--beam", "1,3")
        .expectExit(0).out();
    JsonNode test = metrics.path("test");
    assertEquals(List.of(String.format(Locale.ROOT, "%.3f", test.path("exact_match").asDouble()),
        String.format(Locale.ROOT, "%.1f", test.path("bleu").asDouble())), row(out, "greedy"));
    assertEquals(row(out, "greedy"), row(out, "beam 1, alpha 0.6"));
    assertTrue(out.contains("| beam 3, alpha 0.6 |"), out);
  }

  @Test
  void aConfigWhoseDataTheModelDidNotSeeIsRefused() throws IOException {
    write(shared.resolve("other.tsv"), List.of("x y\tyx", "z\tz"));
    Path other = write(shared.resolve("other.yaml"), String.join("\n", "seed: 3", "task: seq2seq", "data:",
        "  format: parallel_text", "  train: other.tsv", "  validation: other.tsv", "  test: other.tsv",
        "  options: {source_level: word, target_level: char}", "model:", "  kind: seq2seq", ""));
    String err = run("demo", "seq2seq-decoding", "-c", other.toString(), "-m", model.toString()).expectExit(2).err();
    assertTrue(err.contains("its source vocabulary or target tokens differ from those of the data"), err);
  }
}
