package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurrent diagnose} and {@code recurrent grid} in-process: files written, errors with exit 2. */
class DiagnoseCommandTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  private static Path config(Path dir, String name, String model) throws IOException {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, """
        seed: 1
        task: regression
        data:
          format: synthetic
          options: {task: adding, length: 10, samples: 120, seed: 1}
        model: %s
        training: {epochs: 1, batch_size: 20}
        """.formatted(model));
    return config;
  }

  @Test
  void diagnoseWritesTheJsonAndPlotsAndComparesModels(@TempDir Path dir) throws IOException {
    Path tanh = dir.resolve("tanh"), lstm = dir.resolve("lstm");
    TinyRuns.train(config(dir, "tanh", "{cell: rnn_tanh, hidden_size: 5}"), tanh);
    TinyRuns.train(config(dir, "lstm", "{cell: lstm, hidden_size: 5}"), lstm);
    Path plot = dir.resolve("cmp.png");
    TinyRuns.Run r = run("diagnose", tanh.toString(), lstm.toString(), "--sequences", "6", "--compare", "--plot",
        plot.toString()).expectExit(0);
    JsonNode summary = TinyRuns.JSON.readTree(r.out());
    assertEquals(2, summary.size());
    assertTrue(summary.get(0).path("reading").asText().startsWith("After training"), r.out());
    for (Path m : new Path[] {tanh, lstm}) {
      JsonNode json = TinyRuns.JSON.readTree(m.resolve("diagnose/gradient_flow.json").toFile());
      assertEquals(6, json.path("sequences").asInt());
      assertEquals(10, json.path("at_init").path("distances").size(), "distances 1..10");
      assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(m.resolve("diagnose/gradient_flow.png")), 4));
    }
    assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(plot), 4));
  }

  @Test
  void diagnoseRefusesAnotherKindWithExit2(@TempDir Path dir) throws IOException {
    Path esn = dir.resolve("esn");
    TinyRuns.train(config(dir, "esn", "{kind: esn, reservoir_size: 20}"), esn);
    String line = run("diagnose", esn.toString()).expectExit(2).errorLine();
    assertTrue(line.contains("measures the state gradients of model.kind sequence; this model is kind esn"), line);
  }

  @Test
  void gridFillsTheResultsBlockAndRefusesAFileWithout(@TempDir Path dir) throws IOException {
    Path results = dir.resolve("results.md");
    Files.writeString(results, "# R\n\n## Vanishing gradients\n\n<!-- grid:begin -->\nold\n<!-- grid:end -->\ntail\n");
    TinyRuns.Run r = run("grid", "-o", dir.resolve("g").toString(), "--models", "esn", "--lengths", "10",
        "--results", results.toString()).expectExit(0);
    assertTrue(r.out().contains("| echo-state network, N = 200 | "), r.out());
    String text = Files.readString(results);
    assertTrue(text.startsWith("# R\n\n## Vanishing gradients\n\n<!-- grid:begin -->\n| model | T = 10 | "), text);
    assertTrue(text.endsWith("<!-- grid:end -->\ntail\n") && !text.contains("old"), text);
    assertTrue(Files.isRegularFile(dir.resolve("g/configs/esn-t10.yaml")));
    assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(dir.resolve("g/grid.png")), 4));

    Path plain = dir.resolve("plain.md");
    Files.writeString(plain, "no markers\n");
    String line = run("grid", "-o", dir.resolve("h").toString(), "--models", "esn", "--lengths", "10", "--results",
        plain.toString()).expectExit(2).errorLine();
    assertTrue(line.contains("has no <!-- grid:begin --> ... <!-- grid:end --> block"), line);
    assertEquals("no markers\n", Files.readString(plain));
    line = run("grid", "--models", "lstm,nope").expectExit(2).errorLine();
    assertTrue(line.contains("unknown grid model 'nope'"), line);
  }
}
