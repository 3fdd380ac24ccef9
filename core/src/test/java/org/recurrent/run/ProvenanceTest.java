package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.models.ModelDirectory;

class ProvenanceTest {

  static Provenance example(Path data) throws IOException {
    Instant started = Instant.parse("2026-11-30T00:36:18.630240548Z");
    Instant finished = Instant.parse("2026-11-30T00:36:25.001Z");
    return new Provenance("eeg-seizure", Provenance.Environment.current(), 42, "/work/examples/eeg-seizure.yaml",
        "name: eeg-seizure\nseed: 42\n", List.of("model.hidden_size=16", "training.optimizer.lr=0.003"),
        List.of(Provenance.DataFile.of(data)), started, finished, 6.371,
        "early_stopping", 5, 4, 3393);
  }

  private static List<String> keys(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void writtenAndReadBackIsEqual(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
    Path file = dir.resolve(ModelDirectory.PROVENANCE);
    example(data).write(file);
    assertEquals(example(data), Provenance.read(file));
  }

  @Test
  void jsonKeysAndLayoutArePinned(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
    JsonNode node = ModelDirectory.JSON.readTree(ModelDirectory.JSON.writeValueAsString(example(data)));
    assertEquals(List.of("name", "environment", "seed", "config_file", "config", "overrides", "data_files", "started", "finished",
        "seconds", "stop_reason", "epochs", "best_epoch", "parameters"), keys(node));
    assertEquals(List.of("library", "jdk", "os", "cores", "kernels"), keys(node.get("environment")));
    assertEquals(List.of("path", "bytes", "sha256"), keys(node.get("data_files").get(0)));
    assertEquals(data.toAbsolutePath().toString(), node.get("data_files").get(0).get("path").textValue());
    assertEquals(8, node.get("data_files").get(0).get("bytes").longValue());
    assertEquals(Provenance.sha256(data), node.get("data_files").get(0).get("sha256").textValue());
    assertEquals("2026-11-30T00:36:18.630240548Z", node.get("started").textValue());
    assertTrue(node.get("environment").get("library").textValue().startsWith("recurrent "));
    assertEquals(example(data), ModelDirectory.JSON.treeToValue(node, Provenance.class), "Jackson reads the record too");
  }

  @Test
  void aFileWrittenBeforeOverridesExistedReadsAsNone(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
    Path file = dir.resolve(ModelDirectory.PROVENANCE);
    example(data).write(file);
    com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
        ModelDirectory.JSON.readTree(file.toFile());
    node.remove("overrides");
    ModelDirectory.JSON.writeValue(file.toFile(), node);
    assertEquals(List.of(), Provenance.read(file).overrides());
    node.put("overrides", "model.hidden_size=16");
    ModelDirectory.JSON.writeValue(file.toFile(), node);
    var e = assertThrows(IOException.class, () -> Provenance.read(file));
    assertEquals(file + ": overrides: expected an array, got \"model.hidden_size=16\"", e.getMessage());
  }

  @Test
  void sha256IsThatOfTheBytes(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("abc"), "abc");
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Provenance.sha256(f));
  }

  @Test
  void malformedFilesAreRefusedNamingTheField(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
    Path file = dir.resolve(ModelDirectory.PROVENANCE);
    example(data).write(file);
    Files.writeString(file, Files.readString(file).replace("\"bytes\" : 8", "\"bytes\" : \"eight\""));
    var e = assertThrows(IOException.class, () -> Provenance.read(file));
    assertEquals(file + ": data_files[0].bytes: expected an integer, got \"eight\"", e.getMessage());
    example(data).write(file);
    Files.writeString(file, Files.readString(file).replace("2026-11-30T00:36:25.001Z", "yesterday"));
    e = assertThrows(IOException.class, () -> Provenance.read(file));
    assertEquals(file + ": finished: expected an ISO-8601 instant, got \"yesterday\"", e.getMessage());
  }

  /** docs/model-format.md documents every field of provenance.json: a new field without a doc row fails here. */
  @Test
  void everyFieldIsDocumentedInModelFormatMd(@TempDir Path dir) throws IOException {
    String section = ModelFormatDoc.section("### `provenance.json`");
    JsonNode node = ModelDirectory.JSON.valueToTree(example(Files.writeString(dir.resolve("d.csv"), "x\n")));
    for (String f : keys(node)) {
      assertTrue(section.contains("| `" + f + "` |"), "docs/model-format.md section provenance.json lacks a row for `"
          + f + "`");
    }
    List<String> nested = new ArrayList<>(keys(node.get("environment")));
    nested.addAll(keys(node.get("data_files").get(0)));
    for (String f : nested) {
      assertTrue(section.contains("`" + f + "`"), "docs/model-format.md section provenance.json does not name `" + f
          + "`");
    }
  }

  @Test
  void theLibraryVersionIsDevWhenRunFromClassesWithoutAJarManifest() {
    assertEquals("dev", Provenance.libraryVersion());
  }
}
