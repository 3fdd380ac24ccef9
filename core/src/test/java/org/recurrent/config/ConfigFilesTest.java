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
        + "regression, forecast, tagging, language_model, hf-onset, next-visit, deid, seq2seq, medication]"), e.getMessage());
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

  // ---- issue 15: strict numbers, encodings, sizes --------------------------------------------------------------

  private static void assertEndsWith(String suffix, String actual) {
    assertTrue(actual.endsWith(suffix), () -> "expected ...\"" + suffix + "\", got \"" + actual + "\"");
  }

  private static String message(Path dir, String name, String text) throws IOException {
    Path f = write(dir, name, text);
    return assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f)).getMessage();
  }

  @Test
  void aFractionalIntegerFieldIsAnErrorNamingTheFieldAndTheValue(@TempDir Path dir) throws IOException {
    assertEquals(dir.resolve("h.yaml") + ":7: model.hidden_size: expected an integer, found \"8.7\"",
        message(dir, "h.yaml", GOOD.replace("hidden_size: 8", "hidden_size: 8.7")));
    assertEquals(dir.resolve("e.yaml") + ":9: training.epochs: expected an integer, found \"1.5\"",
        message(dir, "e.yaml", GOOD.replace("epochs: 2", "epochs: 1.5")));
    assertEquals(dir.resolve("s.yaml") + ":1: seed: expected an integer, found \"1.5\"",
        message(dir, "s.yaml", "seed: 1.5\n" + GOOD));
    String json = "{\"task\": \"classification\", \"data\": {\"format\": \"wide_csv\", \"train\": \"d.csv\"},"
        + " \"model\": {\"num_layers\": 2.5}}";
    assertTrue(message(dir, "c.json", json).endsWith("model.num_layers: expected an integer, found \"2.5\""),
        message(dir, "c.json", json));
  }

  @Test
  void aWholeNumberWrittenAsAFloatIsStillRefusedInAnIntegerField(@TempDir Path dir) throws IOException {
    assertEndsWith("training.epochs: expected an integer, found \"2.0\"", message(dir, "w.yaml", GOOD.replace("epochs: 2", "epochs: 2.0")));
  }

  @Test
  void nonFiniteNumbersAreRefusedInEveryField(@TempDir Path dir) throws IOException {
    assertEquals(dir.resolve("lr.yaml") + ":10: training.optimizer.lr: expected a finite number, found \".inf\"",
        message(dir, "lr.yaml", GOOD.replace("lr: 0.01", "lr: .inf")));
    assertEndsWith("training.optimizer.lr: expected a finite number, found Infinity", message(dir, "lr.json", "{\"task\": \"classification\", \"data\": {\"format\": \"wide_csv\", \"train\": "
        + "\"d.csv\"}, \"training\": {\"optimizer\": {\"lr\": \"Infinity\"}}}"));
    assertEndsWith("model.dropout: expected a finite number, found \".nan\"", message(dir, "d.yaml", GOOD.replace("hidden_size: 8", "hidden_size: 8\n  dropout: .nan")));
    // a string that Jackson would read as a number is checked too
    String json = "{\"task\": \"classification\", \"data\": {\"format\": \"wide_csv\", \"train\": \"d.csv\"},"
        + " \"training\": {\"clip_grad_norm\": \"NaN\"}}";
    assertEndsWith("training.clip_grad_norm: expected a finite number, found NaN", message(dir, "n.json", json));
  }

  @Test
  void aJsonConfigWithAByteOrderMarkIsRead(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bom.json");
    Files.write(f, ("\uFEFF{\"task\": \"classification\", \"data\": {\"format\": \"wide_csv\", \"train\": \"d.csv\"},"
        + " \"model\": {\"hidden_size\": 8}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(8, ((SequenceModelSection) ConfigFiles.readTrainConfig(f).model()).hiddenSize());
  }

  @Test
  void bytesThatAreNotUtf8AreAnErrorAtTheirLineAndByte(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.write(f, new byte[] {'t', 'a', 's', 'k', ':', ' ', 'x', '\n', 'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff, '\n'});
    var e = assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(f));
    assertEquals(f + ":2: expected UTF-8 text, found a byte that is not UTF-8 (0xff) at byte 14; save the file as UTF-8",
        e.getMessage());
  }

  @Test
  void aFolderOrADeviceIsNotReadAsAConfig(@TempDir Path dir) throws IOException {
    assertEquals(dir + ": is a folder, not a data file",
        assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(dir)).getMessage());
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) {
      assertTrue(assertThrows(IOException.class, () -> ConfigFiles.readTrainConfig(zero)).getMessage()
          .startsWith("/dev/zero: not a regular file"));
    }
  }

  @Test
  void aHugeModelInTheConfigIsRefusedWithTheNumbersBeforeAnythingIsAllocated(@TempDir Path dir) throws IOException {
    assertEndsWith("model.num_layers must be in 1..1000, got 1000000",
        message(dir, "m.yaml", GOOD.replace("hidden_size: 8", "hidden_size: 64\n  num_layers: 1000000")));
    String layers = message(dir, "l.yaml", GOOD.replace("hidden_size: 8", "hidden_size: 4096\n  num_layers: 1000"));
    assertTrue(layers.startsWith(dir.resolve("l.yaml") + ":5: model: hidden_size 4096 with num_layers 1000 needs at "
        + "least ~"), layers);
    assertTrue(layers.contains(" GiB of parameters+gradients+optimizer state (1.01e+11 parameters); the heap holds "),
        layers);
    assertTrue(layers.endsWith("HINT: lower hidden_size or num_layers, or raise the heap "
        + "(./recurrent: RECURRENT_HEAP=8g; plain java: -Xmx8g)"), layers);
    String hidden = message(dir, "h.yaml", GOOD.replace("hidden_size: 8", "hidden_size: 20000"));
    assertTrue(hidden.contains("hidden_size 20000 with num_layers 1 needs at least ~"), hidden);
  }
}
