package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.ReportFixtures.assertNoSections;
import static org.recurrent.cli.ReportFixtures.assertPng;
import static org.recurrent.cli.ReportFixtures.assertSections;
import static org.recurrent.cli.ReportFixtures.binaryRun;
import static org.recurrent.cli.ReportFixtures.cells;
import static org.recurrent.cli.ReportFixtures.metrics;
import static org.recurrent.cli.ReportFixtures.report;
import static org.recurrent.cli.TinyRuns.JSON;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.train;
import static org.recurrent.cli.TinyRuns.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recurrent report} and the files around a run: runs compared with {@code --compare}, the side files that
 * add sections (attention, gradient flow) or are malformed, data files changed since training or not the ones
 * provenance lists, the report folder as a link, a missing or non-model run directory, and what the command prints.
 */
class ReportCommandFilesTest {
  @TempDir Path dir;

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
}
