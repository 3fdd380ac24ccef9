package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.SequenceExample;
import org.recurrent.eval.Scoring;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

/** A trained ehr model reads new EHR files as it was trained: same reader, same codes, same record shape. */
class EhrModelDataTest {
  @TempDir Path dir;

  private Path events(String name, int patients, int offset) throws IOException {
    StringBuilder csv = new StringBuilder("patient_id,timestamp,code_type,code\n");
    for (int p = 0; p < patients; p++) {
      for (int k = 0; k < 4 + p % 3; k++) {
        String day = java.time.LocalDate.of(2020, 1, 1).plusDays(30L * k + p).toString();
        csv.append('q').append(p + offset).append(',').append(day).append(",diagnosis,C").append((p + k) % 5).append('\n');
      }
    }
    // a code the training file never has
    csv.append('q').append(offset).append(",2021-06-01,diagnosis,NEVER_SEEN\n");
    Path f = dir.resolve(name);
    Files.writeString(f, csv);
    return f;
  }

  private Path train() throws IOException {
    events("train.csv", 60, 0);
    Path config = dir.resolve("nv.yaml");
    Files.writeString(config, """
        name: nv
        seed: 1
        task: next-visit
        data:
          format: ehr
          train: train.csv
          options: {reader: {source: long}}
          split: {method: ratio, train: 0.7, validation: 0.15}
        model: {cell: gru, hidden_size: 4, embedding_dim: 4}
        training: {epochs: 1, batch_size: 8, optimizer: {name: adam, lr: 0.01}}
        """);
    return TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null, Progress.quiet()))
        .modelDir();
  }

  @Test
  void nextVisitRecordsAreLabelledForEvalAndHoldEveryVisitForPredict() throws IOException {
    Path model = train();
    ModelData data = new ModelData(ModelDirectory.read(model));
    Path other = events("other.csv", 10, 100);
    ModelData.Records labelled = data.read(other, "yes");
    ModelData.Records open = data.read(other, "auto");
    assertTrue(labelled.labelled());
    assertFalse(open.labelled());
    assertEquals(10, labelled.examples().size());
    SequenceExample first = open.examples().get(0), firstLabelled = labelled.examples().get(0);
    assertEquals(firstLabelled.length() + 1, first.length(), "predict reads the last visit too");
    int K = ModelDirectory.read(model).manifest().targetNames().size();
    assertEquals(firstLabelled.length() * K, firstLabelled.y().length);
    // the unseen code is the unknown id 0, never a new one
    var bags = (org.recurrent.data.StepInput.Bags) first.primary();
    assertEquals(0, bags.ids()[bags.ids().length - 1]);
    Map<String, Object> scores = Scoring.evaluate(model, other, 0, 0);
    assertEquals(10, scores.get("records"));
    assertTrue(scores.containsKey("recall@5"), scores.toString());
  }

  @Test
  void aModelOfGeneratedPatientsSaysItCannotReadFiles() throws IOException {
    Path config = dir.resolve("g.yaml");
    Files.writeString(config, """
        name: g
        seed: 1
        task: hf-onset
        data:
          format: ehr
          options: {generator: {patients: 400, seed: 2}, cohort: {controls_per_case: 1}}
          split: {method: ratio, train: 0.6, validation: 0.2}
        model: {cell: gru, hidden_size: 4, embedding_dim: 4}
        training: {epochs: 1, batch_size: 8, optimizer: {name: adam, lr: 0.01}}
        """);
    Path model = TrainingRun.run(config, new TrainingRun.Options(dir.resolve("g"), false, false, null,
        Progress.quiet())).modelDir();
    Path other = events("x.csv", 3, 0);
    var e = assertThrows(IllegalArgumentException.class, () -> new ModelData(ModelDirectory.read(model)).read(other, "yes"));
    assertTrue(e.getMessage().contains("generated patients"), e.getMessage());
  }
}
