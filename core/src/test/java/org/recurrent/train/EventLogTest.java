package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.TrainingEvent.BatchDone;
import org.recurrent.train.TrainingEvent.CheckpointWritten;
import org.recurrent.train.TrainingEvent.EpochDone;
import org.recurrent.train.TrainingEvent.Resumed;
import org.recurrent.train.TrainingEvent.Started;
import org.recurrent.train.TrainingEvent.Stopped;

class EventLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event of every kind, with non-finite numbers where a number can be one. */
  static List<TrainingEvent> oneOfEach() {
    Map<String, Double> val = new LinkedHashMap<>();
    val.put("loss", 0.25);
    val.put("roc_auc", Double.NaN);
    val.put("rmse", Double.POSITIVE_INFINITY);
    return List.of(
        new Started("run", "classification", 42, 1234, true, 3, 10, "rec"),
        new Resumed("/tmp/m/checkpoints/last.safetensors", 2, 6, 15),
        new BatchDone(2, 6, 16, 0.5, 0.003000000026077032, Double.NEGATIVE_INFINITY, true),
        new EpochDone(2, 0.125, val, 0.001, 1.5, false, 1),
        new EpochDone(3, Double.NaN, Map.of(), 0.001, 1.5, true, 0),
        new CheckpointWritten("last.safetensors", 2, 0, 20),
        new Stopped("completed", 3, 10, 30, 3, 2, Double.NaN));
  }

  @Test
  void oneJsonObjectPerLineAppendedAcrossRuns(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("events.jsonl");
    try (EventLog log = EventLog.append(f)) {
      log.write(new CheckpointWritten("best.safetensors", 1, 0, 10));
    }
    try (EventLog log = EventLog.append(f)) {
      log.log("final", Map.of("test_loss", 0.5));
    }
    List<String> lines = Files.readAllLines(f);
    assertEquals(2, lines.size());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals(List.of("event", "time", "file", "epochs_done", "batches_done", "step"), names(first));
    assertEquals("checkpoint", first.get("event").asText());
    assertTrue(first.get("time").asText().endsWith("Z"), first.toString());
    assertEquals("final", JSON.readTree(lines.get(1)).get("event").asText());
  }

  @Test
  void linesReadBackIntoTheSameRecords(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("events.jsonl");
    try (EventLog log = EventLog.append(f)) {
      for (TrainingEvent e : oneOfEach()) log.write(e);
      log.log("final", Map.of("test_loss", 0.5));                  // untyped: skipped by read
    }
    assertEquals(oneOfEach(), EventLog.read(f));
    assertNull(EventLog.parse("{\"event\":\"final\",\"time\":\"t\",\"test_loss\":1}"));
  }

  @Test
  void epochRowsAreFlatWithValidationValuesPrefixed() throws IOException {
    JsonNode line = JSON.readTree(lineOf(oneOfEach().get(3)));
    assertEquals(List.of("event", "time", "epoch", "train_loss", "val_loss", "val_roc_auc", "val_rmse", "lr", "seconds",
        "improved", "epochs_without_improvement"), names(line));
    assertFalse(names(JSON.readTree(lineOf(oneOfEach().get(4)))).contains("val_loss"), "no validation data, no val_");
  }

  @Test
  void nonFiniteNumbersAreWrittenAsTheStringsNaNInfinityMinusInfinity() throws IOException {
    JsonNode epoch = JSON.readTree(lineOf(oneOfEach().get(3)));
    assertEquals("NaN", epoch.get("val_roc_auc").textValue());
    assertEquals("Infinity", epoch.get("val_rmse").textValue());
    assertEquals("-Infinity", JSON.readTree(lineOf(oneOfEach().get(2))).get("grad_norm").textValue());
    assertEquals("NaN", JSON.readTree(lineOf(oneOfEach().get(6))).get("best_value").textValue());
  }

  @Test
  void malformedLinesAreRefusedNamingTheField() {
    var e = assertThrows(IOException.class, () -> EventLog.parse(
        "{\"event\":\"checkpoint\",\"time\":\"t\",\"file\":\"last.safetensors\",\"epochs_done\":\"one\",\"batches_done\":0,\"step\":1}"));
    assertEquals("events line \"checkpoint\": field epochs_done: expected int, got \"one\"", e.getMessage());
    var missing = assertThrows(IOException.class, () -> EventLog.parse("{\"event\":\"resume\",\"time\":\"t\"}"));
    assertEquals("events line \"resume\": field from: missing", missing.getMessage());
  }

  /** docs/events.md describes every field of every event: a new record component without a doc row fails here. */
  @Test
  void everyFieldOfEveryEventIsDocumentedInDocsEventsMd() throws IOException {
    String doc = Files.readString(docs().resolve("events.md"));
    for (Class<?> type : TrainingEvent.class.getPermittedSubclasses()) {
      String name = nameOf(type);
      String heading = "\n## `" + name + "`\n";
      int start = doc.indexOf(heading);
      assertTrue(start >= 0, "docs/events.md has no section " + heading.trim() + " for " + type.getSimpleName());
      int end = doc.indexOf("\n## ", start + heading.length());
      String section = doc.substring(start, end < 0 ? doc.length() : end);
      for (RecordComponent c : type.getRecordComponents()) {
        String field = EventLog.jsonName(c) + (c.getType() == Map.class ? "_<" : "`");
        assertTrue(section.contains("\n| `" + field), "docs/events.md section " + heading.trim() + " lacks a row for "
            + type.getSimpleName() + "." + c.getName() + " (`" + EventLog.jsonName(c) + "`)");
      }
    }
  }

  private static String nameOf(Class<?> type) {
    for (TrainingEvent e : oneOfEach()) if (e.getClass() == type) return e.event();
    throw new AssertionError("oneOfEach() lacks a " + type.getSimpleName() + ": add one");
  }

  static Path docs() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("docs/events.md"))) return p.resolve("docs");
    }
    throw new AssertionError("docs/events.md not found above " + Path.of("").toAbsolutePath());
  }

  private static String lineOf(TrainingEvent e) throws IOException {
    Path f = Files.createTempFile("event", ".jsonl");
    try (EventLog log = EventLog.append(f)) {
      log.write(e);
    }
    String line = Files.readString(f).trim();
    Files.delete(f);
    assertNotNull(EventLog.parse(line));
    return line;
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void asAListenerItWritesEveryEventAndEachLineIsThereBeforeTheNext(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("events.jsonl");
    List<TrainingEvent> events = oneOfEach();
    try (EventLog log = EventLog.append(f)) {
      List<TrainingEvent> written = new ArrayList<>();
      for (TrainingEvent e : events) {
        switch (e) {
          case Started s -> log.onStart(null, s);
          case Resumed r -> log.onResume(null, r);
          case BatchDone b -> log.onBatchEnd(null, b);
          case EpochDone d -> log.onEpochEnd(null, d);
          case CheckpointWritten c -> log.onCheckpoint(null, c);
          case Stopped s -> log.onStop(null, s);
          default -> throw new AssertionError(e);
        }
        written.add(e);
        assertEquals(written, EventLog.read(f), "what a reader of the live file sees");   // flushed, log still open
      }
    }
  }

  @Test
  void readNamesTheLineNumberOfABadLineAndSkipsBlankAndUntypedLines(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("events.jsonl");
    String good = "{\"event\":\"checkpoint\",\"time\":\"t\",\"file\":\"last.safetensors\",\"epochs_done\":1,"
        + "\"batches_done\":0,\"step\":1}";
    Files.writeString(f, good + "\n\n{\"event\":\"final\",\"time\":\"t\"}\n" + good + "\n{\"event\":\"resume\",\"time\":\"t\"}\n");
    var e = assertThrows(IOException.class, () -> EventLog.read(f));
    assertEquals(f + ":5: events line \"resume\": field from: missing", e.getMessage());
    Files.writeString(f, good + "\n\n{\"event\":\"final\",\"time\":\"t\"}\n" + good + "\n");
    CheckpointWritten c = new CheckpointWritten("last.safetensors", 1, 0, 1);
    assertEquals(List.of(c, c), EventLog.read(f));
  }

  @Test
  void aClosedLogRefusesToWriteAndTheSilentOneWritesNothing(@TempDir Path dir) throws IOException {
    EventLog log = EventLog.append(dir.resolve("events.jsonl"));
    log.close();
    var e = assertThrows(java.io.UncheckedIOException.class, () -> log.log("final", Map.of()));
    assertEquals("cannot write the events file: Stream closed", e.getMessage());
    try (EventLog none = EventLog.none()) {
      none.write(new CheckpointWritten("last.safetensors", 1, 0, 1));
    }
    assertEquals(List.of("events.jsonl"), List.of(dir.toFile().list()));
  }
}
