package org.recurrent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.models.Cell;
import org.recurrent.models.SequenceModelSection;

class ConfigOverridesTest {
  private static final String GOOD = """
      task: classification
      data:
        format: wide_csv
        train: data.csv
        options: {label_column: y}
      model:
        cell: gru
        hidden_size: 8
      training:
        epochs: 2
      """;

  private static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static TrainConfig read(Path file, String... sets) throws IOException {
    return ConfigOverrides.parse(List.of(sets)).readTrainConfig(file);
  }

  @Test
  void valuesAreReadAsYamlScalarsAndListsAndReplaceTheFilesValues(@TempDir Path dir) throws IOException {
    TrainConfig c = read(write(dir, "run.yaml", GOOD), "model.hidden_size=256", "model.cell=lstm",
        "model.bidirectional=true", "model.dropout=0.25", "training.optimizer.lr=3e-3", "data.split.seed=7",
        "name='007'", "data.options.positive_labels=[1, \"b\"]", "data.validation=null");
    SequenceModelSection m = (SequenceModelSection) c.model();
    assertEquals(256, m.hiddenSize());
    assertEquals(Cell.LSTM, m.cell());
    assertEquals(true, m.bidirectional());
    assertEquals(0.25, m.dropout());
    assertEquals(0.003f, c.training().optimizer().learningRate(), "a section the file leaves out is made");
    assertEquals(7L, c.data().split().seed());
    assertEquals("007", c.name(), "a quoted YAML value stays text");
    assertEquals("[1,\"b\"]", c.data().options().get("positive_labels").toString());
    assertEquals("y", c.data().options().get("label_column").asText(), "the rest of the section is kept");
    assertNull(c.data().validation());
    assertEquals(2, c.training().epochs());
  }

  @Test
  void jsonConfigsTooAndTheLaterSettingWins(@TempDir Path dir) throws IOException {
    Path f = write(dir, "run.json", "{\"task\": \"regression\", \"data\": {\"format\": \"jsonl\", \"train\": \"a.jsonl\"}}");
    assertEquals(9, read(f, "training.epochs=3", "training.epochs=9").training().epochs());
  }

  @Test
  void anUnknownKeyIsRefusedNamingThePathAndTheKeysValidThere(@TempDir Path dir) throws IOException {
    Path f = write(dir, "run.yaml", GOOD);
    var e = assertThrows(IllegalArgumentException.class, () -> read(f, "model.hiden_size=256"));
    assertTrue(e.getMessage().startsWith("--set model.hiden_size=256: the config has no key \"model.hiden_size\" "
        + "(unknown \"hiden_size\" in model); valid keys there: [bag_mode, bidirectional, cell, dropout, "
        + "embedding_dim, hidden_size, kind, "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read(f, "training.epochs=3", "modle.hidden_size=4"));
    assertTrue(e.getMessage().startsWith("--set modle.hidden_size=4: the config has no key \"modle\" (unknown \"modle\" "
        + "in the top level); valid keys there: [data, init_from, model, name, output, seed, task, training]"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read(f, "training.optimizer.learning_rate=0.1"));
    assertTrue(e.getMessage().startsWith("--set training.optimizer.learning_rate=0.1: the config has no key "
        + "\"training.optimizer.learning_rate\" (unknown \"learning_rate\" in training.optimizer); valid keys there: ["),
        e.getMessage());
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
  }

  @Test
  void aValueTheConfigRefusesIsRefusedNamingTheSetting(@TempDir Path dir) throws IOException {
    Path f = write(dir, "run.yaml", GOOD);
    var e = assertThrows(IllegalArgumentException.class, () -> read(f, "model.cell=lstm", "training.batch_size=0"));
    assertEquals("--set training.batch_size=0: training.batch_size must be in 1..1048576, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read(f, "training.epochs=many"));
    assertTrue(e.getMessage().startsWith("--set training.epochs=many: "), e.getMessage());
    assertTrue(e.getMessage().contains("many"), e.getMessage());
  }

  @Test
  void aPathThroughAValueIsRefused(@TempDir Path dir) throws IOException {
    Path f = write(dir, "run.yaml", GOOD);
    var e = assertThrows(IllegalArgumentException.class, () -> read(f, "model.hidden_size.x=1"));
    assertEquals("--set model.hidden_size.x=1: model.hidden_size is number 8 in the config, not a section with keys",
        e.getMessage());
  }

  @Test
  void theFilesOwnErrorIsReportedAsWithoutOverridesWithItsLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, "run.yaml", GOOD.replace("hidden_size: 8", "hiden_size: 8"));
    var plain = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f));
    var e = assertThrows(IOException.class, () -> read(f, "training.epochs=3"));
    assertEquals(plain.getMessage(), e.getMessage());
    assertTrue(e.getMessage().startsWith(f + ":8: unknown field \"hiden_size\""), e.getMessage());
  }

  @Test
  void malformedSettingsAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.parse(List.of("model.hidden_size")));
    assertEquals("--set expects key.path=value (e.g. --set model.hidden_size=256), got 'model.hidden_size'",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.parse(List.of("model..cell=gru")));
    assertEquals("--set model..cell=gru: expected a dotted path of config keys such as model.hidden_size",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.parse(List.of("name=")));
    assertEquals("--set name=: no value after '='; write null for none, '' for an empty text", e.getMessage());
  }

  @Test
  void theSettingsAreKeptAsWrittenInOrder() {
    assertEquals(List.of("a.b=1", "c=x=y"), ConfigOverrides.parse(List.of("a.b=1", "c=x=y")).asStrings());
    assertTrue(ConfigOverrides.none().isEmpty());
  }
}
