package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

  @Test
  void oneJsonObjectPerLineAppendedAcrossRuns(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("events.jsonl");
    try (EventLog log = EventLog.append(f)) {
      log.log("epoch", Map.of("epoch", 0, "val_loss", 0.5));
    }
    try (EventLog log = EventLog.append(f)) {
      log.log("stop", Map.of("reason", "completed", "best_value", Double.NaN));
    }
    List<String> lines = Files.readAllLines(f);
    assertEquals(2, lines.size());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertEquals("epoch", first.get("event").asText());
    assertEquals(0.5, first.get("val_loss").asDouble());
    assertTrue(first.get("time").asText().endsWith("Z"));
    JsonNode second = new ObjectMapper().readTree(lines.get(1));   // NaN is written as a string: still valid JSON
    assertEquals("NaN", second.get("best_value").asText());
  }
}
