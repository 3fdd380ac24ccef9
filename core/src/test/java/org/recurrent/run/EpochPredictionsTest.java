package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.EventLog;
import org.recurrent.train.Progress;
import org.recurrent.train.TrainingEvent;

/** The model's answers on the first validation records after every epoch, for the dashboard. */
class EpochPredictionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** id, six values, label "pos" when they sum above 0. */
  static List<String> rows(int n, long seed) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>(List.of("id,v1,v2,v3,v4,v5,v6,label"));
    for (int i = 0; i < n; i++) {
      StringBuilder row = new StringBuilder("s" + seed + "_" + i);
      double sum = 0;
      for (int t = 0; t < 6; t++) {
        double v = r.nextGaussian();
        sum += v;
        row.append(String.format(Locale.ROOT, ",%.4f", v));
      }
      lines.add(row + "," + (sum > 0 ? "pos" : "neg"));
    }
    return lines;
  }

  @Test
  void aClassifierRunWritesItsAnswersOnTheSameValidationRecordsAfterEveryEpoch(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("train.csv"), rows(120, 1));
    List<String> validation = rows(40, 2);
    Files.write(dir.resolve("valid.csv"), validation);
    Path config = Files.writeString(dir.resolve("c.yaml"), """
        seed: 3
        task: classification
        data:
          format: wide_csv
          train: train.csv
          validation: valid.csv
          options: {id_column: id, label_column: label}
        model: {cell: gru, hidden_size: 8}
        training: {epochs: 3, batch_size: 16, optimizer: {name: adam, lr: 0.02}}
        """);
    Path out = dir.resolve("m");
    TrainingRun.run(config, new TrainingRun.Options(out, false, false, null, Progress.quiet()));
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out.resolve("events.jsonl"))) lines.add(JSON.readTree(l));
    List<JsonNode> predictions = lines.stream().filter(l -> l.path("event").asText().equals("predictions")).toList();
    assertEquals(3, predictions.size(), "one per epoch");
    for (int k = 0; k < predictions.size(); k++) {
      JsonNode p = predictions.get(k);
      assertEquals(k + 1, p.path("epoch").asInt());
      assertEquals("validation", p.path("part").asText());
      JsonNode rows = p.path("rows");
      assertEquals(EpochPredictions.ROWS, rows.size());
      for (JsonNode row : rows) {
        // the true label is that of the validation file's record the row names (1-based, in file order)
        String[] cells = validation.get(row.path("record").asInt()).split(",");
        assertEquals(cells[cells.length - 1], row.path("true_label").asText(), row.toString());
        double pNeg = row.path("p_neg").asDouble(), pPos = row.path("p_pos").asDouble();
        assertEquals(1.0, pNeg + pPos, 1e-5);
        assertEquals(pPos > pNeg ? "pos" : "neg", row.path("label").asText(), "the label is the likelier class");
      }
      if (k > 0) {
        assertEquals(rows.get(0).path("record").asInt(), predictions.get(0).path("rows").get(0).path("record").asInt(),
            "the same records every epoch");
      }
    }
    List<TrainingEvent> typed = EventLog.read(out.resolve("events.jsonl"));
    assertTrue(typed.size() < lines.size(), "readers of typed events skip the predictions lines");
  }
}
