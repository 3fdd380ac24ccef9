package org.recurrent.eval;

import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.ops.Ops;
import org.recurrent.pipeline.ModelData;

class ScoringTest {
  @TempDir
  static Path shared;
  /** A two-tag tagger (classes {@code down, "flat"} and {@code up}) over ids {@code p,0} .. {@code p,39}. */
  private static Path tagger;
  private static Path steps;
  /** A character language model of a short text. */
  private static Path languageModel;

  @BeforeAll
  static void trainModels() throws IOException {
    // ids and one tag hold the CSV delimiter and a quote, so that prediction CSV files must quote them
    Random r = new Random(3);
    StringBuilder sb = new StringBuilder("id,time,value,tag\n");
    for (int i = 0; i < 40; i++) {
      double previous = 0;
      for (int t = 0; t < 3 + i % 3; t++) {
        double v = r.nextGaussian();
        sb.append("\"p,").append(i).append("\",").append(t).append(',')
            .append(String.format(Locale.ROOT, "%.4f", v)).append(',').append(v > previous ? "up" : "\"down, \"\"flat\"\"\"")
            .append('\n');
        previous = v;
      }
    }
    steps = Files.writeString(shared.resolve("steps.csv"), sb.toString());
    Path cfg = Files.writeString(shared.resolve("tag.yaml"), """
        task: tagging
        data:
          format: long_csv
          train: steps.csv
          options: {id_column: id, time_column: time, label_column: tag, per_step_labels: true}
        model: {cell: gru, hidden_size: 6}
        training: {epochs: 2, batch_size: 16}
        """);
    TrainingRun.run(cfg, new TrainingRun.Options(shared.resolve("tagger"), false, false, null, Progress.quiet()));
    tagger = shared.resolve("tagger");

    Files.writeString(shared.resolve("text.txt"), "to be or not to be, that is the question. ".repeat(10));
    Path lm = Files.writeString(shared.resolve("lm.yaml"), """
        task: language_model
        data: {format: text_corpus, train: text.txt}
        model: {cell: lstm, hidden_size: 8, embedding_dim: 4}
        training: {epochs: 1, batch_size: 4, tbptt: 8}
        """);
    TrainingRun.run(lm, new TrainingRun.Options(shared.resolve("lm"), false, false, null, Progress.quiet()));
    languageModel = shared.resolve("lm");
  }

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

  @Test
  void csvPredictionsQuoteDelimitersAndQuotesAndListEveryStepInInputOrder(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/predictions.csv");
    int n = Scoring.predict(tagger, steps, out, null, new Scoring.PredictOptions("auto", 0, 1, 0));
    List<String> lines = Files.readAllLines(out);
    assertEquals(159, n); // sequence i has 3 + i % 3 steps: 14 * 3 + 13 * 4 + 13 * 5
    assertEquals(n + 1, lines.size());
    // the class `down, "flat"` as a column name: quoted, its quotes doubled
    assertEquals("id,step,label,\"p_down, \"\"flat\"\"\",p_up,true_label", lines.get(0));
    List<String> expectedStarts = List.of("\"p,0\",0,", "\"p,0\",1,", "\"p,0\",2,", "\"p,1\",0,", "\"p,1\",1,");
    for (int i = 0; i < expectedStarts.size(); i++) {
      assertTrue(lines.get(i + 1).startsWith(expectedStarts.get(i)), lines.get(i + 1));
    }
    assertTrue(lines.get(n).startsWith("\"p,39\",2,"), lines.get(n));
    assertTrue(lines.get(1).endsWith(",up") || lines.get(1).endsWith(",\"down, \"\"flat\"\"\""), lines.get(1));
    assertFalse(Files.list(out.getParent()).anyMatch(p -> !p.equals(out)), "no temporary file is left beside it");
  }

  @Test
  void jsonLinesPredictionsGoToAFileOrToTheSinkFlushed(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("predictions.jsonl");
    int n = Scoring.predict(tagger, steps, out, null, new Scoring.PredictOptions("auto", 0, 1, 0));
    List<String> file = Files.readAllLines(out);
    assertEquals(n, file.size());
    JsonNode first = ModelDirectory.JSON.readTree(file.get(0));
    assertEquals("p,0", first.get("id").asText());
    assertEquals(0, first.get("step").asInt()); // step 0 is a step too
    assertTrue(first.has("p_down, \"flat\"") && first.has("p_up"), file.get(0));
    StringWriter text = new StringWriter();
    BufferedWriter sink = new BufferedWriter(text, 1 << 20); // holds everything until flushed
    assertEquals(n, Scoring.predict(tagger, steps, null, sink, new Scoring.PredictOptions("auto", 0, 1, 0)));
    assertEquals(file, text.toString().lines().toList());
  }

  @Test
  void binaryScoresGetBootstrapIntervalsOnlyWhenAsked() throws IOException {
    Map<String, Object> plain = Scoring.evaluate(tagger, steps, 0, 1);
    assertEquals(40, plain.get("records")); // sequences; their 159 steps are the rows scored
    assertTrue(plain.containsKey("roc_auc"));
    assertFalse(plain.containsKey("roc_auc_ci95"));
    assertFalse(plain.containsKey("pr_auc_ci95"));
    Map<String, Object> m = Scoring.evaluate(tagger, steps, 200, 1);
    for (String metric : List.of("roc_auc", "pr_auc")) {
      double value = ((Number) m.get(metric)).doubleValue();
      List<?> ci = (List<?>) m.get(metric + "_ci95");
      assertEquals(2, ci.size(), metric);
      double lower = ((Number) ci.get(0)).doubleValue(), upper = ((Number) ci.get(1)).doubleValue();
      assertTrue(0 <= lower && lower < value && value < upper && upper <= 1, metric + " " + value + " in " + ci);
    }
    assertEquals(m, Scoring.evaluate(tagger, steps, 200, 1), "the same seed gives the same intervals");
  }

  @Test
  void languageModelPredictionContinuesEachNonBlankLineWithOneRandomStream(@TempDir Path dir) throws IOException {
    Path prompts = Files.writeString(dir.resolve("prompts.txt"), "to be\n\n  \nor not\n");
    StringWriter out = new StringWriter();
    assertEquals(2, Scoring.predict(languageModel, prompts, null, out, new Scoring.PredictOptions("auto", 5, 0.8, 42)));
    List<String> lines = out.toString().lines().toList();
    ModelDirectory.Loaded loaded = ModelDirectory.read(languageModel);
    Vocabulary vocabulary = new ModelData(loaded).vocabulary();
    Random rng = new Random(42); // one generator for the whole file, blank lines draw nothing
    List<String> expected = new ArrayList<>();
    for (String[] line : List.of(new String[] {"1", "to be"}, new String[] {"4", "or not"})) {
      int[] next = Scoring.sample(loaded.model(), vocabulary, vocabulary.encode(line[1]), 5, 0.8, rng);
      expected.add(ModelDirectory.JSON.createObjectNode().put("id", line[0]).put("prompt", line[1])
          .put("continuation", vocabulary.decode(next)).toString());
    }
    assertEquals(expected, lines);
  }

  @Test
  void languageModelPredictionRejectsANonPositiveTemperatureAndOnlyBlankLines(@TempDir Path dir) throws IOException {
    Path prompts = Files.writeString(dir.resolve("prompts.txt"), "to be\n");
    var e = assertThrows(IllegalArgumentException.class, () -> Scoring.predict(languageModel, prompts, null,
        new StringWriter(), new Scoring.PredictOptions("auto", 5, 0, 42)));
    assertEquals("--temperature must be a finite number > 0, got 0.0", e.getMessage());
    Path blank = Files.writeString(dir.resolve("blank.txt"), "\n  \n");
    e = assertThrows(IllegalArgumentException.class, () -> Scoring.predict(languageModel, blank, null,
        new StringWriter(), new Scoring.PredictOptions("auto", 5, 1, 42)));
    assertEquals(blank + ": no prompts (every line is blank)", e.getMessage());
  }

  /** Issue 15: {@code predict --temperature Infinity} sampled (uniformly) instead of refusing. */
  @Test
  void predictOptionsRefuseANonFiniteTemperatureAndTooManyTokens() {
    for (double t : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1}) {
      var e = assertThrows(IllegalArgumentException.class, () -> new Scoring.PredictOptions("auto", 5, t, 42));
      assertEquals("--temperature must be a finite number > 0, got " + t, e.getMessage());
    }
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Scoring.PredictOptions("auto", Scoring.MAX_GENERATE + 1, 1, 42));
    assertEquals("--generate must be in 0..1000000, got 1000001", e.getMessage());
  }

  @Test
  void samplingFromTheCarriedStateMatchesRerunningTheWholeText() throws IOException {
    Model model = ModelDirectory.read(languageModel).model();
    int[] prompt = {3, 1, 4};
    // a temperature near 0 draws the argmax: each token must be the argmax after the prompt and every token before
    int[] drawn = Scoring.sample(model, prompt, 4, 1e-6, new Random(0));
    assertEquals(4, drawn.length);
    for (int k = 0; k < drawn.length; k++) {
      int[] text = new int[prompt.length + k];
      System.arraycopy(prompt, 0, text, 0, prompt.length);
      System.arraycopy(drawn, 0, text, prompt.length, k);
      assertEquals(argmaxAfter(model, text), drawn[k], "token " + k);
    }
    assertArrayEquals(new int[0], Scoring.sample(model, prompt, 0, 1, new Random(0)));
    var e = assertThrows(IllegalArgumentException.class, () -> Scoring.sample(model, new int[0], 4, 1, new Random(0)));
    assertEquals("sampling needs a prompt of at least one token", e.getMessage());
  }

  /** The most likely next token after {@code ids}, from one forward pass over all of them. */
  private static int argmaxAfter(Model model, int[] ids) {
    try (var g = Autograd.noGrad()) {
      Batch batch = new Batch(new int[] {0}, ids.length, null, ids, new int[] {ids.length}, new float[0], 0, true, false);
      float[] last = Ops.select(model.forward(batch, null).logits(), 0, ids.length - 1).data();
      int best = 0;
      for (int v = 1; v < last.length; v++) if (last[v] > last[best]) best = v;
      return best;
    }
  }
}
