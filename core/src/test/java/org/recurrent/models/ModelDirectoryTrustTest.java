package org.recurrent.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.VersionedJson;

/**
 * A model directory is untrusted (issue 15, {@code docs/security.md}): config.json names side files by bare name
 * only, no file the tool reads may be a link out of the directory, and a file that fails to parse is never quoted
 * in the message.
 */
class ModelDirectoryTrustTest {
  private static final String SECRET = "TOPSECRET_TOKEN_8c1f";
  private static final SequenceModelConfig CONFIG =
      new SequenceModelConfig(Cell.parse("gru"), 3, 0, 0, -1, 5, 1, false, 0f, OutputMode.SEQUENCE, Pooling.MEAN, 2);

  @TempDir Path root;
  Path dir;
  Path outside;
  Path config;

  @BeforeEach
  void modelWithAScaler() throws IOException {
    dir = Files.createDirectories(root.resolve("model"));
    outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.json"), SECRET + "\n");
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, "classification",
        ModelManifest.describe(new SequenceModel(CONFIG, new Random(0))),
        ModelDirectory.JSON.createObjectNode().put("format", "wide_csv"), List.of("a", "b", "c"), List.of("x", "y"),
        List.of(), Map.of("feature_scaler", "scaler.json"));
    ModelDirectory.write(dir, manifest, new SequenceModel(CONFIG, new Random(1)));
    Files.writeString(dir.resolve("scaler.json"), "{}");
    config = dir.resolve(ModelDirectory.CONFIG);
    ModelDirectory.read(dir);                                       // as written, it is fine
  }

  private String rejection() {
    IOException e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertFalse(e.getMessage().contains(SECRET), "message quotes the file: " + e.getMessage());
    return e.getMessage();
  }

  private void sideFileNamed(String name) throws IOException {
    String text = Files.readString(config);
    Files.writeString(config, text.replace("\"scaler.json\"", ModelDirectory.JSON.writeValueAsString(name)));
  }

  @Test
  void refusesSideFileNamedWithDotDot() throws IOException {
    sideFileNamed("../outside/secret.json");
    assertEquals(config + ": files.feature_scaler: must be a bare file name inside the model directory (like "
        + "\"scaler.json\"), got a path with a folder or an absolute path", rejection());
  }

  @Test
  void refusesSideFileNamedByAbsolutePathOrParent() throws IOException {
    sideFileNamed(outside.resolve("secret.json").toString());
    assertTrue(rejection().startsWith(config + ": files.feature_scaler: must be a bare file name"));
    Files.writeString(config, Files.readString(config).replace(
        ModelDirectory.JSON.writeValueAsString(outside.resolve("secret.json").toString()), "\"..\""));
    assertEquals(config + ": files.feature_scaler: must be a bare file name inside the model directory (like "
        + "\"scaler.json\"), got \"..\"", rejection());
  }

  @Test
  void refusesSideFileThatLinksOutOfTheDirectory() throws IOException {
    Files.delete(dir.resolve("scaler.json"));
    Files.createSymbolicLink(dir.resolve("scaler.json"), outside.resolve("secret.json"));
    assertEquals(dir.resolve("scaler.json") + ": a symbolic link to a file outside the model directory; refused (a "
        + "model directory may only hold its own files; see docs/security.md)", rejection());
  }

  @Test
  void acceptsALinkBetweenFilesOfTheDirectory() throws IOException {
    Files.move(dir.resolve("scaler.json"), dir.resolve("scaler-v2.json"));
    Files.createSymbolicLink(dir.resolve("scaler.json"), Path.of("scaler-v2.json"));
    ModelDirectory.read(dir);
  }

  @Test
  void refusesConfigThatLinksOutOfTheDirectory() throws IOException {
    Files.delete(config);
    Files.createSymbolicLink(config, outside.resolve("secret.json"));
    assertEquals(config + ": a symbolic link to a file outside the model directory; refused (a model directory may "
        + "only hold its own files; see docs/security.md)", rejection());
  }

  @Test
  void refusesWeightsThatLinkOutOfTheDirectory() throws IOException {
    Path weights = dir.resolve(ModelDirectory.WEIGHTS);
    Files.move(weights, outside.resolve("w.safetensors"));
    Files.createSymbolicLink(weights, outside.resolve("w.safetensors"));
    assertTrue(rejection().startsWith(weights + ": a symbolic link to a file outside the model directory"));
  }

  @Test
  void configThatIsNotJsonIsNamedWithItsPositionNotItsContent() throws IOException {
    Files.writeString(config, "{\n  \"format\": " + SECRET + "\n}\n");
    assertEquals(config + ": not valid JSON: line 2, column 34: expected a JSON value (object, array, string, number, "
        + "true, false or null)", rejection());
  }

  @Test
  void configThatIsNotUtf8IsNamedWithTheBytePosition() throws IOException {
    byte[] latin1 = "{\"format\": \"recurrent-model\",\n \"name\": \"caf\u00e9\"}".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(config, latin1);
    assertEquals(config + ":2: expected UTF-8 text, found a byte that is not UTF-8 (0xe9) at byte 43; save the file as "
        + "UTF-8", rejection());
  }

  @Test
  void sideFileThatIsNotJsonIsNotQuoted() throws IOException {
    Path scaler = dir.resolve("scaler.json");
    Files.writeString(scaler, SECRET);
    IOException e = assertThrows(IOException.class, () -> VersionedJson.read(scaler, "scaler", 1));
    assertEquals(scaler + ": not valid JSON: line 1, column 21: expected a JSON value (object, array, string, number, "
        + "true, false or null)", e.getMessage());
  }
}
