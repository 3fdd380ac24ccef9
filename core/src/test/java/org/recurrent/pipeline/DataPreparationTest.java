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
}
