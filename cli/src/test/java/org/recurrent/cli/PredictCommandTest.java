package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.assertUnchanged;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.snapshot;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurrent predict}: one prediction per input record, in input order, as CSV or JSON Lines. */
class PredictCommandTest {
  static final int RECORDS = 120;
  @TempDir static Path shared;
  static Path model;
  static List<String> labelledLines;

  @BeforeAll
  static void trainModel() throws IOException {
    model = shared.resolve("model");
    TinyRuns.train(TinyRuns.tinyWideCsvRun(shared), model);
    labelledLines = TinyRuns.wideCsvLines(RECORDS, 4, true);
  }

  /** The ids of the data rows, in file order. */
  private static List<String> ids(List<String> csvLines) {
    return csvLines.subList(1, csvLines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
  }

  @Test
  void csvOutputHasOneRowPerRecordInInputOrderWithTheTrueLabel(@TempDir Path dir) throws IOException {
    Path input = write(dir.resolve("labelled.csv"), labelledLines);
    Path output = dir.resolve("predictions.csv");
    run("predict", "-m", model.toString(), "-i", input.toString(), "-o", output.toString()).expectExit(0);

    List<String> rows = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals("id,label,p_0,p_1,true_label", rows.get(0));
    assertEquals(ids(labelledLines), ids(rows), "one row per record, in input order");
    for (int i = 1; i < rows.size(); i++) {
      String[] cells = rows.get(i).split(",");
      double p0 = Double.parseDouble(cells[2]), p1 = Double.parseDouble(cells[3]);
      assertEquals(1.0, p0 + p1, 1e-5, rows.get(i));
      assertEquals(p1 > p0 ? "1" : "0", cells[1], "the label is the more probable class: " + rows.get(i));
      String truth = labelledLines.get(i).substring(labelledLines.get(i).lastIndexOf(',') + 1);
      assertEquals(truth, cells[4], rows.get(i));
    }
  }

  @Test
  void fileWithoutTheLabelColumnPredictsAsJsonLinesOnStdout(@TempDir Path dir) throws IOException {
    List<String> unlabelled = TinyRuns.wideCsvLines(RECORDS, 4, false);
    Path input = write(dir.resolve("unlabelled.csv"), unlabelled);
    String out = run("predict", "-m", model.toString(), "-i", input.toString(), "--labels", "auto").expectExit(0).out();

    List<String> lines = out.lines().toList();
    assertEquals(RECORDS, lines.size(), out);
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      JsonNode r = TinyRuns.JSON.readTree(line);
      ids.add(r.path("id").asText());
      assertTrue(r.path("label").isTextual() && r.path("p_1").isNumber(), line);
      assertFalse(r.has("true_label"), line);
    }
    assertEquals(ids(unlabelled), ids, "one line per record, in input order");
  }

  @Test
  void sameRecordsGetTheSamePredictionsWithAndWithoutLabels(@TempDir Path dir) throws IOException {
    Path labelled = write(dir.resolve("labelled.csv"), labelledLines);
    Path unlabelled = write(dir.resolve("unlabelled.csv"), TinyRuns.wideCsvLines(RECORDS, 4, false));
    List<String> a = new ArrayList<>(), b = new ArrayList<>();
    for (String line : run("predict", "-m", model.toString(), "-i", labelled.toString()).expectExit(0).out().lines().toList()) {
      JsonNode r = TinyRuns.JSON.readTree(line);
      a.add(r.path("id").asText() + " " + r.path("p_1").asDouble());
    }
    for (String line : run("predict", "-m", model.toString(), "-i", unlabelled.toString()).expectExit(0).out().lines().toList()) {
      JsonNode r = TinyRuns.JSON.readTree(line);
      b.add(r.path("id").asText() + " " + r.path("p_1").asDouble());
    }
    assertEquals(a, b);
  }

  @Test
  void corruptedJsonHeaderIsRejectedNamingModelSafetensorsAndWritesNothing(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("model");
    TinyRuns.copyDirectory(model, copy);
    Path weights = copy.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[8] = '[';                                       // the header must be a JSON object, starting with '{' 
    Files.write(weights, bytes);
    Map<String, byte[]> before = snapshot(copy);
    Path input = write(dir.resolve("labelled.csv"), labelledLines);
    Path output = dir.resolve("predictions.csv");

    String error = run("predict", "-m", copy.toString(), "-i", input.toString(), "-o", output.toString())
        .expectExit(2).errorLine();
    assertContainsAll(error, weights.toString(), "header must start with '{'");
    assertUnchanged(before, copy);
    assertFalse(Files.exists(output), "no predictions file after an error");
  }

  @Test
  void inputRowWithTooFewColumnsIsRejectedNamingFileAndLineAndWritesNothing(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(labelledLines);
    lines.set(50, lines.get(50).substring(0, lines.get(50).lastIndexOf(',')));
    Path input = write(dir.resolve("short-row.csv"), lines);
    Path output = dir.resolve("predictions.csv");

    String error = run("predict", "-m", model.toString(), "-i", input.toString(), "-o", output.toString())
        .expectExit(2).errorLine();
    assertContainsAll(error, input + ":51:", "expected 14 columns", "found 13");
    assertFalse(Files.exists(output), "no predictions file after an error");
  }

  /** id to p_1, from JSON Lines on stdout. */
  private static Map<String, Double> probabilities(String out) throws IOException {
    Map<String, Double> p = new java.util.LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      JsonNode r = TinyRuns.JSON.readTree(line);
      p.put(r.path("id").asText(), r.path("p_1").asDouble());
    }
    return p;
  }

  @Test
  void everyLabelsChoiceGivesTheSameProbabilitiesOrAnErrorNeverOtherInputs(@TempDir Path dir) throws IOException {
    Path labelled = write(dir.resolve("labelled.csv"), labelledLines);
    Path unlabelled = write(dir.resolve("unlabelled.csv"), TinyRuns.wideCsvLines(RECORDS, 4, false));
    Map<String, Double> reference = probabilities(
        run("predict", "-m", model.toString(), "-i", unlabelled.toString(), "--labels", "no").expectExit(0).out());
    assertEquals(RECORDS, reference.size());
    for (String[] ok : new String[][] {{labelled.toString(), "yes"}, {labelled.toString(), "auto"},
        {unlabelled.toString(), "auto"}}) {
      assertEquals(reference, probabilities(run("predict", "-m", model.toString(), "-i", ok[0], "--labels", ok[1])
          .expectExit(0).out()), String.join(" --labels ", ok));
    }
    Path output = dir.resolve("predictions.csv");
    String error = run("predict", "-m", model.toString(), "-i", labelled.toString(), "--labels", "no",
        "-o", output.toString()).expectExit(2).errorLine();
    assertEquals("recurrent: error: " + labelled + ":1: expected no label column with --labels no, found the label "
        + "column \"label\" (column 14); its values would be read as features: use --labels auto or yes, or remove "
        + "the column", error);
    assertFalse(Files.exists(output), "no predictions file after an error");
    assertContainsAll(run("predict", "-m", model.toString(), "-i", unlabelled.toString(), "--labels", "yes")
        .expectExit(2).errorLine(), unlabelled + ":1:", "expected a column named \"label\"");
  }

  @Test
  void fileWhoseColumnsAreNotTheModelsIsRejectedNamingTheColumn(@TempDir Path dir) throws IOException {
    List<String> unlabelled = TinyRuns.wideCsvLines(RECORDS, 4, false);
    Map<String, String> expectedErrors = new java.util.LinkedHashMap<>();
    List<String> extra = unlabelled.stream().map(l -> l + (l.startsWith("id") ? ",v13" : ",0.5")).toList();
    expectedErrors.put("column \"v13\" (column 14 of the file) is not one of them", write(dir.resolve("extra.csv"), extra).toString());
    List<String> missing = unlabelled.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    expectedErrors.put("the model's column \"v12\" is missing", write(dir.resolve("missing.csv"), missing).toString());
    List<String> renamed = unlabelled.stream().map(l -> l.replace(",v7,", ",v7_mV,")).toList();
    expectedErrors.put("the model's column \"v7\" is missing; the file has \"v7_mV\" in its place (column 8): was it "
        + "renamed?", write(dir.resolve("renamed.csv"), renamed).toString());
    List<String> reordered = unlabelled.stream().map(l -> {
      String[] c = l.split(",");
      return String.join(",", c[0], c[12], String.join(",", List.of(c).subList(1, 12)));
    }).toList();
    expectedErrors.put("the columns are in another order: column 2 of the file is \"v12\" where the model's has \"v1\"",
        write(dir.resolve("reordered.csv"), reordered).toString());
    for (Map.Entry<String, String> e : expectedErrors.entrySet()) {
      for (String labels : List.of("auto", "no")) {
        String error = run("predict", "-m", model.toString(), "-i", e.getValue(), "--labels", labels).expectExit(2)
            .errorLine();
        assertContainsAll(error, e.getValue() + ":1: expected the model's 12 feature columns [v1, v2, v3, ..., v11, v12]",
            e.getKey());
      }
    }
  }

  @Test
  void formatComesFromTheFormatOptionElseTheExtension(@TempDir Path dir) throws IOException {
    Path input = write(dir.resolve("labelled.csv"), labelledLines);
    Path txt = dir.resolve("predictions.txt");
    run("predict", "-m", model.toString(), "-i", input.toString(), "-o", txt.toString(), "--format", "csv").expectExit(0);
    assertEquals("id,label,p_0,p_1,true_label", Files.readAllLines(txt).get(0));
    Path upper = dir.resolve("PREDICTIONS.JSONL");
    run("predict", "-m", model.toString(), "-i", input.toString(), "-o", upper.toString()).expectExit(0);
    assertTrue(Files.readAllLines(upper).get(0).startsWith("{"), "JSON Lines by the extension");
    TinyRuns.Run onStdout = run("predict", "-m", model.toString(), "-i", input.toString(), "--format", "csv").expectExit(0);
    assertEquals("id,label,p_0,p_1,true_label", onStdout.out().lines().findFirst().orElseThrow());
  }

  @Test
  void unknownExtensionWithoutFormatIsRefusedBeforeAnyWork(@TempDir Path dir) {
    Path txt = dir.resolve("out.txt");
    // no model there either: the output is checked first, before anything is read
    TinyRuns.Run r = run("predict", "-m", dir.resolve("no-model").toString(), "-i", "in.csv", "-o", txt.toString())
        .expectExit(2);
    assertContainsAll(r.errorLine(), txt.toString(), ".csv", ".jsonl", "--format");
    assertFalse(Files.exists(txt));
    assertContainsAll(run("predict", "-m", model.toString(), "-i", "in.csv", "-o", txt.toString(), "--format", "xml")
        .expectExit(2).errorLine(), "--format must be csv or jsonl, got 'xml'");
  }

  @Test
  void outputInAFolderThatDoesNotExistIsRefusedBeforeAnyWork(@TempDir Path dir) {
    Path out = dir.resolve("missing").resolve("p.csv");
    TinyRuns.Run r = run("predict", "-m", dir.resolve("no-model").toString(), "-i", "in.csv", "-o", out.toString())
        .expectExit(2);
    assertContainsAll(r.errorLine(), out.getParent().toString(), "does not exist");
    assertFalse(Files.exists(out.getParent()));
  }

  /** Issue 15: {@code --temperature Infinity} was accepted (and sampled uniformly). */
  @Test
  void aNonFiniteTemperatureIsRefusedBeforeAnyWork() {
    for (String t : new String[] {"Infinity", "NaN"}) {
      String error = run("predict", "-m", model.toString(), "-i", "missing.csv", "--temperature", t).expectExit(2)
          .errorLine();
      assertEquals("recurrent: error: --temperature must be a finite number > 0, got " + t, error);
    }
  }
}
