package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.TINY_MODEL;
import static org.recurrent.cli.TinyRuns.TWO_EPOCHS;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.assertUnchanged;
import static org.recurrent.cli.TinyRuns.jsonlConfig;
import static org.recurrent.cli.TinyRuns.jsonlLines;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.snapshot;
import static org.recurrent.cli.TinyRuns.train;
import static org.recurrent.cli.TinyRuns.wideCsvConfig;
import static org.recurrent.cli.TinyRuns.wideCsvLines;
import static org.recurrent.cli.TinyRuns.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recurrent train} on bad inputs: exit 2 and one line naming the file and line (or the config field), and
 * an existing model directory left byte for byte as it was.
 */
class TrainCommandBadInputTest {
  /** A good model, trained once; bad-input tests copy it and try to overwrite the copy. */
  @TempDir static Path shared;
  static Path goodModel;

  @BeforeAll
  static void trainGoodModel() throws IOException {
    goodModel = shared.resolve("good-model");
    train(TinyRuns.tinyWideCsvRun(shared), goodModel);
  }

  // ---- bad inputs ---------------------------------------------------------------------------------------------
  //
  // Each bad input is run twice: into a fresh directory (exit code and message), and with --overwrite over a copy
  // of a good model, which must come out byte for byte as it was.

  /** Runs {@code train config -o <fresh dir>}: exit 2 and the one error line, which is returned. */
  private static String rejected(Path config, Path dir) {
    return run("train", config.toString(), "-o", dir.resolve("fresh").toString(), "--quiet").expectExit(2).errorLine();
  }

  /**
   * Copies the good model into {@code dir}/model, runs {@code train config -o that --overwrite}: exit 2, the
   * error line holds every {@code expected} part, and the model directory is unchanged.
   */
  private static void rejectedLeavingModelUntouched(Path config, Path dir, String... expected) throws IOException {
    Path model = dir.resolve("model");
    TinyRuns.copyDirectory(goodModel, model);
    Map<String, byte[]> before = snapshot(model);
    String error = run("train", config.toString(), "-o", model.toString(), "--overwrite", "--quiet")
        .expectExit(2).errorLine();
    assertContainsAll(error, expected);
    assertUnchanged(before, model);
  }

  /** tiny.yaml over data.csv holding {@code lines}. */
  private static Path wideCsvRun(Path dir, List<String> lines) throws IOException {
    write(dir.resolve("data.csv"), lines);
    return write(dir.resolve("tiny.yaml"), wideCsvConfig("data.csv", TINY_MODEL, TWO_EPOCHS));
  }

  /** The last row cut after its sixth field, without a final newline: line 301 of 301 has 7 of 14 columns. */
  private static Path truncatedCsvRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(wideCsvLines(TinyRuns.ROWS, 1, true));
    String last = lines.get(lines.size() - 1);
    int cut = 0;
    for (int commas = 0; commas < 7; cut++) if (last.charAt(cut) == ',') commas++;
    lines.set(lines.size() - 1, last.substring(0, cut - 1));
    Files.writeString(dir.resolve("data.csv"), String.join("\n", lines));
    return write(dir.resolve("tiny.yaml"), wideCsvConfig("data.csv", TINY_MODEL, TWO_EPOCHS));
  }

  @Test
  void truncatedCsvIsRejectedNamingFileLineAndColumnCount(@TempDir Path dir) throws IOException {
    String error = rejected(truncatedCsvRun(dir), dir);
    assertContainsAll(error, "data.csv:301:", "expected 14 columns", "found 7");
  }

  @Test
  void truncatedCsvLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(truncatedCsvRun(dir), dir, "data.csv:301:", "expected 14 columns", "found 7");
  }

  /** Line 151 (row 150) loses its last value: 13 columns instead of 14. */
  private static Path shortMiddleRowRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(wideCsvLines(TinyRuns.ROWS, 1, true));
    String row = lines.get(150);
    lines.set(150, row.substring(0, row.lastIndexOf(',')));
    return wideCsvRun(dir, lines);
  }

  @Test
  void wrongColumnCountInAMiddleRowIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(shortMiddleRowRun(dir), dir), "data.csv:151:", "expected 14 columns", "found 13");
  }

  @Test
  void wrongColumnCountInAMiddleRowLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(shortMiddleRowRun(dir), dir, "data.csv:151:", "expected 14 columns", "found 13");
  }

  /** v5 of line 100 is NaN. */
  private static Path nanCellRun(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(wideCsvLines(TinyRuns.ROWS, 1, true));
    String[] cells = lines.get(99).split(",");
    cells[5] = "NaN";
    lines.set(99, String.join(",", cells));
    return wideCsvRun(dir, lines);
  }

  @Test
  void nanFeatureCellIsRejectedNamingFileLineAndColumn(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(nanCellRun(dir), dir), "data.csv:100:", "expected a finite number", "v5", "\"NaN\"");
  }

  @Test
  void nanFeatureCellLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(nanCellRun(dir), dir, "data.csv:100:", "expected a finite number", "v5", "\"NaN\"");
  }

  /** seq.yaml (LSTM) over seq.jsonl: {@code jsonlLines(150, 5)} with the line at {@code index} (0-based) replaced. */
  private static Path jsonlRunWithLine(Path dir, int index, String line) throws IOException {
    List<String> lines = new ArrayList<>(jsonlLines(150, 5));
    lines.set(index, line);
    write(dir.resolve("seq.jsonl"), lines);
    return write(dir.resolve("seq.yaml"), jsonlConfig("seq.jsonl", "lstm"));
  }

  /** Line 5 of seq.jsonl is cut off in the middle of its x array. */
  private static Path garbledJsonlRun(Path dir) throws IOException {
    return jsonlRunWithLine(dir, 4, jsonlLines(150, 5).get(4).substring(0, 30));
  }

  @Test
  void garbledJsonlLineIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(garbledJsonlRun(dir), dir), "seq.jsonl:5:", "expected a JSON object");
  }

  @Test
  void garbledJsonlLineLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(garbledJsonlRun(dir), dir, "seq.jsonl:5:", "expected a JSON object");
  }

  /** Line 7 of seq.jsonl has "x": []. */
  private static Path emptySequenceRun(Path dir) throws IOException {
    return jsonlRunWithLine(dir, 6, "{\"id\": \"j6\", \"x\": [], \"y\": \"up\"}");
  }

  @Test
  void emptySequenceIsRejectedNamingFileAndLine(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(emptySequenceRun(dir), dir), "seq.jsonl:7:", "expected at least one step in \"x\"");
  }

  @Test
  void emptySequenceLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(emptySequenceRun(dir), dir, "seq.jsonl:7:", "expected at least one step in \"x\"");
  }

  private static final String KNOWN_CELLS = "[lstm, gru, gru_reset_before, rnn_tanh, rnn_relu, irnn]";

  private static Path unknownCellRun(Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    return write(dir.resolve("tiny.yaml"), wideCsvConfig("data.csv", "cell: transformer\nhidden_size: 8", TWO_EPOCHS));
  }

  @Test
  void unknownCellIsRejectedListingTheKnownCells(@TempDir Path dir) throws IOException {
    assertContainsAll(rejected(unknownCellRun(dir), dir), "'transformer'", "expected one of " + KNOWN_CELLS);
  }

  @Test
  void unknownCellLeavesAnExistingModelUntouchedAndNamesTheConfig(@TempDir Path dir) throws IOException {
    rejectedLeavingModelUntouched(unknownCellRun(dir), dir, "tiny.yaml", "'transformer'",
        "expected one of " + KNOWN_CELLS);
  }

  /** tiny.yaml with "hiden_size: 8" in the model section; returns the config and that line's number. */
  private static Map.Entry<Path, Integer> misspeltFieldRun(Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    String yaml = wideCsvConfig("data.csv", "cell: lstm\nhiden_size: 8", TWO_EPOCHS);
    int line = yaml.lines().toList().indexOf("  hiden_size: 8") + 1;
    assertTrue(line > 0, yaml);
    return Map.entry(write(dir.resolve("tiny.yaml"), yaml), line);
  }

  @Test
  void misspeltConfigFieldIsRejectedNamingTheFieldAndLeavesAnExistingModelUntouched(@TempDir Path dir)
      throws IOException {
    rejectedLeavingModelUntouched(misspeltFieldRun(dir).getKey(), dir, "tiny.yaml:",
        "unknown field \"hiden_size\" in model", "expected one of [", "hidden_size");
  }

  @Test
  void misspeltConfigFieldIsRejectedNamingTheLineItIsOn(@TempDir Path dir) throws IOException {
    Map.Entry<Path, Integer> run = misspeltFieldRun(dir);
    assertContainsAll(rejected(run.getKey(), dir), "tiny.yaml:" + run.getValue() + ":", "unknown field \"hiden_size\"");
  }

  @Test
  void missingDataFileIsRejectedNamingThePath(@TempDir Path dir) throws IOException {
    Path config = write(dir.resolve("tiny.yaml"), wideCsvConfig("no-such.csv", TINY_MODEL, TWO_EPOCHS));
    assertContainsAll(rejected(config, dir), "not found", dir.resolve("no-such.csv").toString());
  }

  @Test
  void missingDataFileSaysItWasLookedForRelativeToTheConfigFolder(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectories(dir.resolve("examples"));
    Path config = write(sub.resolve("tiny.yaml"), wideCsvConfig("data/x.csv", TINY_MODEL, TWO_EPOCHS));
    assertContainsAll(rejected(config, dir), "data.train: file not found: looked for "
        + sub.resolve("data/x.csv").toAbsolutePath() + ", relative to " + sub.toAbsolutePath() + "/ (the config file's folder)");
  }

  @Test
  void missingDataFileLeavesAnExistingModelUntouched(@TempDir Path dir) throws IOException {
    Path config = write(dir.resolve("tiny.yaml"), wideCsvConfig("no-such.csv", TINY_MODEL, TWO_EPOCHS));
    rejectedLeavingModelUntouched(config, dir, "not found", dir.resolve("no-such.csv").toString());
  }

  @Test
  void unknownTaskIsRejectedNamingConfigLineAndTheKnownTasks(@TempDir Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "data.csv");
    String yaml = wideCsvConfig("data.csv", TINY_MODEL, TWO_EPOCHS).replace("task: classification", "task: translation");
    Path config = write(dir.resolve("tiny.yaml"), yaml);
    rejectedLeavingModelUntouched(config, dir, "tiny.yaml:", "unknown task 'translation'",
        "expected one of [classification, multilabel, regression, forecast, tagging, language_model, hf-onset, next-visit, deid, seq2seq, medication]");
  }
}
