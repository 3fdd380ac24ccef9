package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.DataFormatException;
import org.recurrent.eval.Scoring;
import org.recurrent.models.InputKind;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.SequenceModel;
import org.recurrent.train.Progress;

/**
 * Bags of codes per step (visits) with a side value per step, from JSON Lines through {@code recurrent train},
 * {@code eval} and {@code predict}: the configs a user writes.
 */
class BagInputsRunTest {

  /**
   * 400 patients of 2-6 visits. Each visit holds 1-3 codes of C1..C6 (noise) and a gap in days. The label is 1
   * when code R (risk) appears at a visit followed by one less than 30 days later; R alone, or followed late,
   * is label 0. So order and timing decide, not which codes appear. Rare code Z appears in 2 training records.
   */
  private static void visits(Path file, long seed, boolean labels) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < 400; p++) {
      int T = 2 + r.nextInt(5);
      boolean positive = r.nextBoolean();
      int at = r.nextInt(T - 1);
      StringBuilder x = new StringBuilder("["), gaps = new StringBuilder("["), next = new StringBuilder("[");
      for (int t = 0; t < T; t++) {
        StringBuilder visit = new StringBuilder("[");
        int size = 1 + r.nextInt(3);
        int firstCode = 0;
        for (int j = 0; j < size; j++) {
          int code = 1 + r.nextInt(6);
          if (j == 0) firstCode = code;
          visit.append(j == 0 ? "" : ",").append("\"C").append(code).append('"');
        }
        if (t == at) visit.append(",\"R\"");
        if (p < 2 && t == 0) visit.append(",\"Z\"");
        visit.append(']');
        int gap = t == 0 ? 0 : t == at + 1 ? (positive ? 5 + r.nextInt(20) : 60 + r.nextInt(200)) : 30 + r.nextInt(300);
        x.append(t == 0 ? "" : ",").append(visit);
        gaps.append(t == 0 ? "" : ",").append(gap / 100.0);
        next.append(t == 0 ? "" : ",").append("[\"N").append(firstCode).append("\"]");   // read off this visit
      }
      sb.append("{\"id\": \"p").append(p).append("\", \"x\": ").append(x).append("], \"gap\": ").append(gaps).append(']');
      if (labels) sb.append(", \"y\": \"").append(positive ? "hf" : "no").append('"');
      sb.append(", \"next\": ").append(next).append("]}\n");
    }
    Files.writeString(file, sb.toString());
  }

  private static Path config(Path dir, String task, String target, String yField) throws IOException {
    visits(dir.resolve("train.jsonl"), 1, true);
    Path f = dir.resolve(task + ".yaml");
    Files.writeString(f, """
        task: %s
        seed: 3
        data:
          format: jsonl
          train: train.jsonl
          options: {x_kind: bags, side_field: gap, target: %s, y_field: %s, code_min_frequency: 3}
        model: {cell: gru, hidden_size: 16, embedding_dim: 8, bag_mode: sum}
        training: {epochs: 12, batch_size: 16, optimizer: {name: adam, lr: 0.02}}
        """.formatted(task, target, yField));
    return f;
  }

  @Test
  void aGruOverVisitsLearnsOrderAndTimingAndRoundTripsThroughEvalAndPredict(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    java.util.List<String> lines = new java.util.ArrayList<>();
    Progress recording = new Progress() {
      @Override
      public void batch(int e, int es, int b, int bs, double l, double r, String u, double eta) {
      }

      @Override
      public void line(String text) {
        lines.add(text);
      }
    };
    TrainingRun.Outcome o = TrainingRun.run(config(dir, "classification", "class", "y"),
        new TrainingRun.Options(out, false, false, null, recording));
    RunMetrics.PartScores test = o.metrics().parts().get("test");
    double auc = test.metrics().get("roc_auc");
    double majority = test.baseline().get("majority_class_accuracy");
    double accuracy = test.metrics().get("accuracy");
    assertTrue(auc > 0.85, "test ROC-AUC " + auc + " (chance 0.5)");
    assertTrue(accuracy > majority + 0.2, "accuracy " + accuracy + " vs majority " + majority);

    ModelDirectory.Loaded loaded = ModelDirectory.read(out);
    assertEquals(InputKind.BAGS, loaded.model().signature().input());
    assertEquals(1, loaded.model().signature().sideFeatures());
    CodeVocabulary codes = CodeVocabulary.load(out.resolve("codes.json"));
    assertEquals(CodeVocabulary.UNKNOWN, codes.codes().get(0));
    assertTrue(codes.codes().contains("R") && !codes.codes().contains("Z"), "Z is rarer than min frequency 3: "
        + codes.codes());
    String report = "codes: " + (codes.codes().size() - 1) + " kept (seen at least 3 times in the training part), "
        + "unknown code occurrences: train ";                     // <unk> is not counted as kept
    assertTrue(lines.get(1).startsWith(report), lines.get(1));

    Path fresh = dir.resolve("new.jsonl");
    visits(fresh, 2, true);
    Map<String, Object> eval = Scoring.evaluate(out, fresh, 0, 1);
    assertTrue((Double) eval.get("roc_auc") > 0.8, "on new patients: " + eval);
    Path unlabelled = dir.resolve("predict.jsonl");
    visits(unlabelled, 2, false);
    StringWriter sink = new StringWriter();
    int n = Scoring.predict(out, unlabelled, null, sink, new Scoring.PredictOptions("auto", 0, 1, 0));
    assertEquals(400, n);
    assertTrue(sink.toString().startsWith("{\"id\":\"p0\",\"label\":"), sink.toString().substring(0, 80));
  }

  @Test
  void perStepMultiLabelPredictsEveryVisitsLabels(@TempDir Path dir) throws IOException {
    TrainingRun.Outcome o = TrainingRun.run(config(dir, "multilabel", "per_step_multilabel", "next"),
        new TrainingRun.Options(dir.resolve("m"), false, false, null, Progress.quiet()));
    RunMetrics.PartScores test = o.metrics().parts().get("test");
    double recall = test.metrics().get("recall@1");
    double baseline = test.baseline().get("label_frequency_recall@1");
    // the label at every visit is "N<k>" for the visit's first code C<k>: readable from the visit itself, while the
    // label-frequency baseline can only name the most frequent of the six (recall@1 about 1/6)
    assertTrue(recall > baseline + 0.4, "recall@1 " + recall + " vs label frequency " + baseline);
    assertTrue(((SequenceModel) ModelDirectory.read(dir.resolve("m")).model()).perStep());
  }

  @Test
  void newFilesMustHoldTheModelsInputKinds(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    TrainingRun.run(config(dir, "classification", "class", "y").toAbsolutePath(),
        new TrainingRun.Options(out, false, false, 1, Progress.quiet()));
    Path dense = dir.resolve("dense.jsonl");
    Files.writeString(dense, "{\"id\": \"a\", \"x\": [[0.5], [2.5]], \"gap\": [0, 1], \"y\": \"hf\"}\n");
    var e = assertThrows(DataFormatException.class, () -> Scoring.evaluate(out, dense, 0, 1));
    assertTrue(e.getMessage().contains("dense.jsonl:1: expected a code (string or integer) at x[0][0]"), e.getMessage());
    Path noGap = dir.resolve("nogap.jsonl");
    Files.writeString(noGap, "{\"id\": \"a\", \"x\": [[\"R\"], [\"C1\"]], \"y\": \"hf\"}\n");
    e = assertThrows(DataFormatException.class, () -> Scoring.evaluate(out, noGap, 0, 1));
    assertTrue(e.getMessage().contains("nogap.jsonl:1: expected field \"gap\""), e.getMessage());
  }
}
