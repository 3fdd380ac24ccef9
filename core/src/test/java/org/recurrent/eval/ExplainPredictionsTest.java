package org.recurrent.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

/** predict --explain on an hf-onset model read from long-format files with demographics. */
class ExplainPredictionsTest {
  @TempDir Path dir;

  private void write() throws IOException {
    StringBuilder events = new StringBuilder("patient_id,timestamp,code_type,code\n");
    StringBuilder patients = new StringBuilder("patient_id,birth_date,sex\n");
    Random r = new Random(1);
    for (int p = 0; p < 120; p++) {
      patients.append('p').append(p).append(',').append(LocalDate.of(1950 + r.nextInt(4), 1, 1)).append(',')
          .append(p % 2 == 0 ? 'F' : 'M').append('\n');
      boolean isCase = p % 4 == 0;
      LocalDate day = LocalDate.of(2019, 1, 1).plusDays(r.nextInt(30));
      for (int k = 0; k < 8; k++) {
        String code = isCase && k == 3 ? "RISK" : "D" + r.nextInt(6);
        events.append('p').append(p).append(',').append(day).append(",diagnosis,").append(code).append('\n');
        day = day.plusDays(30);
      }
      // cases: onset well after the window; everyone: a later visit (observed at the prediction point)
      events.append('p').append(p).append(',').append(day.plusDays(200)).append(",diagnosis,")
          .append(isCase ? "84114007" : "D0").append('\n');
    }
    Files.writeString(dir.resolve("events.csv"), events);
    Files.writeString(dir.resolve("patients.csv"), patients);
  }

  @Test
  void explanationsAddUpAndNameTheCodesOfTheModelsVocabulary() throws IOException {
    write();
    Path config = dir.resolve("hf.yaml");
    Files.writeString(config, """
        name: hf
        seed: 2
        task: hf-onset
        data:
          format: ehr
          train: events.csv
          options:
            reader: {source: long, patients_file: patients.csv}
            cohort: {controls_per_case: 2, window_months: 0, gap_days: 30}
          split: {method: ratio, train: 0.6, validation: 0.2}
        model: {cell: gru, hidden_size: 8, embedding_dim: 4, bag_mode: sum}
        training: {epochs: 3, batch_size: 8, optimizer: {name: adam, lr: 0.02}}
        """);
    Path model = TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null,
        Progress.quiet())).modelDir();
    StringWriter out = new StringWriter();
    int n = Scoring.predict(model, dir.resolve("events.csv"), null, out,
        new Scoring.PredictOptions("auto", 1, 1, 0, true));
    assertEquals(120, n, "every patient, at a point after their last visit");
    ObjectMapper json = new ObjectMapper();
    for (String line : out.toString().split("\n")) {
      JsonNode row = json.readTree(line);
      JsonNode ex = row.get("explanation");
      assertEquals("case", ex.get("class").asText());
      assertEquals(row.get("p_case").asDouble(), ex.get("probability").asDouble(), 1e-5);
      double sum = 0;
      for (JsonNode v : ex.get("visits")) sum += v.asDouble();
      double change = ex.get("probability").asDouble() - ex.get("probability_without_codes").asDouble();
      assertEquals(change, sum + ex.get("completeness_gap").asDouble(), 1e-5);
      assertTrue(Math.abs(ex.get("completeness_gap").asDouble()) < 0.02 + 0.05 * Math.abs(change), line);
      for (JsonNode c : ex.get("codes_up")) {
        assertTrue(c.get("attribution").asDouble() > 0);
        // a code the training windows never held (here the onset code itself, which predict's latest window
        // includes) is the vocabulary's unknown code
        String code = c.get("code").asText();
        assertTrue(code.startsWith("diagnosis:") || code.equals("<unk>"), c.toString());
      }
      for (JsonNode c : ex.get("codes_down")) assertTrue(c.get("attribution").asDouble() < 0);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Scoring.predict(model, dir.resolve("events.csv"),
        dir.resolve("p.csv"), new StringWriter(), new Scoring.PredictOptions("auto", 1, 1, 0, true)));
    assertTrue(e.getMessage().contains("JSON Lines"), e.getMessage());
  }
}
