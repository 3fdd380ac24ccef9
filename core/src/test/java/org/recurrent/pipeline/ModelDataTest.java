package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

/**
 * New files given to a trained model must have the columns it was trained on: every way a column can be extra,
 * missing, renamed, moved or a leftover label is an error naming the file and line, never another input.
 *
 * <p>Models (one epoch each, trained once): a wide CSV {@code id,v1..v6,y} (T = 6, F = 1), the same without a
 * header ({@code 1} = id, {@code 2..7} values, {@code 8} label), a long CSV {@code id,time,a,b,label}, JSON Lines
 * with F = 2 and a forecaster over {@code day,a,b}.
 */
class ModelDataTest {
  static final int STEPS = 6;
  @TempDir static Path shared;
  static Path wide, headerless, longCsv, jsonl, forecast, text;

  @BeforeAll
  static void trainModels() throws IOException {
    wide = train("wide", wideLines(40, true, true), """
        format: wide_csv
        options: {id_column: id, label_column: y}
        feature_scaling: zscore""");
    headerless = train("headerless", wideLines(40, true, false), """
        format: wide_csv
        options: {header: false, id_column: "1", label_column: "8"}""");
    longCsv = train("long", longLines(), """
        format: long_csv
        options: {id_column: id, time_column: time, label_column: label}""");
    jsonl = train("jsonl", jsonLines(30, 2), """
        format: jsonl""");
    List<String> series = new ArrayList<>(List.of("day,a,b"));
    for (int t = 0; t < 80; t++) series.add(t + "," + Math.sin(t / 5.0) + "," + Math.cos(t / 7.0));
    forecast = train("forecast", series, """
        format: timeseries_csv
        options: {time_column: day, lags: 4}
        split: {method: chronological, train: 0.8, validation: 0.1}""", "forecast");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20; i++) texts.add("alpha beta gamma delta epsilon\t" + (i % 2 == 0 ? "pos" : "neg"));
    text = train("text", texts, """
        format: text
        options: {max_length: 3}""");
  }

  private static Path train(String name, List<String> data, String dataSection) throws IOException {
    return train(name, data, dataSection, "classification");
  }

  private static Path train(String name, List<String> data, String dataSection, String task) throws IOException {
    Path dir = Files.createDirectories(shared.resolve(name));
    write(dir.resolve("train.csv"), data);
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, """
        seed: 3
        task: %s
        data:
          train: train.csv
        %s
        model: {cell: gru, hidden_size: 4}
        training: {epochs: 1, batch_size: 16, optimizer: {name: adam, lr: 0.01}}
        """.formatted(task, dataSection.indent(2).stripTrailing()));
    Path out = dir.resolve("model");
    TrainingRun.run(config, new TrainingRun.Options(out, false, false, null, Progress.quiet()));
    return out;
  }

  /** {@code id,v1..v6[,y]} (with {@code header}) and {@code rows} rows; y is 1 when the values sum above 0. */
  static List<String> wideLines(int rows, boolean labelled, boolean header) {
    Random r = new Random(5);
    List<String> lines = new ArrayList<>();
    if (header) {
      StringBuilder h = new StringBuilder("id");
      for (int t = 1; t <= STEPS; t++) h.append(",v").append(t);
      lines.add(h + (labelled ? ",y" : ""));
    }
    for (int i = 0; i < rows; i++) {
      StringBuilder row = new StringBuilder("r" + i);
      double sum = 0;
      for (int t = 0; t < STEPS; t++) {
        double v = r.nextGaussian();
        sum += v;
        row.append(String.format(Locale.ROOT, ",%.4f", v));
      }
      lines.add(row + (labelled ? (sum > 0 ? ",1" : ",0") : ""));                  // numeric, like EEG's y
    }
    return lines;
  }

  static List<String> longLines() {
    Random r = new Random(6);
    List<String> lines = new ArrayList<>(List.of("id,time,a,b,label"));
    for (int s = 0; s < 30; s++) {
      for (int t = 0; t < 4; t++) {
        lines.add(String.format(Locale.ROOT, "s%d,%d,%.3f,%.3f,%s", s, t, r.nextGaussian(), r.nextGaussian(),
            s % 2 == 0 ? "even" : "odd"));
      }
    }
    return lines;
  }

  /** {@code {"id": "j<i>", "x": [[..F..], [..F..], [..F..]], "y": "0" | "1"}} per line. */
  static List<String> jsonLines(int records, int features) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      List<String> steps = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        List<String> v = new ArrayList<>();
        for (int f = 0; f < features; f++) v.add(Integer.toString((i * 7 + t * 3 + f) % 5));
        steps.add("[" + String.join(", ", v) + "]");
      }
      lines.add("{\"id\": \"j" + i + "\", \"x\": [" + String.join(", ", steps) + "], \"y\": \"" + i % 2 + "\"}");
    }
    return lines;
  }

  static Path write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  /** {@code lines} with {@code edit} applied to every line (the header included). */
  static List<String> edited(List<String> lines, UnaryOperator<String> edit) {
    return lines.stream().map(edit).toList();
  }

  static ModelData.Records read(Path model, Path file, String labels) throws IOException {
    return new ModelData(ModelDirectory.read(model)).read(file, labels);
  }

  /** The error for reading {@code lines} as new.csv, without the file name in front. */
  static String rejection(Path model, Path dir, List<String> lines, String labels) throws IOException {
    return rejectionOf(model, dir.resolve("new.csv"), lines, labels);
  }

  /** The error for reading {@code lines} written to {@code file}, without the file name in front. */
  static String rejectionOf(Path model, Path file, List<String> lines, String labels) throws IOException {
    write(file, lines);
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(model, file, labels));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    return e.getMessage().substring(file.toString().length());
  }

  // ---- what a model records ----------------------------------------------------------------------------------

  @Test
  void wideCsvModelRecordsEveryFeatureColumnInOrder() throws IOException {
    assertEquals(List.of("v1", "v2", "v3", "v4", "v5", "v6"), ModelDirectory.readManifest(wide).featureNames());
    assertEquals(List.of("2", "3", "4", "5", "6", "7"), ModelDirectory.readManifest(headerless).featureNames());
    assertEquals(1, ModelDirectory.readManifest(wide).model().path("input_size").asInt(), "F stays 1: one feature per step");
  }

  // ---- wide CSV: the label column ----------------------------------------------------------------------------

  @Test
  void labelColumnWithLabelsNoIsRejectedInsteadOfReadAsOneMoreStep(@TempDir Path dir) throws IOException {
    assertEquals(":1: expected no label column with --labels no, found the label column \"y\" (column 8); its values "
        + "would be read as features: use --labels auto or yes, or remove the column",
        rejection(wide, dir, wideLines(5, true, true), "no"));
  }

  @Test
  void labelColumnIsReadAsLabelsWithYesAndAutoAndTheInputsAreTheUnlabelledFilesInputs(@TempDir Path dir)
      throws IOException {
    Path labelled = write(dir.resolve("labelled.csv"), wideLines(5, true, true));
    Path unlabelled = write(dir.resolve("unlabelled.csv"), wideLines(5, false, true));
    ModelData.Records none = read(wide, unlabelled, "no");
    assertFalse(none.labelled());
    assertFalse(read(wide, unlabelled, "auto").labelled());
    for (String labels : List.of("yes", "auto")) {
      ModelData.Records r = read(wide, labelled, labels);
      assertTrue(r.labelled(), labels);
      for (int i = 0; i < 5; i++) {
        SequenceExample e = r.examples().get(i);
        assertEquals(STEPS, e.length(), labels + ": the label is not a step");
        assertArrayEquals(none.examples().get(i).x(), e.x(), labels + " record " + i);
      }
    }
  }

  // ---- wide CSV with a header: columns by name ---------------------------------------------------------------

  @Test
  void extraColumnIsRejectedNamingIt(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, false, true), l -> l + (l.startsWith("id") ? ",notes" : ",0"));
    assertEquals(":1: expected the model's 6 feature columns [v1, v2, v3, v4, v5, v6], found 7 [v1, v2, v3, ..., v6, "
        + "notes]: column \"notes\" (column 8 of the file) is not one of them", rejection(wide, dir, lines, "auto"));
  }

  @Test
  void extraColumnBeforeTheLabelIsRejectedWithLabelsToo(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, true, true),
        l -> l.substring(0, l.lastIndexOf(',')) + (l.startsWith("id") ? ",v7" : ",1.5") + l.substring(l.lastIndexOf(',')));
    assertEquals(":1: expected the model's 6 feature columns [v1, v2, v3, v4, v5, v6], found 7 [v1, v2, v3, ..., v6, v7]: "
        + "column \"v7\" (column 8 of the file) is not one of them", rejection(wide, dir, lines, "yes"));
  }

  @Test
  void extraColumnBetweenTheFeaturesIsRejectedNamingIt(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, false, true), l -> {
      int comma = l.indexOf(',', l.indexOf(',') + 1);                     // after id and v1
      return l.substring(0, comma) + (l.startsWith("id") ? ",notes" : ",0") + l.substring(comma);
    });
    assertEquals(":1: expected the model's 6 feature columns [v1, v2, v3, v4, v5, v6], found 7 [v1, notes, v2, ..., v5, "
        + "v6]: column \"notes\" (column 3 of the file) is not one of them", rejection(wide, dir, lines, "auto"));
  }

  @Test
  void missingColumnIsRejectedNamingIt(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, false, true), l -> l.substring(0, l.lastIndexOf(',')));
    assertEquals(":1: expected the model's 6 feature columns [v1, v2, v3, v4, v5, v6], found 5 [v1, v2, v3, v4, v5]: "
        + "the model's column \"v6\" is missing", rejection(wide, dir, lines, "auto"));
  }

  @Test
  void renamedColumnIsRejectedNamingBothNames(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, false, true), l -> l.replace(",v3,", ",V3,"));
    assertEquals(":1: expected the model's 6 feature columns [v1, v2, v3, v4, v5, v6], found 6 [v1, v2, V3, v4, v5, v6]: "
        + "the model's column \"v3\" is missing; the file has \"V3\" in its place (column 4): was it renamed?",
        rejection(wide, dir, lines, "no"));
  }

  @Test
  void reorderedColumnsAreRejected(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, false, true), l -> {
      String[] c = l.split(",");
      String t = c[2];
      c[2] = c[3];
      c[3] = t;
      return String.join(",", c);
    });
    assertEquals(":1: expected the model's 6 feature columns [v1, v2, v3, v4, v5, v6], found 6 [v1, v3, v2, v4, v5, v6]: "
        + "the columns are in another order: column 3 of the file is \"v3\" where the model's has \"v2\"",
        rejection(wide, dir, lines, "auto"));
  }

  @Test
  void modelThatNamesOnlyTheFirstStepStillReadsItsFilesAndRejectsALeftoverLabel(@TempDir Path dir)
      throws IOException {
    Path old = dir.resolve("old-model");
    copy(wide, old);
    Path config = old.resolve(ModelDirectory.CONFIG);
    ObjectNode manifest = (ObjectNode) ModelDirectory.JSON.readTree(config.toFile());
    manifest.putArray("feature_names").add("v1");                        // as models were written before
    ModelDirectory.writeJson(config, manifest);
    Path unlabelled = write(dir.resolve("unlabelled.csv"), wideLines(5, false, true));
    assertEquals(5, read(old, unlabelled, "no").examples().size());
    assertEquals(":1: expected no label column with --labels no, found the label column \"y\" (column 8); its values "
        + "would be read as features: use --labels auto or yes, or remove the column",
        rejection(old, dir, wideLines(5, true, true), "no"));
    List<String> renamed = edited(wideLines(5, false, true), l -> l.replace(",v1,", ",w1,"));
    assertEquals(":1: expected the model's 1 feature columns [v1], found 1 [w1]: the model's column \"v1\" is missing; "
        + "the file has \"w1\" in its place (column 2): was it renamed?", rejection(old, dir, renamed, "no"));
  }

  // ---- wide CSV without a header: columns by position --------------------------------------------------------

  @Test
  void headerlessLineWithOneValueTooManyIsRejected(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, true, false), l -> l + ",0.5");
    assertEquals(":1: expected the model's 6 feature values per line, in columns [2, 3, 4, 5, 6, 7], found 7 in columns "
        + "[2, 3, 4, ..., 7, 9]: 1 value too many; a file without a header must have exactly the training files' columns",
        rejection(headerless, dir, lines, "yes"));
  }

  @Test
  void headerlessUnlabelledLineWithOneValueTooManyIsRejectedWithLabelsNo(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, false, false), l -> l + ",0.5");
    assertEquals(":1: expected no label column with --labels no, found 8 columns, and column 8 is the label in the "
        + "model's layout (label_column \"8\"); its values would be read as features: use --labels auto or yes, or "
        + "remove the column", rejection(headerless, dir, lines, "no"));
  }

  @Test
  void headerlessFileWithOneValueTooFewIsRejected(@TempDir Path dir) throws IOException {
    List<String> lines = edited(wideLines(5, false, false), l -> l.substring(0, l.lastIndexOf(',')));
    assertEquals(":1: expected the model's 6 feature values per line, in columns [2, 3, 4, 5, 6, 7], found 5 in columns "
        + "[2, 3, 4, 5, 6]: 1 value too few; a file without a header must have exactly the training files' columns",
        rejection(headerless, dir, lines, "auto"));
  }

  @Test
  void headerlessFilesOfTheTrainingLayoutAreRead(@TempDir Path dir) throws IOException {
    Path labelled = write(dir.resolve("labelled.csv"), wideLines(5, true, false));
    Path unlabelled = write(dir.resolve("unlabelled.csv"), wideLines(5, false, false));
    assertTrue(read(headerless, labelled, "auto").labelled());
    ModelData.Records r = read(headerless, unlabelled, "auto");
    assertFalse(r.labelled());
    assertEquals(STEPS, r.examples().get(0).length());
  }

  // ---- long CSV and forecasts --------------------------------------------------------------------------------

  @Test
  void longCsvFeatureColumnsMustBeTheModels(@TempDir Path dir) throws IOException {
    List<String> swapped = edited(longLines(), l -> {
      String[] c = l.split(",");
      return String.join(",", c[0], c[1], c[3], c[2], c[4]);
    });
    assertEquals(":1: expected the model's 2 feature columns [a, b], found 2 [b, a]: the columns are in another order: "
        + "column 3 of the file is \"b\" where the model's has \"a\"", rejection(longCsv, dir, swapped, "yes"));
    List<String> unlabelled = edited(longLines(), l -> l.substring(0, l.lastIndexOf(',')));
    assertEquals(":1: expected no label column with --labels no, found the label column \"label\" (column 5); its "
        + "values would be read as features: use --labels auto or yes, or remove the column",
        rejection(longCsv, dir, longLines(), "no"));
    assertEquals(30, read(longCsv, write(dir.resolve("ok.csv"), unlabelled), "no").examples().size());
  }

  @Test
  void jsonRecordsWithAnotherFeatureCountAreRejectedNamingTheLine(@TempDir Path dir) throws IOException {
    assertEquals(":1: expected 2 values per step as the model was trained on (x0, x1), found 3",
        rejectionOf(jsonl, dir.resolve("new.jsonl"), jsonLines(3, 3), "auto"));
  }

  @Test
  void forecastSeriesColumnsMustBeTheModels(@TempDir Path dir) throws IOException {
    List<String> series = new ArrayList<>(List.of("day,b,a"));
    for (int t = 0; t < 10; t++) series.add(t + "," + Math.cos(t / 7.0) + "," + Math.sin(t / 5.0));
    for (String labels : List.of("yes", "no")) {
      assertEquals(":1: expected the model's 2 series columns [a, b], found 2 [b, a]: the columns are in another order: "
          + "column 2 of the file is \"b\" where the model's has \"a\"", rejection(forecast, dir, series, labels));
    }
  }

  // ---- what a model reads: formats, labels, windows ----------------------------------------------------------

  @Test
  void formatIsTheTrainingDatasFormat() throws IOException {
    assertEquals("wide_csv", new ModelData(ModelDirectory.read(wide)).format());
    assertEquals("timeseries_csv", new ModelData(ModelDirectory.read(forecast)).format());
  }

  /** Labels are the training classes' indices, even when the new file holds only one of the classes. */
  @Test
  void labelsAreTheTrainingClassIndicesNotRefittedOnTheNewFile(@TempDir Path dir) throws IOException {
    List<String> onlyOnes = wideLines(40, true, true).stream().filter(l -> l.startsWith("id") || l.endsWith(",1")).toList();
    ModelData.Records r = read(wide, write(dir.resolve("ones.csv"), onlyOnes), "yes");
    assertTrue(r.labelled());
    for (SequenceExample e : r.examples()) assertEquals(1f, e.y()[0], e.id() + ": class \"1\" is index 1 of [0, 1]");
  }

  @Test
  void jsonLinesHaveLabelsWhenTheFirstLineHasTheLabelField(@TempDir Path dir) throws IOException {
    Path labelled = write(dir.resolve("l.jsonl"), jsonLines(3, 2));
    Path unlabelled = write(dir.resolve("u.jsonl"), edited(jsonLines(3, 2), l -> l.replaceAll(", \"y\": \"[01]\"", "")));
    assertTrue(read(jsonl, labelled, "auto").labelled());
    assertFalse(read(jsonl, unlabelled, "auto").labelled());
    assertFalse(read(jsonl, labelled, "no").labelled(), "no: the label field is ignored");
    assertEquals(3, read(jsonl, labelled, "no").examples().size());
    assertTrue(read(jsonl, labelled, "yes").labelled());
  }

  /** Prediction inputs: the window of the L = 4 rows ending at every row from the 4th on, ids the windows' days. */
  @Test
  void forecastInputsAreTheWindowEndingAtEveryRowFromTheLthOn(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(List.of("day,a,b"));
    float[][] values = new float[6][];
    for (int t = 0; t < 6; t++) {
      values[t] = new float[] {0.1f * t, 1f - 0.2f * t};
      lines.add((10 + t) + "," + values[t][0] + "," + values[t][1]);
    }
    ModelData data = new ModelData(ModelDirectory.read(forecast));
    ModelData.Records r = data.read(write(dir.resolve("new.csv"), lines), "no");
    assertFalse(r.labelled());
    // 6 rows, L = 4: windows end at rows 3, 4 and 5 (days 13, 14, 15); the last one forecasts beyond the file
    assertEquals(List.of("13", "14", "15"), r.examples().stream().map(SequenceExample::id).toList());
    var scaler = data.seriesScaler();
    for (int w = 0; w < 3; w++) {
      SequenceExample e = r.examples().get(w);
      assertEquals(4, e.length());
      float[] want = new float[8];                                         // (L, C): rows w..w+3, columns a, b
      for (int s = 0; s < 4; s++) for (int c = 0; c < 2; c++) want[s * 2 + c] = scaler.transform(c, values[w + s][c]);
      assertArrayEquals(want, e.x(), 1e-6f, "window " + w);
    }
  }

  @Test
  void forecastInputsNeedAtLeastLRows(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(List.of("day,a,b"));
    for (int t = 0; t < 4; t++) lines.add(t + "," + t + "," + t);
    assertEquals(1, read(forecast, write(dir.resolve("four.csv"), lines), "auto").examples().size(), "4 rows: one window");
    Path three = write(dir.resolve("three.csv"), lines.subList(0, 4));
    var e = assertThrows(IllegalArgumentException.class, () -> read(forecast, three, "auto"));
    assertEquals(three + ": 3 rows are fewer than the 4 lags the model reads; a forecast needs at least 4 rows",
        e.getMessage());
  }

  /** With targets (evaluation) a window needs L + h = 5 rows: 5 rows make one window, 4 none. */
  @Test
  void labelledSeriesNeedLagsPlusHorizonRowsForAWindow(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(List.of("day,a,b"));
    for (int t = 0; t < 5; t++) lines.add(t + "," + t + "," + t);
    ModelData.Records five = read(forecast, write(dir.resolve("five.csv"), lines), "yes");
    assertTrue(five.labelled());
    assertEquals(1, five.windows().size());
    assertEquals(1, five.examples().size());
    assertEquals(5, five.series().rows());
    assertEquals(0, read(forecast, write(dir.resolve("four.csv"), lines.subList(0, 5)), "yes").windows().size());
  }

  /** Unlabelled texts: every non-blank line, id its line number, cut to max_length = 3 tokens. */
  @Test
  void unlabelledTextsAreTheNonBlankLinesCutToMaxLength(@TempDir Path dir) throws IOException {
    Path file = write(dir.resolve("u.txt"), List.of("alpha beta gamma delta", "", "  beta gamma  ", "epsilon"));
    ModelData data = new ModelData(ModelDirectory.read(text));
    var vocabulary = data.vocabulary();
    for (String labels : List.of("no", "auto")) {
      ModelData.Records r = data.read(file, labels);
      assertFalse(r.labelled(), labels);
      assertEquals(List.of("1", "3", "4"), r.examples().stream().map(SequenceExample::id).toList(), labels);
      assertArrayEquals(vocabulary.encode("alpha beta gamma"), r.examples().get(0).tokenIds(), "cut to 3 tokens");
      assertArrayEquals(vocabulary.encode("beta gamma"), r.examples().get(1).tokenIds());
      assertEquals(file + ":3", r.examples().get(1).source());
    }
    var e = assertThrows(DataFormatException.class, () -> data.read(file, "yes"));
    assertTrue(e.getMessage().startsWith(file + ":1"), e.getMessage());
  }

  /** max_length 0 means every token (as in training), not a cut to none. */
  @Test
  void maxLengthZeroKeepsEveryToken(@TempDir Path dir) throws IOException {
    Path all = dir.resolve("all-model");
    copy(text, all);
    Path config = all.resolve(ModelDirectory.CONFIG);
    ObjectNode manifest = (ObjectNode) ModelDirectory.JSON.readTree(config.toFile());
    ((ObjectNode) manifest.path("data").path("options")).put("max_length", 0);
    ModelDirectory.writeJson(config, manifest);
    Path file = write(dir.resolve("u.txt"), List.of("alpha beta gamma delta"));
    ModelData data = new ModelData(ModelDirectory.read(all));
    assertArrayEquals(data.vocabulary().encode("alpha beta gamma delta"), data.read(file, "no").examples().get(0).tokenIds());
  }

  /** Output k is series column columns[k mod 2]: min-max ranges [0, 10] (column 0) and [0, 2] (column 1). */
  @Test
  void unscalerMapsEachOutputBackByItsColumnRepeatingPerStep() {
    var scaler = org.recurrent.data.timeseries.Scaler.fit(org.recurrent.data.timeseries.Scaler.Kind.MIN_MAX,
        new float[][] {{0f, 0f}, {10f, 2f}}, 0, 2);
    // targets b then a, two steps: (b, a, b, a)
    assertArrayEquals(new float[] {1f, 5f, 2f, 0f},
        ModelData.unscaler(scaler, new int[] {1, 0}).apply(new float[] {0.5f, 0.5f, 1f, 0f}), 1e-6f);
  }

  static void copy(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
