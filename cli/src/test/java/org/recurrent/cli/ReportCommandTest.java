package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.ReportFixtures.assertNoSections;
import static org.recurrent.cli.ReportFixtures.assertPng;
import static org.recurrent.cli.ReportFixtures.assertSections;
import static org.recurrent.cli.ReportFixtures.assertSelfContained;
import static org.recurrent.cli.ReportFixtures.binaryRun;
import static org.recurrent.cli.ReportFixtures.confusion;
import static org.recurrent.cli.ReportFixtures.metrics;
import static org.recurrent.cli.ReportFixtures.report;
import static org.recurrent.cli.ReportFixtures.samples;
import static org.recurrent.cli.ReportFixtures.sum;
import static org.recurrent.cli.ReportFixtures.value;
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

  // ---- data -------------------------------------------------------------------------------------------------

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

  // ---- the numbers again, from predict ----------------------------------------------------------------------

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
}
