package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.pipeline.DataPreparationFixtures.config;
import static org.recurrent.pipeline.DataPreparationFixtures.ids;
import static org.recurrent.pipeline.DataPreparationFixtures.missing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.TrainConfig;

/**
 * {@link DataPreparation} on numeric sequences (wide and long CSV, JSON Lines) and forecasts: splits and scaling
 * fitted on the training part, separate validation and test files read with the training classes, forecast
 * targets and their names, and missing data files named with where they were looked for. Text and text corpora
 * are {@link TextPreparationTest}'s.
 */
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
