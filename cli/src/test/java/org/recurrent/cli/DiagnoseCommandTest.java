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
  void diagnoseMeasuresAnEchoStateNetworkThroughItsReservoirAndAMultiScaleRnnPerDelayGroup(@TempDir Path dir)
      throws IOException {
    Path esn = dir.resolve("esn"), ms = dir.resolve("ms");
    TinyRuns.train(config(dir, "esn", "{kind: esn, reservoir_size: 20, spectral_radius: 0.8}"), esn);
    TinyRuns.train(config(dir, "ms", "{kind: multiscale, delays: [1, 4], group_size: 3}"), ms);
    TinyRuns.Run r = run("diagnose", esn.toString(), ms.toString(), "--sequences", "4").expectExit(0);
    JsonNode e = TinyRuns.JSON.readTree(esn.resolve("diagnose/gradient_flow.json").toFile());
    assertTrue(e.path("init_source").asText().startsWith("not measured: the reservoir is fixed"), e.toString());
    assertTrue(e.path("at_init").isNull(), "no initial curve for a reservoir");
    assertTrue(e.path("reading").asText().startsWith("Through the fixed reservoir"), e.toString());
    assertEquals(0.8, e.path("matrices").get(0).path("spectral_radius").asDouble(), 1e-3);
    assertEquals(10, e.path("at_end").path("norms").path("reservoir").size());
    JsonNode m = TinyRuns.JSON.readTree(ms.resolve("diagnose/gradient_flow.json").toFile());
    assertEquals(9, m.path("at_init").path("norms").path("delay 4").size(), "distances 1..T-1");
    assertEquals(9, m.path("at_end").path("norms").path("delay 1").size());
    assertEquals(2, m.path("matrices").size(), "one block of rows per delay group");
    assertTrue(r.err().contains("ms: After training, the gradient reaching the state 9 steps before the last"), r.err());
  }

  @Test
  void gridFillsEachTasksResultsBlockReusesDoneCellsAndRefusesAFileWithout(@TempDir Path dir) throws IOException {
    Path results = dir.resolve("results.md");
    Files.writeString(results, "# R\n\n<!-- grid:adding:begin -->\nold\n<!-- grid:adding:end -->\nmiddle\n"
        + "<!-- grid:copy:begin -->\n<!-- grid:copy:end -->\n<!-- grid:pixels:begin -->\nold\n<!-- grid:pixels:end -->\n"
        + "tail\n");
    String[] args = {"grid", "-o", dir.resolve("g").toString(), "--models", "esn,tanh", "--lengths", "10",
        "--pixel-lengths", "36", "--samples", "60", "--steps", "3", "--results", results.toString()};
    TinyRuns.Run r = run(args).expectExit(0);
    String text = Files.readString(results);
    assertTrue(text.startsWith("# R\n\n<!-- grid:adding:begin -->\n| model | T = 10 | \n|---|---|\n"
        + "| tanh RNN, no clipping, lr 1e-3 | "), text);
    assertTrue(text.contains("| **chance** | **0.1667** | \n| baseline: the training mean"), text);
    assertTrue(text.contains("<!-- grid:adding:end -->\nmiddle\n<!-- grid:copy:begin -->\n| model | T = 10 | "), text);
    // copy: K ln A / (T + 2K) = 3 ln 4 / 16; pixels: 6 x 6 = 36 steps, chance error 0.9
    assertTrue(text.contains(String.format(java.util.Locale.ROOT, "| **chance** | **%.4f** |", 3 * Math.log(4) / 16)),
        text);
    assertTrue(text.contains("<!-- grid:pixels:begin -->\n| model | T = 36 | ") && text.contains("**0.9000**"), text);
    assertTrue(text.endsWith("<!-- grid:pixels:end -->\ntail\n") && !text.contains("\nold\n"), text);
    assertTrue(r.err().contains("grid 1/6: adding tanh T=10 ..."), r.err());
    for (String task : new String[] {"adding", "copy", "pixels"}) {
      assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(dir.resolve("g/grid-" + task + ".png")), 4));
      assertTrue(Files.isRegularFile(dir.resolve("g/configs/" + task + "-esn-t" + (task.equals("pixels") ? 36 : 10)
          + ".yaml")));
    }
    assertTrue(Files.readString(dir.resolve("g/configs/adding-tanh-t10.yaml")).contains("epochs: 2,"), "3 steps of "
        + "2 batches a epoch (48 training records) round to 2 epochs");

    // the same grid again: every cell read back, no run trained again
    Path weights = dir.resolve("g/copy-tanh-t10/model.safetensors");
    var stamp = Files.getLastModifiedTime(weights);
    TinyRuns.Run again = run(args).expectExit(0);
    assertTrue(again.err().contains("grid 6/6: pixels esn T=36 error") && !again.err().contains("..."), again.err());
    assertEquals(stamp, Files.getLastModifiedTime(weights));
    assertEquals(text, Files.readString(results));

    Path plain = dir.resolve("plain.md");
    Files.writeString(plain, "<!-- grid:adding:begin -->\n<!-- grid:adding:end -->\n");
    String line = run("grid", "-o", dir.resolve("h").toString(), "--models", "esn", "--lengths", "10", "--results",
        plain.toString()).expectExit(2).errorLine();
    assertTrue(line.contains("has no <!-- grid:copy:begin --> ... <!-- grid:copy:end --> block"), line);
    assertEquals("<!-- grid:adding:begin -->\n<!-- grid:adding:end -->\n", Files.readString(plain));
    line = run("grid", "--models", "lstm,nope").expectExit(2).errorLine();
    assertTrue(line.contains("unknown grid model 'nope'"), line);
    line = run("grid", "-o", dir.resolve("h").toString(), "--tasks", "pixels", "--lengths", "50,9").expectExit(2)
        .errorLine();
    assertTrue(line.contains("the image side must be in 6..64 (T = side^2 in 36..4096), got 3"), line);
    assertTrue(!Files.exists(dir.resolve("h")), "nothing run");
    line = run("grid", "--tasks", "adding,sorting").expectExit(2).errorLine();
    assertTrue(line.contains("unknown grid task 'sorting'; expected some of [adding, copy, pixels]"), line);
  }
}
