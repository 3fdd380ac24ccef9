package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.assertUnchanged;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurrent inspect}: the architecture, parameter counts and metrics of a trained model, as text or JSON. */
class InspectCommandTest {
  @TempDir static Path shared;
  static Path model;

  /**
   * LSTM I = 1, H = 8 and a linear head to K = 2 classes: 4H(I + H) weights + 2 * 4H biases + K(H + 1)
   * = 32 * 9 + 64 + 18 = 370.
   */
  static final int PARAMETERS = 370;

  @BeforeAll
  static void trainModel() throws IOException {
    model = shared.resolve("model");
    TinyRuns.train(TinyRuns.tinyWideCsvRun(shared), model);
  }

  @Test
  void printsTheArchitectureAndParameterCount() {
    String out = run("inspect", "-m", model.toString()).expectExit(0).out();
    assertContainsAll(out, "task       classification, classes [0, 1]",
        "inputs     1 numeric features per step; data format wide_csv",
        "network    lstm, hidden 8, layers 1", "parameters " + PARAMETERS + "\n", "weight_ih_l0", "[32, 1]",
        "weight_hh_l0", "[32, 8]");
    assertTrue(out.lines().anyMatch(l -> l.startsWith("validation") && l.contains("accuracy")), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("test") && l.contains("roc_auc")), out);
  }

  @Test
  void jsonSummaryParsesAndAgreesWithTheText() throws IOException {
    JsonNode node = TinyRuns.JSON.readTree(run("inspect", "-m", model.toString(), "--json").expectExit(0).out());
    assertEquals(PARAMETERS, node.path("parameters").asInt(), node.toString());
    assertEquals("lstm", node.path("config").path("model").path("cell").asText(), node.toString());
    assertEquals(8, node.path("config").path("model").path("hidden_size").asInt(), node.toString());
    int sum = 0;
    for (JsonNode shape : node.path("tensors")) {
      int n = 1;
      for (JsonNode d : shape) n *= d.asInt();
      sum += n;
    }
    assertEquals(PARAMETERS, sum, "tensor shapes add up to the parameter count: " + node.path("tensors"));
    assertTrue(node.path("metrics").path("test").path("accuracy").isNumber(), node.toString());
    assertEquals(7, node.path("provenance").path("seed").asInt(), node.toString());
  }

  @Test
  void corruptedHeaderLengthIsRejectedNamingModelSafetensors(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Path weights = copy.resolve("model.safetensors");
    try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40), 0);
    }
    Map<String, byte[]> before = snapshot(copy);

    String error = run("inspect", "-m", copy.toString()).expectExit(2).errorLine();
    assertContainsAll(error, weights.toString(), "header length " + (1L << 40), "exceeds",
        "truncated or not a safetensors file?");
    assertUnchanged(before, copy);
  }

  @Test
  void missingModelDirectoryIsRejectedNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("no-model");
    assertContainsAll(run("inspect", "-m", missing.toString()).expectExit(2).errorLine(),
        "model directory not found: " + missing);
    assertTrue(Files.notExists(missing));
  }
}
