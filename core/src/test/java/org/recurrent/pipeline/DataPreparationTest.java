package org.recurrent.pipeline;

import org.recurrent.config.ConfigFiles;
import org.recurrent.config.TrainConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPreparationTest {

  /** 100 rows: id, three values, label; row i has values i, i+1, i+2 and label i % 2. */
  private static Path csv(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("id,a,b,c,label\n");
    for (int i = 0; i < 100; i++) sb.append("r").append(i).append(',').append(i).append(',').append(i + 1).append(',')
        .append(i + 2).append(',').append(i % 2).append('\n');
    Path f = dir.resolve("data.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  private static TrainConfig config(Path dir, String body) throws IOException {
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, body);
    return ConfigFiles.readTrainConfig(f);
  }

  @Test
  void ratioSplitHasExactSizesAndScalingIsFittedOnTrainingRecordsOnly(@TempDir Path dir) throws IOException {
    csv(dir);
    TrainConfig c = config(dir, """
        task: classification
        data:
          format: wide_csv
          train: data.csv
          options: {id_column: id, label_column: label}
          split: {method: chronological, train: 0.5, validation: 0.3}
          feature_scaling: minmax
        """);
    PreparedData d = DataPreparation.prepare(c, dir);
    assertEquals(50, d.train().size());
    assertEquals(30, d.validation().size());
    assertEquals(20, d.test().size());
    // training rows are r0..r49: values 0..51, so min 0 and max 51 map to 0 and 1; later rows go beyond 1
    assertEquals(0f, d.train().get(0).x()[0]);
    assertEquals(1f, d.train().get(49).x()[2], 1e-6f);
    assertEquals(99f / 51f, d.test().get(19).x()[0], 1e-5f);
    assertEquals(java.util.List.of("0", "1"), d.classes());
  }

  @Test
  void aTaskThatDoesNotFitTheTargetsIsRefused(@TempDir Path dir) throws IOException {
    csv(dir);
    TrainConfig c = config(dir, """
        task: tagging
        data:
          format: wide_csv
          train: data.csv
          options: {id_column: id, label_column: label}
        """);
    PreparedData data = DataPreparation.prepare(c, dir);
    var e = assertThrows(IllegalArgumentException.class,
        () -> c.parsedTask().checkTargets(data.targetKind(), c.data().format()));
    assertEquals("task tagging needs one class label per time step (per_step_labels / target: per_step_class), but "
        + "the data have class targets", e.getMessage());
  }

  @Test
  void unknownReaderOptionIsNamed(@TempDir Path dir) throws IOException {
    csv(dir);
    TrainConfig c = config(dir, """
        task: classification
        data:
          format: wide_csv
          train: data.csv
          options: {id_col: id}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(c, dir));
    assertEquals(true, e.getMessage().startsWith("data.options: unknown field \"id_col\""), e.getMessage());
  }

  @Test
  void separateValidationFileUsesTheTrainingClasses(@TempDir Path dir) throws IOException {
    csv(dir);
    Files.writeString(dir.resolve("val.csv"), "id,a,b,c,label\nv1,1,2,3,1\nv2,1,2,3,7\n");
    TrainConfig c = config(dir, """
        task: classification
        data:
          format: wide_csv
          train: data.csv
          validation: val.csv
          options: {id_column: id, label_column: label}
        """);
    var e = assertThrows(IOException.class, () -> DataPreparation.prepare(c, dir));
    assertEquals(true, e.getMessage().startsWith(dir.resolve("val.csv") + ":3: "), e.getMessage());
  }

  /** Forecast metrics read {@code labels().toDataUnits()}: it must map the scaled targets back to the data. */
  @Test
  void forecastLabelsMapScaledTargetsBackToDataUnits(@TempDir Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("day,value\n");
    for (int t = 0; t < 60; t++) sb.append("d").append(t).append(',').append(100 + 7 * (t % 9)).append('\n');
    java.nio.file.Files.writeString(dir.resolve("s.csv"), sb.toString());
    TrainConfig c = config(dir, """
        task: forecast
        data:
          format: timeseries_csv
          train: s.csv
          options: {time_column: day, lags: 5, horizon: 2}
        """);
    PreparedData data = DataPreparation.prepare(c, dir);
    var windows = data.part(PreparedData.Part.TEST).windows();
    assertTrue(!windows.isEmpty());
    for (var w : windows) {
      float[] back = data.labels().toDataUnits().apply(w.example().y());
      assertArrayEquals(w.actual(), back, 1e-3f, "window ending at row " + w.lastInputRow());
      assertTrue(w.example().y()[0] <= 1.5f, "targets are trained on the scaled values");
    }
  }
  // ---- text classification ----------------------------------------------------------------------------------

  /** Ten labelled lines {@code word<i> common<TAB>pos|neg} (line i, 1-based: pos when i is odd). */
  private static void texts(Path dir, String name, int n) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) sb.append("word").append(i).append(" common\t").append(i % 2 == 1 ? "pos" : "neg").append('\n');
    Files.writeString(dir.resolve(name), sb.toString());
  }

  private static List<String> ids(List<org.recurrent.data.SequenceExample> examples) {
    return examples.stream().map(org.recurrent.data.SequenceExample::id).toList();
  }

  @Test
  void textSplitsChronologicallyInLineOrder(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 10);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: chronological, train: 0.6, validation: 0.2}
        """), dir);
    // 10 lines: [0, 6) train, [6, 8) validation, [8, 10) test
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), ids(d.train()));
    assertEquals(List.of("7", "8"), ids(d.validation()));
    assertEquals(List.of("9", "10"), ids(d.test()));
    assertEquals(List.of("neg", "pos"), d.classes());
    // the vocabulary is fitted on the training lines only: word7 is unknown
    assertTrue(d.vocabulary().contains("word6"));
    assertTrue(!d.vocabulary().contains("word7"));
  }

  @Test
  void textIdModuloSplitsByZeroBasedLineNumber(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 23);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: id_modulo, modulus: 10, validation_residues: [8], test_residues: [9]}
        """), dir);
    // ids are 1-based line numbers; the split's id is the 0-based one: lines 9 and 19 (i = 8, 18) validation,
    // lines 10 and 20 (i = 9, 19) test, the rest (including 21..23) train
    assertEquals(List.of("9", "19"), ids(d.validation()));
    assertEquals(List.of("10", "20"), ids(d.test()));
    assertEquals(19, d.train().size());
    assertTrue(ids(d.train()).containsAll(List.of("1", "8", "11", "21", "23")), ids(d.train()).toString());
  }

  @Test
  void aListOfTextFilesIsOneTrainingSetSplitByEachFilesOwnLineNumbers(@TempDir Path dir) throws IOException {
    texts(dir, "a.txt", 13);
    texts(dir, "b.txt", 20);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: [a.txt, b.txt]
          split: {method: id_modulo, modulus: 10, validation_residues: [8], test_residues: [9]}
        """), dir);
    // each file's own 0-based line i: i = 8 (a.txt), 8 and 18 (b.txt) validation; i = 9, 9 and 19 test. Counted
    // over the concatenation instead, b.txt's line j would be i = 12 + j: validation at b.txt:6 and b.txt:16
    assertEquals(List.of("a.txt:9", "b.txt:9", "b.txt:19"), sources(d.validation()));
    assertEquals(List.of("a.txt:10", "b.txt:10", "b.txt:20"), sources(d.test()));
    assertEquals(13 + 20 - 6, d.train().size());
    assertEquals(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")), d.files().subList(0, 2));
  }

  @Test
  void aListOfTrainingFilesIsForTextOnlyAndEachMustExist(@TempDir Path dir) throws IOException {
    texts(dir, "a.txt", 10);
    var e = assertThrows(IOException.class, () -> config(dir, """
        task: classification
        data: {format: wide_csv, train: [a.csv, b.csv]}
        """));
    assertTrue(e.getMessage().contains("data.train lists 2 files, but data.format wide_csv reads one; a list of files "
        + "(pooled sources) is for data.format text"), e.getMessage());
    assertEquals("data.train: file not found: " + dir.resolve("none.txt"), missing(config(dir, """
        task: classification
        data: {format: text, train: [a.txt, %s]}
        """.formatted(dir.resolve("none.txt"))), dir));
  }

  private static List<String> sources(List<org.recurrent.data.SequenceExample> examples) {
    return examples.stream().map(e -> Path.of(e.source()).getFileName().toString()).toList();
  }

  @Test
  void textRatioSplitShufflesEveryLineIntoOnePart(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 10);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: ratio, train: 0.6, validation: 0.2, seed: 1}
        """), dir);
    assertEquals(6, d.train().size());
    assertEquals(2, d.validation().size());
    assertEquals(2, d.test().size());
    java.util.Set<String> all = new java.util.TreeSet<>(ids(d.train()));
    all.addAll(ids(d.validation()));
    all.addAll(ids(d.test()));
    assertEquals(10, all.size());
    assertTrue(!ids(d.train()).equals(List.of("1", "2", "3", "4", "5", "6")), "shuffled: " + ids(d.train()));
  }

  @Test
  void textColumnSplitIsRefused(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 4);
    Files.writeString(dir.resolve("split.csv"), "id,split\n1,train\n");
    TrainConfig c = config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: column, file: split.csv}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(c, dir));
    assertEquals("data.split.method column is not available for text; give data.validation / data.test files or use "
        + "ratio", e.getMessage());
  }

  @Test
  void textValidationAndTestFilesAreTheirParts(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 6);
    texts(dir, "v.txt", 3);
    texts(dir, "e.txt", 2);
    PreparedData onlyValidation = DataPreparation.prepare(config(dir, """
        task: classification
        data: {format: text, train: t.txt, validation: v.txt}
        """), dir);
    assertEquals(6, onlyValidation.train().size(), "the whole training file");
    assertEquals(3, onlyValidation.validation().size());
    assertEquals(0, onlyValidation.test().size());
    assertEquals(List.of(dir.resolve("t.txt"), dir.resolve("v.txt")), onlyValidation.files());
    PreparedData onlyTest = DataPreparation.prepare(config(dir, """
        task: classification
        data: {format: text, train: t.txt, test: e.txt}
        """), dir);
    assertEquals(6, onlyTest.train().size());
    assertEquals(0, onlyTest.validation().size());
    assertEquals(2, onlyTest.test().size());
    assertEquals(List.of(dir.resolve("t.txt"), dir.resolve("e.txt")), onlyTest.files());
  }

  // ---- numeric sequences with files ----------------------------------------------------------------------

  @Test
  void separateTestFileIsReadWithTheTrainingClasses(@TempDir Path dir) throws IOException {
    csv(dir);
    Files.writeString(dir.resolve("test.csv"), "id,a,b,c,label\nt1,1,2,3,1\nt2,4,5,6,0\nt3,7,8,9,1\n");
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: wide_csv
          train: data.csv
          test: test.csv
          options: {id_column: id, label_column: label}
        """), dir);
    assertEquals(100, d.train().size());
    assertEquals(0, d.validation().size());
    assertEquals(List.of("t1", "t2", "t3"), ids(d.test()));
  }

  @Test
  void longCsvAndJsonlValidationFilesMustUseTheTrainingClasses(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("l.csv"), "id,t,a,label\ns1,0,1,x\ns1,1,2,x\ns2,0,3,y\ns2,1,4,y\n");
    Files.writeString(dir.resolve("lv.csv"), "id,t,a,label\nv1,0,1,x\nv2,0,1,z\n");
    TrainConfig longCsv = config(dir, """
        task: classification
        data:
          format: long_csv
          train: l.csv
          validation: lv.csv
          options: {id_column: id, time_column: t, label_column: label}
        """);
    var e = assertThrows(IOException.class, () -> DataPreparation.prepare(longCsv, dir));
    assertTrue(e.getMessage().startsWith(dir.resolve("lv.csv") + ":3: "), e.getMessage());
    assertTrue(e.getMessage().contains("z"), e.getMessage());
    Files.writeString(dir.resolve("j.jsonl"), "{\"x\": [[1], [2]], \"y\": \"x\"}\n{\"x\": [[3]], \"y\": \"y\"}\n");
    Files.writeString(dir.resolve("jv.jsonl"), "{\"x\": [[1]], \"y\": \"x\"}\n{\"x\": [[1]], \"y\": \"z\"}\n");
    TrainConfig jsonl = config(dir, """
        task: classification
        data: {format: jsonl, train: j.jsonl, validation: jv.jsonl}
        """);
    e = assertThrows(IOException.class, () -> DataPreparation.prepare(jsonl, dir));
    assertTrue(e.getMessage().startsWith(dir.resolve("jv.jsonl") + ":2"), e.getMessage());
  }

  // ---- language model over one text ------------------------------------------------------------------------

  @Test
  void corpusIsCutIntoContiguousPartsByCharacterFractions(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("c.txt"), "abcdefghij");
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: language_model
        data:
          format: text_corpus
          train: c.txt
          split: {train: 0.5, validation: 0.3}
        """), dir);
    // 10 characters: train [0, 5) = abcde, validation [5, floor(10 * 0.8)) = fgh, test ij
    assertArrayEquals(d.vocabulary().encode("abcde"), d.corpusTrain());
    assertEquals(5, d.corpusTrain().length);
    assertEquals(3, d.corpusValidation().length);
    assertEquals(2, d.corpusTest().length);
    int unk = d.vocabulary().encode("z")[0];
    assertArrayEquals(new int[] {unk, unk, unk}, d.corpusValidation(), "f, g, h are not in the training part");
  }

  @Test
  void corpusValidationAndTestFilesAreTheirParts(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("c.txt"), "abcab");
    Files.writeString(dir.resolve("v.txt"), "cab");
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: language_model
        data: {format: text_corpus, train: c.txt, validation: v.txt}
        """), dir);
    assertArrayEquals(d.vocabulary().encode("abcab"), d.corpusTrain(), "the whole training file");
    assertArrayEquals(d.vocabulary().encode("cab"), d.corpusValidation());
    assertEquals(0, d.corpusTest().length);
  }

  @Test
  void corpusNeedsTwoTrainingTokens(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("two.txt"), "ab");
    Files.writeString(dir.resolve("one.txt"), "a");
    Files.writeString(dir.resolve("v.txt"), "ab");
    PreparedData two = DataPreparation.prepare(config(dir, """
        task: language_model
        data: {format: text_corpus, train: two.txt, validation: v.txt}
        """), dir);
    assertEquals(2, two.corpusTrain().length);
    TrainConfig one = config(dir, """
        task: language_model
        data: {format: text_corpus, train: one.txt, validation: v.txt}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(one, dir));
    assertEquals(dir.resolve("one.txt") + ": the training text has fewer than 2 tokens", e.getMessage());
  }

  // ---- forecasting ---------------------------------------------------------------------------------------

  private static void series(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("day,a,b\n");
    for (int t = 0; t < 40; t++) sb.append(t).append(',').append(t % 5).append(',').append(t % 3).append('\n');
    Files.writeString(dir.resolve("s.csv"), sb.toString());
  }

  @Test
  void multiStepForecastNamesEveryStepsTargetsAndCanReadTheTargetsOnly(@TempDir Path dir) throws IOException {
    series(dir);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: forecast
        data:
          format: timeseries_csv
          train: s.csv
          options: {time_column: day, lags: 3, horizon: 2, mode: multi, targets: [b], target_inputs_only: true}
        """), dir);
    assertEquals(List.of("b@t+1", "b@t+2"), d.targetNames());
    assertEquals(List.of("b"), d.featureNames());
    assertEquals(1, d.features());
    assertEquals(2, d.targetWidth());
    assertArrayEquals(new int[] {1}, d.targetColumns());
  }

  @Test
  void singleStepForecastNamesTheHorizonAndReadsEveryColumn(@TempDir Path dir) throws IOException {
    series(dir);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: forecast
        data:
          format: timeseries_csv
          train: s.csv
          options: {time_column: day, lags: 3, horizon: 3, targets: []}
        """), dir);
    assertEquals(List.of("a@t+3"), d.targetNames(), "no targets: the first value column");
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(List.of("a", "b"), d.seriesColumns());
    assertEquals(1, d.targetWidth());
  }

  @Test
  void forecastRefusesValidationFiles(@TempDir Path dir) throws IOException {
    series(dir);
    TrainConfig c = config(dir, """
        task: forecast
        data: {format: timeseries_csv, train: s.csv, validation: s.csv, options: {time_column: day, lags: 3}}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(c, dir));
    assertEquals("timeseries_csv splits one series by time: set data.split.train / data.split.validation fractions "
        + "instead of data.validation / data.test files", e.getMessage());
  }
  // ---- missing files ---------------------------------------------------------------------------------------

  private static String missing(TrainConfig c, Path baseDir) {
    return assertThrows(java.io.FileNotFoundException.class, () -> DataPreparation.prepare(c, baseDir)).getMessage();
  }

  @Test
  void missingFilesNameTheFieldAndWhereTheyWereLookedFor(@TempDir Path dir) throws IOException {
    csv(dir);
    Path folder = Files.createDirectories(dir.resolve("folder"));
    String shown = dir.toAbsolutePath().normalize() + "/";                      // outside the working directory
    assertEquals("data.train: file not found: looked for " + dir.resolve("none.csv") + ", relative to " + shown
        + " (the config file's folder)", missing(config(dir, """
        task: classification
        data: {format: wide_csv, train: none.csv}
        """), dir));
    assertEquals("data.validation: file not found: " + dir.resolve("v.csv"), missing(config(dir, """
        task: classification
        data: {format: wide_csv, train: data.csv, validation: %s}
        """.formatted(dir.resolve("v.csv"))), dir));
    assertEquals("data.test: " + folder + " is a folder, not a data file", missing(config(dir, """
        task: classification
        data: {format: wide_csv, train: data.csv, test: folder}
        """), dir));
    assertEquals("data.split.file: file not found: looked for " + dir.resolve("split.csv") + ", relative to " + shown
        + " (the config file's folder)", missing(config(dir, """
        task: classification
        data: {format: wide_csv, train: data.csv, split: {method: column, file: split.csv}}
        """), dir));
  }

  @Test
  void foldersInsideTheWorkingDirectoryAreShownRelativeToIt(@TempDir Path dir) throws IOException {
    TrainConfig c = config(dir, """
        task: classification
        data: {format: wide_csv, train: none.csv}
        """);
    assertEquals("data.train: file not found: looked for none.csv, relative to ./ (the config file's folder)",
        missing(c, Path.of("")));
    assertEquals("data.train: file not found: looked for " + Path.of("no-such-folder", "none.csv") + ", relative to "
        + "no-such-folder/ (the config file's folder)", missing(c, Path.of("no-such-folder")));
  }
}
