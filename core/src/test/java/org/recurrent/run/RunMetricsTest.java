package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.EventLog;

class RunMetricsTest {

  private static Map<String, Double> ordered(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    return m;
  }

  /** Validation and test scores, with a NaN metric and an infinite baseline. */
  static RunMetrics example() {
    Map<String, RunMetrics.PartScores> parts = new LinkedHashMap<>();
    parts.put("validation", new RunMetrics.PartScores(1150, ordered("loss", 0.19, "accuracy", 0.93, "roc_auc", Double.NaN),
        ordered("majority_class_accuracy", 0.8)));
    parts.put("test", new RunMetrics.PartScores(1151, ordered("loss", 0.2, "accuracy", 0.92, "roc_auc", 0.97),
        ordered("majority_class_accuracy", 0.79, "prior_log_loss", Double.POSITIVE_INFINITY)));
    return new RunMetrics("classification", "early_stopping", 5, 4, OptionalDouble.of(0.21), parts);
  }

  private static List<String> keys(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void writtenAndReadBackIsEqual(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(ModelDirectory.METRICS);
    example().write(file);
    assertEquals(example(), RunMetrics.read(file));

    RunMetrics bare = new RunMetrics("regression", "completed", 0, 0, OptionalDouble.empty(), Map.of());
    bare.write(file);
    assertEquals(bare, RunMetrics.read(file));
    assertFalse(Files.readString(file).contains("train_loss"), "no epoch ran: no train_loss field");
  }

  @Test
  void jsonKeysAndLayoutArePinned() throws IOException {
    JsonNode node = ModelDirectory.JSON.readTree(ModelDirectory.JSON.writeValueAsString(example()));
    assertEquals(List.of("task", "stop_reason", "epochs", "best_epoch", "train_loss", "validation", "test"), keys(node));
    assertEquals(List.of("records", "loss", "accuracy", "roc_auc", "baseline"), keys(node.get("validation")));
    assertEquals(List.of("majority_class_accuracy", "prior_log_loss"), keys(node.get("test").get("baseline")));
    assertEquals("early_stopping", node.get("stop_reason").textValue());
    assertEquals(4, node.get("best_epoch").intValue());
    assertTrue(node.get("validation").get("records").isInt());
    assertEquals("NaN", node.get("validation").get("roc_auc").textValue());           // the NaN policy of JsonSafe
    assertEquals("Infinity", node.get("test").get("baseline").get("prior_log_loss").textValue());
    assertEquals(example(), ModelDirectory.JSON.treeToValue(node, RunMetrics.class), "Jackson reads the record too");
  }

  @Test
  void finalEventIsTheFieldsFlattenedAndReadsBack(@TempDir Path dir) throws IOException {
    assertEquals(List.of("task", "stop_reason", "epochs", "best_epoch", "train_loss", "validation_records",
        "validation_loss", "validation_accuracy", "validation_roc_auc", "validation_baseline", "test_records",
        "test_loss", "test_accuracy", "test_roc_auc", "test_baseline"), List.copyOf(example().eventFields().keySet()));
    Path f = dir.resolve("events.jsonl");
    try (EventLog log = EventLog.append(f)) {
      log.log(RunMetrics.EVENT, example().eventFields());
    }
    JsonNode line = ModelDirectory.JSON.readTree(Files.readString(f));
    assertEquals("final", line.get("event").textValue());
    assertEquals(0.8, line.get("validation_baseline").get("majority_class_accuracy").doubleValue());
    assertEquals(example(), RunMetrics.fromEvent(line));
  }

  @Test
  void partsAreWrittenValidationFirstAndOnlyThoseTwo() {
    Map<String, RunMetrics.PartScores> reversed = new LinkedHashMap<>();
    reversed.put("test", example().parts().get("test"));
    reversed.put("validation", example().parts().get("validation"));
    RunMetrics m = new RunMetrics("classification", "early_stopping", 5, 4, OptionalDouble.of(0.21), reversed);
    assertEquals(List.of("validation", "test"), List.copyOf(m.parts().keySet()));
    var e = assertThrows(IllegalArgumentException.class, () -> new RunMetrics("classification", "completed", 1, 1,
        OptionalDouble.empty(), Map.of("train", example().parts().get("test"))));
    assertEquals("metrics parts must be among [validation, test], got [train]", e.getMessage());
  }

  @Test
  void aMetricCannotTakeTheNameOfAField() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new RunMetrics.PartScores(3, Map.of("records", 1.0), Map.of()));
    assertTrue(e.getMessage().startsWith("a metric cannot be named 'records' or 'baseline'"), e.getMessage());
  }

  @Test
  void malformedFilesAreRefusedNamingTheField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(ModelDirectory.METRICS);
    Files.writeString(file, "{\"task\":\"classification\",\"stop_reason\":\"completed\",\"epochs\":1,\"best_epoch\":1,"
        + "\"test\":{\"records\":\"many\",\"loss\":0.5,\"baseline\":{}}}");
    var e = assertThrows(IOException.class, () -> RunMetrics.read(file));
    assertEquals(file + ": test.records: expected an integer, got \"many\"", e.getMessage());
    Files.writeString(file, "{\"task\":\"classification\",\"stop_reason\":\"completed\",\"epochs\":1,\"best_epoch\":1,"
        + "\"test\":{\"records\":3,\"loss\":\"low\",\"baseline\":{}}}");
    e = assertThrows(IOException.class, () -> RunMetrics.read(file));
    assertTrue(e.getMessage().startsWith(file + ": test.loss: expected a number"), e.getMessage());
    Files.writeString(file, "{\"task\":\"classification\",\"epochs\":1,\"best_epoch\":1}");
    e = assertThrows(IOException.class, () -> RunMetrics.read(file));
    assertEquals(file + ": stop_reason: expected a string, got null", e.getMessage());
  }

  /** docs/model-format.md documents every field of metrics.json: a new field without a doc row fails here. */
  @Test
  void everyFieldIsDocumentedInModelFormatMd() throws IOException {
    String section = ModelFormatDoc.section("### `metrics.json`");
    JsonNode node = ModelDirectory.JSON.valueToTree(example());
    List<String> fields = new ArrayList<>(keys(node));
    for (String part : RunMetrics.PART_NAMES) {
      Map<String, Double> metrics = example().parts().get(part).metrics();
      keys(node.get(part)).stream().filter(k -> !metrics.containsKey(k) || k.equals("loss")).forEach(fields::add);
    }
    for (String f : fields) {
      assertTrue(section.contains("| `" + f + "`") || section.contains(", `" + f + "` |"),
          "docs/model-format.md section metrics.json lacks a row for `" + f + "`");
    }
  }
}
