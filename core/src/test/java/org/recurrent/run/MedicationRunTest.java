package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.eval.Scoring;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.Progress;

/**
 * medication end to end through the long-format reader, on patients built the way Synthea records them: a chronic
 * condition CH is coded once, at its onset visit, and its drug MCH is prescribed at that visit and every later one;
 * at every visit an acute diagnosis A0..A4 comes with its own drug MA0..MA4. Half the patients have CH. From a
 * visit's diagnoses alone MCH is a coin flip (P(MCH | Ak) is about 1/2), so the per-diagnosis baseline misses it
 * or over-predicts it; the previous visit's medications have MCH but the wrong acute drug; a GRU that reads its
 * diagnoses and the history has both.
 */
class MedicationRunTest {
  /** The stated margin: the model's test Jaccard exceeds the best baseline's by at least this. */
  static final double MARGIN = 0.15;

  @TempDir static Path dir;
  static TrainingRun.Outcome outcome;

  private static void write(Path file, int from, int to, Random r) throws IOException {
    StringBuilder csv = new StringBuilder("patient_id,timestamp,code_type,code\n");
    for (int p = from; p < to; p++) {
      boolean chronic = p % 2 == 0;
      int onset = r.nextInt(3);
      LocalDate day = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(30));
      for (int k = 0; k < 8; k++) {
        String at = "p" + p + "," + day + ",";
        int acute = r.nextInt(5);
        csv.append(at).append("diagnosis,A").append(acute).append('\n');
        csv.append(at).append("medication,MA").append(acute).append('\n');
        if (chronic && k == onset) csv.append(at).append("diagnosis,CH\n");
        if (chronic && k >= onset) csv.append(at).append("medication,MCH\n");
        day = day.plusDays(20 + r.nextInt(20));
      }
    }
    Files.writeString(file, csv);
  }

  @BeforeAll
  static void train() throws IOException {
    Random r = new Random(11);
    write(dir.resolve("events.csv"), 0, 300, r);
    StringBuilder split = new StringBuilder("id,split\n");
    for (int p = 0; p < 300; p++) split.append('p').append(p).append(',').append(p < 180 ? "train" : p < 240 ? "val" : "test").append('\n');
    Files.writeString(dir.resolve("split.csv"), split);
    Path config = dir.resolve("med.yaml");
    Files.writeString(config, """
        name: med
        seed: 3
        task: medication
        data:
          format: ehr
          train: events.csv
          options:
            reader: {source: long}
            code_types: [diagnosis, medication]
          split: {method: column, file: split.csv}
        model: {cell: gru, hidden_size: 16, embedding_dim: 8, bag_mode: sum}
        training:
          epochs: 25
          batch_size: 16
          optimizer: {name: adam, lr: 0.02}
          clip_grad_norm: 5
          patience: 6
        """);
    outcome = TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null, Progress.quiet()));
  }

  @Test
  void theGruBeatsEveryBaselineByTheMargin() {
    RunMetrics.PartScores test = outcome.metrics().parts().get("test");
    double model = test.metrics().get("jaccard");
    Map<String, Double> b = test.baseline();
    double best = Math.max(b.get("per_diagnosis_jaccard"), Math.max(b.getOrDefault("previous_visit_jaccard", 0.0),
        b.get("most_frequent_jaccard")));
    assertTrue(model >= best + MARGIN, "model test jaccard " + model + " against the best baseline's " + best + ": " + b);
    assertTrue(test.metrics().containsKey("threshold"), "the threshold chosen on validation is reported");
  }

  @Test
  void evalOfTheSavedModelRepeatsTheRunsTestNumbers() throws IOException {
    // the test patients alone, as the run's split had them
    String all = Files.readString(dir.resolve("events.csv"));
    StringBuilder test = new StringBuilder("patient_id,timestamp,code_type,code\n");
    all.lines().skip(1).filter(l -> Integer.parseInt(l.substring(1, l.indexOf(','))) >= 240)
        .forEach(l -> test.append(l).append('\n'));
    Path file = dir.resolve("test-events.csv");
    Files.writeString(file, test);
    Map<String, Object> m = Scoring.evaluate(outcome.modelDir(), file, 0, 0);
    RunMetrics.PartScores run = outcome.metrics().parts().get("test");
    assertEquals(run.metrics().get("jaccard"), (Double) m.get("jaccard"), 1e-12);
    assertEquals(run.metrics().get("threshold"), (Double) m.get("threshold"), 0);
    @SuppressWarnings("unchecked")
    Map<String, Double> baseline = (Map<String, Double>) m.get("baseline");
    assertEquals(run.baseline().get("per_diagnosis_jaccard"), baseline.get("per_diagnosis_jaccard"), 1e-12);
  }

  @Test
  void predictWritesEachVisitsMedicationsAtTheChosenThreshold() throws IOException {
    Path out = dir.resolve("pred.jsonl");
    Scoring.predict(outcome.modelDir(), dir.resolve("events.csv"), out, new StringWriter(), new Scoring.PredictOptions("auto", 0, 1.0, 0));
    var rows = Files.readAllLines(out);
    assertEquals(300 * 8, rows.size(), "one row per visit of every patient");
    var first = ModelDirectory.JSON.readTree(rows.get(0));
    assertTrue(first.has("medications") && first.has("threshold") && first.has("step"), first.toString());
  }

  @Test
  void aCodesFileThatDoesNotMatchTheModelIsAnError() throws IOException {
    Path copy = dir.resolve("m-bad");
    Files.createDirectories(copy);
    try (var files = Files.list(outcome.modelDir())) {
      for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, copy.resolve(f.getFileName()));
    }
    Path codes = copy.resolve("codes.json");
    ObjectNode root = (ObjectNode) ModelDirectory.JSON.readTree(codes.toFile());
    ArrayNode list = (ArrayNode) root.get("codes");
    int n = list.size();
    list.remove(n - 1);
    Files.writeString(codes, ModelDirectory.JSON.writeValueAsString(root));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Scoring.evaluate(copy, dir.resolve("events.csv"), 0, 0));
    assertEquals(codes + ": holds " + (n - 1) + " codes but the model's embedding has " + n + " rows; the codes file "
        + "belongs to another model", e.getMessage());
  }
}
