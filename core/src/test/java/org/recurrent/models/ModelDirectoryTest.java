package org.recurrent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.io.SafeTensors;
import org.recurrent.tensor.Tensor;

class ModelDirectoryTest {
  private static final SequenceModelConfig CONFIG = new SequenceModelConfig(Cell.parse("gru"), 3, 0, 0, -1, 5, 2, true, 0f, OutputMode.SEQUENCE, Pooling.MEAN, 4);

  private static ModelManifest manifest(SequenceModelConfig c) {
    return new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, "classification",
        ModelManifest.describe(new SequenceModel(c, new Random(0))),
        ModelDirectory.JSON.createObjectNode().put("format", "wide_csv"), List.of("a", "b", "c"),
        List.of("w", "x", "y", "z"), List.of(), Map.of());
  }

  @Test
  void roundTripGivesTheSameModelAndOutputs(@TempDir Path dir) throws IOException {
    SequenceModel model = new SequenceModel(CONFIG, new Random(1));
    ModelDirectory.write(dir, manifest(CONFIG), model);
    ModelDirectory.Loaded back = ModelDirectory.read(dir);
    assertEquals(manifest(CONFIG), back.manifest());
    Tensor x = Tensor.randn(new Random(2), 1f, 4, 2, 3);
    model.eval();
    assertEquals("sequence", back.model().kind());
    assertEquals(CONFIG, back.model().spec());
    assertArrayEquals(model.forward(x, new int[] {4, 3}, null).logits().data(),
        ((SequenceModel) back.model()).forward(x, new int[] {4, 3}, null).logits().data());
  }

  @Test
  void wrongFormatOrVersionIsNamed(@TempDir Path dir) throws IOException {
    ModelDirectory.write(dir, manifest(CONFIG), new SequenceModel(CONFIG, new Random(1)));
    Path config = dir.resolve("config.json");
    String text = Files.readString(config);
    Files.writeString(config, text.replace("\"version\" : 1", "\"version\" : 7"));
    var e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertEquals(config + ": format version 7 is not supported; this build reads version 1", e.getMessage());
    Files.writeString(config, text.replace("recurrent-model", "keras"));
    e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertEquals(config + ": expected \"format\": \"recurrent-model\", found \"keras\"", e.getMessage());
    Files.writeString(config, text.replace("\"cell\" : \"gru\"", "\"cell\" : \"transformer\""));
    e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertTrue(e.getMessage().startsWith(config + ": model: unknown model.cell 'transformer'"), e.getMessage());
  }

  @Test
  void weightsThatDoNotFitTheConfigAreReportedWithTheFile(@TempDir Path dir) throws IOException {
    ModelDirectory.write(dir, manifest(CONFIG), new SequenceModel(CONFIG, new Random(1)));
    Path weights = dir.resolve("model.safetensors");
    Map<String, Tensor> state = new java.util.LinkedHashMap<>(SafeTensors.read(weights).tensors());
    state.put("head.bias", Tensor.zeros(3));
    SafeTensors.write(weights, state, Map.of());
    var e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertEquals(weights + ": state dict entry 'head.bias' has shape (3), the model expects (4)", e.getMessage());
    state.remove("head.bias");
    SafeTensors.write(weights, state, Map.of());
    e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertTrue(e.getMessage().startsWith(weights + ": state dict does not match SequenceModel: missing keys [head.bias]"),
        e.getMessage());
  }

  @Test
  void missingDirectoryOrFilesAreNamed(@TempDir Path dir) throws IOException {
    var e = assertThrows(IOException.class, () -> ModelDirectory.read(dir.resolve("nope")));
    assertEquals("model directory not found: " + dir.resolve("nope"), e.getMessage());
    e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertEquals(dir.resolve("config.json") + ": not found; a model directory needs config.json and model.safetensors",
        e.getMessage());
  }

  @Test
  void writtenFilesAreReadableByOthers(@TempDir Path dir) throws IOException {
    ModelDirectory.write(dir, manifest(CONFIG), new SequenceModel(CONFIG, new Random(1)));
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("config.json"))));
  }
}
