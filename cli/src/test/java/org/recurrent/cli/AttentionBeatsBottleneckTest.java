package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's proof that attention is what carries long inputs: reversing 9 to 12 letters (an alphabet of six) with
 * an encoder-decoder of 16 GRU units, trained the same way with and without attention. The bottleneck model must
 * squeeze the whole sequence into one 16-wide state; the attention model reads every source position back. Seeds
 * 3, 4, 5 of this setup gave test token accuracy 0.887 / 0.894 / 0.935 with general attention against 0.627 / 0.515
 * / 0.645 without, and exact match 0.18 / 0.26 / 0.46 against 0.00 / 0.00 / 0.01 (`recurrent train`, 2026-12-01);
 * the margins asserted here are about half of the smallest seen. Given additive attention as well, the second model
 * reached 0.915 and the test failed, as it should; dot attention, which fails on some seeds of the number-words
 * task too (docs/seq2seq.md), stays near the bottleneck here. About 5 s in-process.
 */
class AttentionBeatsBottleneckTest {
  static List<String> reversals(int n, long seed) {
    Random rng = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 9 + rng.nextInt(4);
      StringBuilder src = new StringBuilder(), tgt = new StringBuilder();
      for (int t = 0; t < len; t++) {
        char c = (char) ('a' + rng.nextInt(6));
        src.append(t == 0 ? "" : " ").append(c);
        tgt.insert(0, c);
      }
      out.add(src + "\t" + tgt);
    }
    return out;
  }

  private static JsonNode trainWith(Path dir, String attention) throws IOException {
    Path config = write(dir.resolve(attention + ".yaml"), String.join("\n", "seed: 3", "task: seq2seq", "data:",
        "  format: parallel_text", "  train: train.tsv", "  validation: valid.tsv", "  test: test.tsv",
        "  options: {source_level: word, target_level: char}", "model:", "  kind: seq2seq", "  cell: gru",
        "  embedding_dim: 8", "  hidden_size: 16", "  attention: " + attention, "  max_decode_length: 14",
        "training:", "  epochs: 8", "  batch_size: 16", "  optimizer: {name: adam, lr: 0.02}", ""));
    return TinyRuns.train(config, dir.resolve("run-" + attention)).path("test");
  }

  @Test
  void attentionBeatsTheBottleneckOnLongInputsByAStatedMargin(@TempDir Path dir) throws IOException {
    write(dir.resolve("train.tsv"), reversals(800, 1));
    write(dir.resolve("valid.tsv"), reversals(80, 2));
    write(dir.resolve("test.tsv"), reversals(100, 3));
    JsonNode attention = trainWith(dir, "general"), bottleneck = trainWith(dir, "none");
    double tokA = attention.path("token_accuracy").asDouble(), tokB = bottleneck.path("token_accuracy").asDouble();
    double exactA = attention.path("exact_match").asDouble(), exactB = bottleneck.path("exact_match").asDouble();
    assertTrue(tokA >= tokB + 0.12, "token accuracy with attention " + tokA + ", without " + tokB);
    assertTrue(exactA >= exactB + 0.08, "exact match with attention " + exactA + ", without " + exactB);
  }
}
