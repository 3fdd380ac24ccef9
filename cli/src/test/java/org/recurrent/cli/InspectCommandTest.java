package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.assertUnchanged;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.nn.Module;
import org.recurrent.tensor.Tensor;

/**
 * {@code recurrent inspect}: the architecture, trainable and frozen parameters, buffers and metrics of a trained
 * model, as text or JSON.
 */
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
        "network    lstm, hidden 8, layers 1", "parameters " + PARAMETERS + " trainable, 0 frozen\n", "weight_ih_l0",
        "[32, 1]", "weight_hh_l0", "[32, 8]", "\nbuffers    0\n");
    assertFalse(out.lines().anyMatch(l -> l.endsWith("  frozen")), "no tensor is marked frozen: " + out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("validation") && l.contains("accuracy")), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("test") && l.contains("roc_auc")), out);
  }

  @Test
  void showsTheSetOverridesTheModelWasTrainedWithAndNoLineWithout(@TempDir Path dir) throws IOException {
    Path set = dir.resolve("set");
    TinyRuns.train(TinyRuns.tinyWideCsvRun(dir), set, "--set", "model.hidden_size=4", "--set", "training.epochs=1");
    assertContainsAll(run("inspect", "-m", set.toString()).expectExit(0).out(),
        "\noverrides  --set model.hidden_size=4 --set training.epochs=1\n", "hidden 4");
    assertFalse(run("inspect", "-m", model.toString()).expectExit(0).out().contains("overrides"));
  }

  @Test
  void jsonSummaryParsesAndAgreesWithTheText() throws IOException {
    JsonNode node = TinyRuns.JSON.readTree(run("inspect", "-m", model.toString(), "--json").expectExit(0).out());
    assertEquals(PARAMETERS, node.path("parameters").asInt(), node.toString());
    assertEquals(0, node.path("frozen_parameters").asInt(-1), node.toString());
    assertEquals(0, node.path("buffer_values").asInt(-1), node.toString());
    assertTrue(node.path("frozen").isObject() && node.path("frozen").isEmpty(), node.toString());
    assertTrue(node.path("buffers").isObject() && node.path("buffers").isEmpty(), node.toString());
    assertTrue(node.path("unsaved_buffers").isArray() && node.path("unsaved_buffers").isEmpty(), node.toString());
    assertEquals("lstm", node.path("config").path("model").path("cell").asText(), node.toString());
    assertEquals(8, node.path("config").path("model").path("hidden_size").asInt(), node.toString());
    assertEquals(PARAMETERS, values(node.path("trainable")), "tensor shapes add up to the parameter count: " + node);
    assertTrue(node.path("metrics").path("test").path("accuracy").isNumber(), node.toString());
    assertEquals(7, node.path("provenance").path("seed").asInt(), node.toString());
  }

  /** The sum over a name -> shape map of the shapes' products. */
  static long values(JsonNode shapes) {
    long sum = 0;
    for (JsonNode shape : shapes) {
      long n = 1;
      for (JsonNode d : shape) n *= d.asLong();
      sum += n;
    }
    return sum;
  }

  /**
   * A linear layer y = W x + b whose bias is frozen, with a persistent buffer (a fixed mask, saved) and a
   * non-persistent one (scratch, rebuilt instead of saved), under a child: the cases a sequence model has none of.
   */
  static final class MaskedLinear extends Module {
    MaskedLinear() {
      Module inner = new Module() {
        {
          registerParameter("weight", Tensor.zeros(3, 4));
          registerParameter("bias", Tensor.zeros(3));
          registerBuffer("mask", Tensor.zeros(3, 4));
        }
      };
      registerParameter("scale", Tensor.zeros(1));
      registerBuffer("scratch", Tensor.zeros(5), false);
      registerModule("linear", inner);
      freeze("linear.bias");
    }
  }

  @Test
  void textListsFrozenParametersAndBuffersApart() {
    StringWriter text = new StringWriter();
    try (PrintWriter w = new PrintWriter(text)) {
      InspectCommand.Tensors.of(new MaskedLinear()).print(w);
    }
    List<String> lines = text.toString().lines().map(String::stripTrailing).toList();
    assertEquals("parameters 13 trainable, 3 frozen", lines.get(0));
    assertTrue(lines.get(1).startsWith("  scale ") && lines.get(1).endsWith(" 1"), lines.get(1));
    assertTrue(lines.get(2).startsWith("  linear.weight ") && lines.get(2).endsWith(" 12"), lines.get(2));
    assertTrue(lines.get(3).startsWith("  linear.bias ") && lines.get(3).contains("[3]")
        && lines.get(3).endsWith(" 3  frozen"), lines.get(3));
    assertEquals("buffers    17", lines.get(4));
    assertTrue(lines.get(5).startsWith("  scratch ") && lines.get(5).endsWith(" 5  not saved"), lines.get(5));
    assertTrue(lines.get(6).startsWith("  linear.mask ") && lines.get(6).contains("[3, 4]")
        && lines.get(6).endsWith(" 12"), lines.get(6));
    assertEquals(7, lines.size(), text.toString());
  }

  @Test
  void jsonGroupsTheSameTensorsByRoleWithMatchingCounts() {
    ObjectNode node = TinyRuns.JSON.createObjectNode();
    InspectCommand.Tensors.of(new MaskedLinear()).putInto(node);
    assertEquals(13, node.path("parameters").asLong(), node.toString());
    assertEquals(3, node.path("frozen_parameters").asLong(), node.toString());
    assertEquals(17, node.path("buffer_values").asLong(), node.toString());
    assertEquals(List.of("scale", "linear.weight"), names(node.path("trainable")));
    assertEquals(List.of("linear.bias"), names(node.path("frozen")));
    assertEquals(List.of("scratch", "linear.mask"), names(node.path("buffers")));
    assertEquals("[\"scratch\"]", node.path("unsaved_buffers").toString());
    assertEquals(13, values(node.path("trainable")));
    assertEquals(3, values(node.path("frozen")));
    assertEquals(17, values(node.path("buffers")));
    assertEquals("[3,4]", node.path("buffers").path("linear.mask").toString());
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
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

  /** Issue 15: raw escape bytes from a model directory's files reached the terminal through {@code inspect}. */
  @Test
  void controlCharactersFromTheModelFilesArePrintedEscaped(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Path config = copy.resolve("config.json");
    // a class name that would clear the screen and retitle the terminal, written as JSON escapes
    String hostile = "\\u001b[2J\\u001b]0;owned\\u0007";
    java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
        .replaceFirst("\"classes\" : \\[ \"0\"", "\"classes\" : [ \"" + hostile.replace("\\", "\\\\") + "\""));
    String out = run("inspect", "-m", copy.toString()).expectExit(0).out();
    assertTrue(out.contains("\\u001b[2J\\u001b]0;owned\\u0007"), out);
    assertFalse(out.chars().anyMatch(c -> c == 0x1b || c == 0x07), "raw control characters in: " + out);
  }
}
