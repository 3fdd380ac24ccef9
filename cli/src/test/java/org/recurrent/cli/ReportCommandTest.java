package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.JSON;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.train;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recurrent report} on real runs: each test trains a tiny run of one task, writes its report and checks the
 * sections the task has by their content (numbers recomputed here independently, from {@code recurrent predict}'s
 * output or metrics.json), the sections it must not have, and that the page is self-contained.
 */
class ReportCommandTest {
  @TempDir Path dir;

  // ---- the tasks -------------------------------------------------------------------------------------------

  @Test
  void binaryClassificationReportHasTheConfusionMatrixRocPrAndTheEceOfItsPredictions() throws IOException {
    Path model = binaryRun(dir);
    String html = report(model);
    JsonNode test = metrics(model).path("test");
    assertSections(html, "Summary and baselines", "Loss curves", "Validation metrics per epoch", "Learning rate",
        "Gradient norm and clipping", "Confusion matrix", "ROC and precision-recall curves", "Calibration", "Provenance");
    assertNoSections(html, "Predictions against actuals", "Sample generations", "Attention", "Gradient flow through time",
        "Runs compared");

    // the confusion matrix counts every test record once, and its diagonal is the recorded accuracy
    long[][] cm = confusion(html);
    assertEquals(test.path("records").asLong(), sum(cm));
    assertEquals(test.path("accuracy").asDouble(), (double) (cm[0][0] + cm[1][1]) / sum(cm), 1e-9);
    assertEquals(test.path("roc_auc").asDouble(), Double.parseDouble(value(html, "roc_auc")), 1e-4);

    // ECE over 15 bins computed here from predict's probabilities of the same test file
    List<JsonNode> rows = predict(model, dir.resolve("test.csv"));
    double[] conf = new double[rows.size()];
    boolean[] right = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      conf[i] = Math.max(r.path("p_0").asDouble(), r.path("p_1").asDouble());
      right[i] = r.path("label").asText().equals(r.path("true_label").asText());
    }
    assertEquals(expectedCalibrationError(conf, right, 15), Double.parseDouble(value(html, "ece")), 1e-6);
    assertEquals(test.path("loss").asDouble(), Double.parseDouble(value(html, "recomputed_loss")), 1e-4);
    assertContainsAll(html, "majority class (baseline)", "model (RNN)",
        "Gradients are rescaled to norm 0.2000 when their norm exceeds it");
    long clipped = Files.readAllLines(model.resolve("events.jsonl")).stream().filter(l -> l.contains("\"clipped\":true"))
        .count();
    assertEquals(clipped + " of 30", value(html, "clipped_batches"), "3 epochs of 10 batches (300 rows by 32), as events.jsonl says");

    Path folder = model.resolve("report");
    for (String png : List.of("loss_batches.png", "loss_epochs.png", "learning_rate.png", "grad_norm.png",
        "confusion_matrix.png", "roc.png", "precision_recall.png", "calibration.png")) {
      assertPng(folder.resolve(png));
      assertTrue(html.contains("(<a href=\"" + png + "\">"), png + " linked from the page");
    }
    assertSelfContained(html, folder);
  }

  @Test
  void multiClassReportHasAKByKConfusionMatrixAndNoBinaryCurves() throws IOException {
    Random r = new Random(4);
    List<String> train = threeClassLines(r, 300), test = threeClassLines(r, 90);
    write(dir.resolve("train.csv"), train);
    write(dir.resolve("test.csv"), test);
    Path config = write(dir.resolve("three.yaml"), """
        name: three
        seed: 3
        task: classification
        data:
          format: wide_csv
          train: train.csv
          test: test.csv
          options: {id_column: id, label_column: label}
          feature_scaling: zscore
        model: {cell: gru, hidden_size: 8}
        training: {epochs: 3, batch_size: 32, optimizer: {name: adam, lr: 0.02}}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    String html = report(model);
    assertSections(html, "Confusion matrix", "Calibration");
    assertNoSections(html, "ROC and precision-recall curves", "Predictions against actuals");
    long[][] cm = confusion(html);
    assertEquals(3, cm.length);
    assertEquals(90, sum(cm), "every test record counted once");
    long[] truthCounts = new long[3];
    for (String line : test.subList(1, test.size())) truthCounts[Integer.parseInt(line.substring(line.lastIndexOf(',') + 1))]++;
    for (int k = 0; k < 3; k++) assertEquals(truthCounts[k], cm[k][0] + cm[k][1] + cm[k][2], "row " + k + " is class " + k);
    assertEquals(metrics(model).path("test").path("accuracy").asDouble(), (double) (cm[0][0] + cm[1][1] + cm[2][2]) / 90,
        1e-9);
  }

  @Test
  void forecastReportDrawsPredictionsAgainstActualsInTheDataUnits() throws IOException {
    StringBuilder sb = new StringBuilder("day,value\n");
    Random r = new Random(1);
    for (int t = 0; t < 240; t++) {
      sb.append(String.format(Locale.ROOT, "d%03d,%.4f%n", t, 10 + 5 * Math.sin(t / 6.0) + 0.3 * r.nextGaussian()));
    }
    write(dir.resolve("series.csv"), sb.toString());
    Path config = write(dir.resolve("f.yaml"), """
        name: sine
        task: forecast
        data:
          format: timeseries_csv
          train: series.csv
          options: {time_column: day, lags: 10, horizon: 3}
          split: {method: chronological, train: 0.7, validation: 0.15}
        model: {cell: gru, hidden_size: 8}
        training: {epochs: 3, batch_size: 16}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    String html = report(model);
    JsonNode test = metrics(model).path("test");
    assertSections(html, "Predictions against actuals", "Loss curves", "Validation metrics per epoch", "Provenance");
    assertNoSections(html, "Confusion matrix", "Calibration", "ROC and precision-recall curves", "Sample generations");
    JsonNode targets = JSON.readTree(model.resolve("config.json").toFile()).path("target_names");
    assertEquals("value@t+3", targets.get(0).asText(), "one output: the value 3 days ahead");
    assertContainsAll(html, "test part: " + test.path("records").asInt() + " predictions of 1 value(s) each",
        "last value (baseline)");
    assertEquals(test.path("loss").asDouble(), Double.parseDouble(value(html, "recomputed_loss")), 1e-4);
    assertPng(model.resolve("report").resolve("forecast_0_value_t_3.png"));
    assertPng(model.resolve("report").resolve("scatter_0_value_t_3.png"));
  }

  @Test
  void languageModelReportHasSampleGenerationsInTheTrainingAlphabet() throws IOException {
    String text = "the cat sat on the mat. the dog sat on the log. ".repeat(60);
    write(dir.resolve("train.txt"), text);
    write(dir.resolve("valid.txt"), "the cat sat on the log. the dog sat on the mat. ".repeat(10));
    Path config = write(dir.resolve("lm.yaml"), """
        name: cats
        task: language_model
        data: {format: text_corpus, train: train.txt, validation: valid.txt}
        model: {cell: lstm, hidden_size: 16, embedding_dim: 8}
        training: {epochs: 2, batch_size: 4, tbptt: 16, optimizer: {name: adam, lr: 0.02}}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    String html = report(model);
    assertSections(html, "Sample generations", "Loss curves", "Validation metrics per epoch", "Provenance");
    assertNoSections(html, "Confusion matrix", "Calibration", "Predictions against actuals");
    for (int j = 1; j <= 3; j++) {
      Matcher m = Pattern.compile("<pre class=\"sample\" id=\"sample" + j + "\">([^<]*)</pre>").matcher(html);
      assertTrue(m.find(), "sample " + j);
      String sample = m.group(1);
      assertEquals(200, sample.length(), "200 sampled characters");
      for (char c : sample.toCharArray()) assertTrue("the catsondgml.".indexOf(c) >= 0, "'" + c + "' is a training character");
    }
    assertEquals(metrics(model).path("validation").path("loss").asDouble(),
        Double.parseDouble(value(html, "recomputed_loss")), 1e-4);
    // the samples are drawn from the run's seed: a second report says the same
    assertEquals(samples(html), samples(report(model)));
  }

  @Test
  void taggingReportCountsEveryTimeStepOfTheTestFile() throws IOException {
    Random r = new Random(9);
    write(dir.resolve("steps.csv"), tagLines(r, 120));
    List<String> test = tagLines(r, 40);
    write(dir.resolve("test.csv"), test);
    Path config = write(dir.resolve("tag.yaml"), """
        name: tags
        task: tagging
        data:
          format: long_csv
          train: steps.csv
          test: test.csv
          options: {id_column: patient, time_column: time, label_column: tag, per_step_labels: true}
        model: {cell: gru, hidden_size: 12}
        training: {epochs: 3, batch_size: 16, tbptt: 4, optimizer: {name: adam, lr: 0.02}}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    String html = report(model);
    assertSections(html, "Confusion matrix", "Calibration", "ROC and precision-recall curves");
    long[][] cm = confusion(html);
    assertEquals(test.size() - 1, sum(cm), "one count per row (time step) of test.csv");
    assertContainsAll(html, "time steps, accuracy");
    assertEquals(metrics(model).path("test").path("accuracy").asDouble(), (double) (cm[0][0] + cm[1][1]) / sum(cm), 1e-9);
  }

  @Test
  void multiLabelReportCalibratesEveryRecordLabelPair() throws IOException {
    Random r = new Random(2);
    write(dir.resolve("m.jsonl"), labelLines(r, 240));
    write(dir.resolve("t.jsonl"), labelLines(r, 60));
    Path config = write(dir.resolve("ml.yaml"), """
        name: labels
        task: multilabel
        data:
          format: jsonl
          train: m.jsonl
          test: t.jsonl
          options: {target: multilabel}
        model: {cell: gru, hidden_size: 12}
        training: {epochs: 3, batch_size: 16, optimizer: {name: adam, lr: 0.02}}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    String html = report(model);
    assertSections(html, "Calibration", "ROC and precision-recall curves");
    assertNoSections(html, "Confusion matrix", "Predictions against actuals");
    List<JsonNode> rows = predict(model, dir.resolve("t.jsonl"));
    Map<String, List<String>> truth = new java.util.HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("t.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      List<String> labels = new ArrayList<>();
      n.path("y").forEach(v -> labels.add(v.asText()));
      truth.put(n.path("id").asText(), labels);
    }
    double[] conf = new double[rows.size() * 2];
    boolean[] present = new boolean[conf.length];
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      List<String> labels = truth.get(row.path("id").asText());
      conf[2 * i] = row.path("p_a").asDouble();
      conf[2 * i + 1] = row.path("p_b").asDouble();
      present[2 * i] = labels.contains("a");
      present[2 * i + 1] = labels.contains("b");
    }
    assertEquals(expectedCalibrationError(conf, present, 15), Double.parseDouble(value(html, "ece")), 1e-6);
    assertContainsAll(html, "every (record, label) pair, micro-averaged; 120 cases");
  }

  @Test
  void hfOnsetReportDrawsTheBaselinesRocCurvesBesideTheModels() throws IOException {
    Path config = write(dir.resolve("hf.yaml"), """
        name: hf
        seed: 7
        task: hf-onset
        data:
          format: ehr
          options:
            generator: {patients: 800, seed: 3}
            cohort: {controls_per_case: 3}
          split: {method: ratio, train: 0.6, validation: 0.2}
        model: {cell: gru, hidden_size: 8, embedding_dim: 8, bag_mode: sum}
        training: {epochs: 2, batch_size: 32, optimizer: {name: adam, lr: 0.01}, monitor: roc_auc}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    String html = report(model);
    JsonNode test = metrics(model).path("test");
    assertSections(html, "Confusion matrix", "ROC and precision-recall curves", "Calibration", "Provenance");
    assertEquals(test.path("records").asLong(), sum(confusion(html)));
    assertEquals(test.path("roc_auc").asDouble(), Double.parseDouble(value(html, "roc_auc")), 1e-4);
    assertContainsAll(html, "ROC curve of the model and the baselines", "logistic regression (baseline)",
        "No data files: the data were generated from the config");
  }

  // ---- compare, side files, errors -------------------------------------------------------------------------

  @Test
  void compareOverlaysRunsAndTablesTheirFinalMetrics() throws IOException {
    Path a = binaryRun(dir);
    Path config = dir.resolve("bin.yaml");
    write(config, Files.readString(config).replace("name: bin", "name: wider").replace("hidden_size: 8", "hidden_size: 16"));
    Path b = dir.resolve("m2");
    train(config, b);
    Path out = dir.resolve("cmp").resolve("page.html");
    TinyRuns.Run r = run("report", "--run", a.toString(), "--compare", b.toString(), "-o", out.toString(), "--quiet")
        .expectExit(0);
    assertEquals(out.toString(), r.out().strip());
    String html = Files.readString(out);
    assertSections(html, "Runs compared");
    Matcher table = Pattern.compile("<table id=\"comparison\">(.*?)</table>", Pattern.DOTALL).matcher(html);
    assertTrue(table.find());
    List<List<String>> rows = cells(table.group(1));
    assertEquals(3, rows.size(), "header and two runs");
    int accuracy = rows.get(0).indexOf("accuracy");
    assertEquals(List.of("bin", "wider"), List.of(rows.get(1).get(0), rows.get(2).get(0)));
    assertEquals(metrics(b).path("test").path("accuracy").asDouble(), Double.parseDouble(rows.get(2).get(accuracy)), 1e-4);
    assertContainsAll(html, "compared with wider");
    assertPng(out.resolveSibling("loss_epochs.png"));
    assertFalse(Files.exists(a.resolve("report")), "-o puts everything beside the given file");

    // runs of one name (one config, other --set) are told apart by their directories in the legend and table
    write(config, Files.readString(config).replace("name: wider", "name: bin"));
    train(config, b, "--overwrite");
    run("report", "--run", a.toString(), "--compare", b.toString(), "-o", out.toString(), "--quiet").expectExit(0);
    assertContainsAll(Files.readString(out), "<th>bin (" + a + ")</th>", "<th>bin (" + b + ")</th>");
  }

  @Test
  void attentionAndGradientFlowFilesAddTheirSections() throws IOException {
    Path model = binaryRun(dir);
    // in the formats recurrent translate --attention-json and recurrent diagnose write (docs/model-format.md)
    write(model.resolve("attention.json"), """
        {"format": "recurrent-attention", "version": 1, "model": "m", "decoding": {"strategy": "greedy"},
         "examples": [{"where": "pairs.tsv:1", "source_tokens": ["le", "chat", "<eos>"],
           "output_tokens": ["the", "cat"], "output": "the cat", "ended": false, "log_probability": -0.2,
           "weights": [[0.8, 0.15, 0.05], [0.1, 0.85, 0.05]]}]}
        """);
    Files.createDirectories(model.resolve("diagnose"));
    write(model.resolve("diagnose").resolve("gradient_flow.json"), """
        {"model": "m", "kind": "sequence", "cell": "lstm", "steps": 6, "sequences": 4,
         "at_init": {"distances": [1, 2, 3, 4, 5, 6], "norms": {"layer 0": [1.0, 0.1, 0.01, 0.001, 1e-4, 1e-5]}},
         "at_end": {"distances": [1, 2, 3, 4, 5, 6], "norms": {"layer 0": [1.0, 0.3, 0.09, 0.027, 0.0081, 0.00243]}},
         "matrices": [], "saturation": {}, "reading": "the gradient from 6 steps back is 2.4e-03 of the last one"}
        """);
    String html = report(model);
    assertSections(html, "Attention", "Gradient flow through time");
    assertPng(model.resolve("report").resolve("attention_1.png"));
    assertPng(model.resolve("report").resolve("gradient_flow.png"));
    assertContainsAll(html, "1 example(s) in attention.json", "the gradient from 6 steps back is 2.4e-03 of the last one");
  }

  @Test
  void aMalformedSideFileIsAnErrorNamingItAndLeavesThePreviousReport() throws IOException {
    Path model = binaryRun(dir);
    report(model);
    Map<String, byte[]> before = TinyRuns.snapshot(model.resolve("report"));
    write(model.resolve("attention.json"), """
        {"format": "recurrent-attention", "version": 1, "examples": [
          {"source_tokens": ["a", "b"], "output_tokens": ["x"], "weights": [[0.5, 0.25, 0.25]]}]}
        """);
    String error = run("report", "--run", model.toString(), "--quiet").expectExit(2).errorLine();
    assertEquals("recurrent: error: " + model.resolve("attention.json") + ": examples[0].weights[0]: expected 2 values "
        + "(one per source step), found 3", error);
    TinyRuns.assertUnchanged(before, model.resolve("report"));
  }

  @Test
  void aChangedDataFileLeavesOutThePredictionSectionsAndSaysWhy() throws IOException {
    Path model = binaryRun(dir);
    Files.writeString(dir.resolve("test.csv"), Files.readString(dir.resolve("test.csv")).replace("r001", "r999"));
    TinyRuns.Run r = run("report", "--run", model.toString());
    r.expectExit(0);
    String html = Files.readString(model.resolve("report").resolve("report.html"));
    assertContainsAll(html, "Predictions were not recomputed: the run&#39;s data file " + dir.resolve("test.csv")
        + " changed since training");
    assertSections(html, "Summary and baselines", "Loss curves", "Provenance");
    assertNoSections(html, "Confusion matrix", "Calibration", "ROC and precision-recall curves");
    assertFalse(r.err().contains("scoring the test part"), r.err());
  }

  @Test
  void aRecordedConfigThatReadsFilesProvenanceDoesNotListIsNotFollowed() throws IOException {
    Path model = binaryRun(dir);
    // the config names another (unhashed) file for the test part; data_files still lists the hashed ones
    write(dir.resolve("other.csv"), TinyRuns.wideCsvLines(50, 9, true));
    com.fasterxml.jackson.databind.node.ObjectNode p = (com.fasterxml.jackson.databind.node.ObjectNode)
        JSON.readTree(model.resolve("provenance.json").toFile());
    p.put("config", p.get("config").asText().replace("test: test.csv", "test: other.csv"));
    write(model.resolve("provenance.json"), JSON.writeValueAsString(p));
    String html = report(model);
    assertContainsAll(html, "Predictions were not recomputed: the recorded config reads [", "other.csv",
        "not the data files provenance.json lists");
    assertNoSections(html, "Confusion matrix", "Calibration");
  }

  @Test
  void theDefaultReportFolderIsNeverALinkOutOfTheModelDirectory() throws IOException {
    Path model = binaryRun(dir);
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(model.resolve("report"), elsewhere);
    assertContainsAll(run("report", "--run", model.toString(), "--quiet").expectExit(2).errorLine(),
        "is a symbolic link", "refused");
    try (var files = Files.list(elsewhere)) {
      assertEquals(0, files.count(), "nothing written through the link");
    }
  }

  @Test
  void aMissingOrNonModelRunDirectoryIsExitTwoWithAClearMessage() throws IOException {
    Path nowhere = dir.resolve("nope");
    assertEquals("recurrent: error: run directory not found: " + nowhere + " (give the model directory that "
        + "'recurrent train' wrote, e.g. runs/<name>)", run("report", "--run", nowhere.toString()).expectExit(2).errorLine());
    Files.createDirectories(dir.resolve("empty"));
    assertContainsAll(run("report", "--run", dir.resolve("empty").toString()).expectExit(2).errorLine(),
        "config.json: not found");
    assertContainsAll(run("report").expectExit(2).err(), "Missing required option: '--run=<dir>'");
    assertFalse(Files.exists(dir.resolve("empty").resolve("report")), "nothing written");
  }

  @Test
  void progressLinesSayWhatIsReadAndScored() throws IOException {
    Path model = binaryRun(dir);
    TinyRuns.Run r = run("report", "--run", model.toString()).expectExit(0);
    assertContainsAll(r.err(), "report: reading the run's data again (train.csv, valid.csv, test.csv,",
        "report: scoring the test part (90 records)", "charts in " + model.resolve("report").toAbsolutePath());
    assertContainsAll(run("report", "--help").expectExit(0).out(), "--compare", "--run", "report.html");

    TinyRuns.Run none = run("report", "--run", model.toString(), "--no-predictions").expectExit(0);
    assertFalse(none.err().contains("reading the run's data"), "--no-predictions reads no data: " + none.err());
    String html = Files.readString(model.resolve("report").resolve("report.html"));
    assertContainsAll(html, "Predictions were not recomputed");
    assertNoSections(html, "Confusion matrix", "Calibration");
  }

  // ---- runs and data ---------------------------------------------------------------------------------------

  /** The wide-CSV binary task (TinyRuns), train.csv and a separate test.csv of 90 rows, clipping on. */
  static Path binaryRun(Path dir) throws IOException {
    write(dir.resolve("train.csv"), TinyRuns.wideCsvLines(TinyRuns.ROWS, 1, true));
    write(dir.resolve("valid.csv"), TinyRuns.wideCsvLines(60, 3, true));
    write(dir.resolve("test.csv"), TinyRuns.wideCsvLines(90, 2, true));
    Path config = write(dir.resolve("bin.yaml"), """
        name: bin
        seed: 7
        task: classification
        data:
          format: wide_csv
          train: train.csv
          validation: valid.csv
          test: test.csv
          options: {id_column: id, label_column: label}
          feature_scaling: zscore
        model: {cell: lstm, hidden_size: 8}
        training: {epochs: 3, batch_size: 32, optimizer: {name: adam, lr: 0.01}, clip_grad_norm: 0.2}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    return model;
  }

  private static List<String> threeClassLines(Random r, int rows) {
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder("id");
    for (int t = 1; t <= 8; t++) header.append(",v").append(t);
    lines.add(header + ",label");
    for (int i = 0; i < rows; i++) {
      int k = r.nextInt(3);
      StringBuilder row = new StringBuilder("s" + i);
      for (int t = 0; t < 8; t++) row.append(String.format(Locale.ROOT, ",%.4f", (k - 1) * 0.8 + r.nextGaussian()));
      lines.add(row + "," + k);
    }
    return lines;
  }

  /** Long CSV, one row per step; the tag is "up" when the value rose since the previous step. */
  private static List<String> tagLines(Random r, int sequences) {
    List<String> lines = new ArrayList<>(List.of("patient,time,value,tag"));
    for (int i = 0; i < sequences; i++) {
      int T = 6 + r.nextInt(8);
      double previous = 0;
      for (int t = 0; t < T; t++) {
        double v = r.nextGaussian();
        lines.add("p" + i + "," + t + "," + String.format(Locale.ROOT, "%.4f", v) + "," + (v > previous ? "up" : "down"));
        previous = v;
      }
    }
    return lines;
  }

  /** JSON Lines, two features per step; label a when the first sums above 0, b when the second does. */
  private static String labelLines(Random r, int records) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < records; i++) {
      StringBuilder x = new StringBuilder("[");
      double s0 = 0, s1 = 0;
      for (int t = 0; t < 8; t++) {
        double a = r.nextGaussian(), b = r.nextGaussian();
        s0 += a;
        s1 += b;
        x.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.4f,%.4f]", a, b));
      }
      List<String> labels = new ArrayList<>();
      if (s0 > 0) labels.add("\"a\"");
      if (s1 > 0) labels.add("\"b\"");
      sb.append("{\"id\": \"s").append(i).append("\", \"x\": ").append(x).append("], \"y\": [")
          .append(String.join(",", labels)).append("]}\n");
    }
    return sb.toString();
  }

  // ---- reading the page ------------------------------------------------------------------------------------

  /** {@code report --run model --quiet}, which must succeed; the page's text. */
  private static String report(Path model) throws IOException {
    TinyRuns.Run r = run("report", "--run", model.toString(), "--quiet").expectExit(0);
    Path html = model.resolve("report").resolve("report.html");
    assertEquals(html.toString(), r.out().strip());
    return Files.readString(html);
  }

  private static JsonNode metrics(Path model) throws IOException {
    return JSON.readTree(model.resolve("metrics.json").toFile());
  }

  private List<JsonNode> predict(Path model, Path input) throws IOException {
    Path out = dir.resolve("predictions-" + System.nanoTime() + ".jsonl");
    run("predict", "-m", model.toString(), "-i", input.toString(), "-o", out.toString()).expectExit(0);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out)) rows.add(JSON.readTree(line));
    return rows;
  }

  /** ECE written out here again, independently: bins ((m-1)/M, m/M], |accuracy - confidence| weighted by share. */
  private static double expectedCalibrationError(double[] conf, boolean[] right, int M) {
    double[] confSum = new double[M], rightSum = new double[M];
    int[] n = new int[M];
    for (int i = 0; i < conf.length; i++) {
      int m = 0;
      while (m < M - 1 && conf[i] > (m + 1) / (double) M) m++;
      n[m]++;
      confSum[m] += conf[i];
      rightSum[m] += right[i] ? 1 : 0;
    }
    double ece = 0;
    for (int m = 0; m < M; m++) if (n[m] > 0) ece += Math.abs(rightSum[m] - confSum[m]) / conf.length;
    return ece;
  }

  private static void assertSections(String html, String... titles) {
    for (String t : titles) assertTrue(html.contains("<h2>" + t + "</h2>"), "section " + t);
  }

  private static void assertNoSections(String html, String... titles) {
    for (String t : titles) assertFalse(html.contains("<h2>" + t + "</h2>"), "no section " + t);
  }

  private static String value(String html, String id) {
    Matcher m = Pattern.compile("<span class=\"value\" id=\"" + id + "\">([^<]*)</span>").matcher(html);
    assertTrue(m.find(), "value " + id);
    return m.group(1);
  }

  private static List<String> samples(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<pre class=\"sample\"[^>]*>([^<]*)</pre>").matcher(html);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** Rows of a table's cells (th and td alike), header first. */
  private static List<List<String>> cells(String table) {
    List<List<String>> rows = new ArrayList<>();
    Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(table);
    while (tr.find()) {
      List<String> row = new ArrayList<>();
      Matcher cell = Pattern.compile("<t[hd]>(.*?)</t[hd]>").matcher(tr.group(1));
      while (cell.find()) row.add(cell.group(1));
      rows.add(row);
    }
    return rows;
  }

  private static long[][] confusion(String html) {
    Matcher table = Pattern.compile("<table id=\"confusion\">(.*?)</table>", Pattern.DOTALL).matcher(html);
    assertTrue(table.find(), "confusion table");
    List<List<String>> rows = cells(table.group(1));
    int K = rows.size() - 1;
    long[][] cm = new long[K][K];
    for (int r = 0; r < K; r++) {
      assertEquals(K + 1, rows.get(r + 1).size());
      for (int c = 0; c < K; c++) cm[r][c] = Long.parseLong(rows.get(r + 1).get(c + 1));
    }
    return cm;
  }

  private static long sum(long[][] m) {
    long s = 0;
    for (long[] row : m) for (long v : row) s += v;
    return s;
  }

  private static void assertPng(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " written");
    byte[] b = Files.readAllBytes(file);
    assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', file + " is a PNG");
    var image = javax.imageio.ImageIO.read(file.toFile());
    assertEquals(880, image.getWidth());
  }

  /** No script, no external address; every image a data: URI holding the same PNG as the file beside the page. */
  private static void assertSelfContained(String html, Path folder) throws IOException {
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script");
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("//cdn"), "no external URL");
    Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]*)\"[^>]*><figcaption>[^<]*\\(<a href=\"([^\"]+)\">").matcher(html);
    int n = 0;
    while (img.find()) {
      n++;
      assertTrue(img.group(1).startsWith("data:image/png;base64,"), "embedded image");
      byte[] embedded = Base64.getDecoder().decode(img.group(1).substring("data:image/png;base64,".length()));
      assertTrue(java.util.Arrays.equals(embedded, Files.readAllBytes(folder.resolve(img.group(2)))),
          img.group(2) + " is the embedded image");
    }
    assertTrue(n >= 8, "images found: " + n);
    try (var files = Files.list(folder)) {
      assertEquals(n + 1, files.count(), "the page and one PNG per chart");
    }
  }
}
