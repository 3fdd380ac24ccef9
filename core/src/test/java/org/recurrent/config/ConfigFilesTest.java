package org.recurrent.config;

import org.recurrent.models.Cell;
import org.recurrent.models.SequenceModelSection;


import org.recurrent.tasks.Task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  private static final String GOOD = """
      task: classification
      data:
        format: wide_csv
        train: data.csv
      model:
        cell: gru
        hidden_size: 8
      training:
        epochs: 2
        optimizer: {name: rmsprop, lr: 0.01}
        schedule: {name: cosine, warmup_steps: 10}
      """;

  private static Path write(Path dir, String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsYamlWithDefaultsFilledIn(@TempDir Path dir) throws IOException {
    TrainConfig c = ConfigFiles.readTrainConfig(write(dir, "run.yaml", GOOD));
    assertEquals("classification", c.parsedTask().name());
    assertEquals(42L, c.seed());
    SequenceModelSection m = (SequenceModelSection) c.model();
    assertEquals(Cell.GRU, m.cell());
    assertEquals(8, m.hiddenSize());
    assertEquals(1, m.numLayers());
    assertEquals("rmsprop", c.training().optimizer().name());
    assertEquals(0.01f, c.training().optimizer().learningRate());
    assertEquals(32, c.training().batchSize());
    assertEquals(5.0, c.training().clipGradNorm());
    assertEquals("ratio", c.data().split().method());
  }

  @Test
  void readsJsonToo(@TempDir Path dir) throws IOException {
    TrainConfig c = ConfigFiles.readTrainConfig(write(dir, "run.json",
        "{\"task\": \"regression\", \"data\": {\"format\": \"jsonl\", \"train\": \"a.jsonl\"}}"));
    assertEquals("regression", c.parsedTask().name());
  }

  @Test
  void misspeltFieldNamesTheFileLineAndTheKnownFields(@TempDir Path dir) throws IOException {
    Path f = write(dir, "run.yaml", GOOD.replace("hidden_size: 8", "hiden_size: 8"));
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f));
    assertEquals(f + ":7: unknown field \"hiden_size\" in model; expected one of [bag_mode, bidirectional, cell, "
        + "dropout, embedding_dim, hidden_size, kind, num_layers, output, pooling]", e.getMessage());
  }

  @Test
  void badValuesAreExplainedWithTheirField(@TempDir Path dir) throws IOException {
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(write(dir, "a.yaml",
        GOOD.replace("task: classification", "task: poetry"))));
    assertTrue(e.getMessage().contains("unknown task 'poetry'; expected one of [classification, multilabel, "
        + "regression, forecast, tagging, language_model]"), e.getMessage());
    e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(write(dir, "b.yaml",
        GOOD.replace("name: rmsprop", "name: lion"))));
    assertTrue(e.getMessage().contains("unknown training.optimizer.name 'lion'"), e.getMessage());
    e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(write(dir, "c.yaml",
        GOOD.replace("epochs: 2", "epochs: many"))));
    assertEquals(dir.resolve("c.yaml") + ":9: training.epochs: expected an integer, found \"many\"", e.getMessage());
    e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(write(dir, "d.yaml",
        GOOD.replace("  format: wide_csv\n", ""))));
    assertTrue(e.getMessage().contains("data.format is missing"), e.getMessage());
  }

  @Test
  void missingOrEmptyFileIsNamed(@TempDir Path dir) throws IOException {
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(dir.resolve("none.yaml")));
    assertEquals("config file not found: " + dir.resolve("none.yaml"), e.getMessage());
    Path empty = write(dir, "empty.yaml", "");
    e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(empty));
    assertEquals(empty + ": the config file is empty", e.getMessage());
  }

  @Test
  void modelSectionIsChosenByItsKind(@TempDir Path dir) throws IOException {
    TrainConfig c = ConfigFiles.readTrainConfig(write(dir, "k.yaml", GOOD.replace("cell: gru", "kind: sequence\n  cell: gru")));
    assertEquals(Cell.GRU, ((SequenceModelSection) c.model()).cell());
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(write(dir, "bad.yaml",
        GOOD.replace("cell: gru", "kind: reservoir\n  cell: gru"))));
    assertTrue(e.getMessage().contains("reservoir") && e.getMessage().contains("sequence"), e.getMessage());
  }
  /** A record's own check (here the optimizer's) is reported with the line of the section and its message alone. */
  @Test
  void recordChecksAreReportedWithTheirLineAndMessage(@TempDir Path dir) throws IOException {
    Path f = write(dir, "lr.yaml", GOOD.replace("lr: 0.01", "lr: 0"));
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f));
    assertEquals(f + ":10: training.optimizer.lr must be > 0, got 0.0", e.getMessage());
  }

  /** A key in single quotes is found on its own line too (the parser is on the next one by then). */
  @Test
  void misspeltFieldInSingleQuotesNamesItsLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, "q.yaml", GOOD.replace("hidden_size: 8", "'hiden_size': 8"));
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f));
    assertEquals(f + ":7: unknown field \"hiden_size\" in model; expected one of [bag_mode, bidirectional, cell, "
        + "dropout, embedding_dim, hidden_size, kind, num_layers, output, pooling]", e.getMessage());
  }

  @Test
  void syntaxErrorNamesTheFileAndLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, "broken.json", "{\"task\": \"regression\",\n  \"data\": {\"format\": }\n}");
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f));
    assertEquals(f + ":2: Unexpected character ('}' (code 125)): expected a value (at data)", e.getMessage());
  }

  /** A key the line search cannot find (JSON spells it with an escape) keeps the parser's line instead of failing. */
  @Test
  void misspeltFieldTheLineSearchCannotFindKeepsTheParsersLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, "e.json", "{\"task\": \"regression\",\n \"data\": {\"format\": \"jsonl\", \"train\": \"a.jsonl\"},\n"
        + " \"model\": {\"cell\": \"gru\", \"hiden\\u005fsize\": 8}\n}");
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f));
    assertEquals(f + ":3: unknown field \"hiden_size\" in model; expected one of [bag_mode, bidirectional, cell, "
        + "dropout, embedding_dim, hidden_size, kind, num_layers, output, pooling]", e.getMessage());
  }

  /** Option blocks come from a tree, not a text: the message names the block, without a line. */
  @Test
  void optionBlockErrorsNameTheBlockWithoutALine() throws IOException {
    var node = ConfigFiles.JSON.readTree("{\"min_frequency\": 2, \"max_vocb\": 10}");
    var e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.options(node, TextOptions.class, "data.options"));
    assertEquals("data.options: unknown field \"max_vocb\" in the top level; expected one of [label_position, level, "
        + "lowercase, max_length, max_vocab, min_frequency, separator]", e.getMessage());
  }
}
