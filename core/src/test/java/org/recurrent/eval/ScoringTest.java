package org.recurrent.eval;

import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringTest {

  /** A noisy sine, one value a day for 200 days, trained as a 3-day-ahead forecaster from 10 lags. */
  private static Path forecaster(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("day,value\n");
    java.util.Random r = new java.util.Random(1);
    for (int t = 0; t < 200; t++) {
      sb.append(String.format(Locale.ROOT, "d%03d,%.4f%n", t, 10 + 5 * Math.sin(t / 6.0) + 0.3 * r.nextGaussian()));
    }
    Files.writeString(dir.resolve("series.csv"), sb.toString());
    Path cfg = dir.resolve("f.yaml");
    Files.writeString(cfg, """
        task: forecast
        data:
          format: timeseries_csv
          train: series.csv
          options: {time_column: day, lags: 10, horizon: 3}
        model: {cell: gru, hidden_size: 8}
        training: {epochs: 3, batch_size: 16}
        """);
    TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("m"), false, false, null, Progress.quiet()));
    return dir.resolve("m");
  }

  @Test
  void forecastPredictionCoversEveryWindowUpToTheLastRow(@TempDir Path dir) throws IOException {
    Path model = forecaster(dir);
    StringWriter out = new StringWriter();
    int n = Scoring.predict(model, dir.resolve("series.csv"), null, out,
        new Scoring.PredictOptions("auto", 1, 1, 0));
    assertEquals(200 - 10 + 1, n);
    List<String> lines = out.toString().lines().toList();
    assertTrue(lines.get(0).startsWith("{\"id\":\"d009\",\"value@t+3\":"), lines.get(0));
    assertTrue(lines.get(lines.size() - 1).startsWith("{\"id\":\"d199\",\"value@t+3\":"), lines.get(lines.size() - 1));
  }

  @Test
  void evaluationScoresOnlyWindowsWithTargetsInDataUnits(@TempDir Path dir) throws IOException {
    Path model = forecaster(dir);
    Map<String, Object> m = Scoring.evaluate(model, dir.resolve("series.csv"), 0, 0);
    assertEquals(200 - 10 - 3 + 1, m.get("records"));
    double rmse = ((Number) m.get("rmse")).doubleValue();
    assertTrue(rmse > 0 && rmse < 5, "rmse in the series' own units (amplitude 5): " + rmse);
  }

  /** The same language model on the same text: validation during training and `eval` share one path. */
  @Test
  void evalRepeatsTheRunsOwnLanguageModelNumbers(@TempDir Path dir) throws IOException {
    String text = "to be or not to be, that is the question; whether tis nobler in the mind to suffer. ".repeat(12);
    Files.writeString(dir.resolve("train.txt"), text);
    Files.writeString(dir.resolve("valid.txt"), text.substring(0, 400));
    Path cfg = dir.resolve("lm.yaml");
    Files.writeString(cfg, """
        task: language_model
        data: {format: text_corpus, train: train.txt, validation: valid.txt}
        model: {cell: lstm, hidden_size: 12, embedding_dim: 6}
        training: {epochs: 2, batch_size: 8, tbptt: 16}
        """);
    TrainingRun.Outcome o = TrainingRun.run(cfg, new TrainingRun.Options(dir.resolve("m"), false, false, null,
        Progress.quiet()));
    double duringTraining = o.metrics().parts().get("validation").metrics().get("perplexity");
    Map<String, Object> eval = Scoring.evaluate(dir.resolve("m"), dir.resolve("valid.txt"), 0, 1);
    assertEquals(duringTraining, (Double) eval.get("perplexity"), 1e-12, "eval must give the run's own number");
  }
}
