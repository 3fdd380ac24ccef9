package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;
import org.recurrent.models.ModelDirectory;

/**
 * What a trained model reads from new files: its training format, the training class indices, labels detected in
 * JSON Lines, forecast windows (for prediction and for evaluation), unlabelled texts cut to max_length, and the
 * unscaler of forecast outputs. That the files' columns must be the model's is {@link ModelDataColumnsTest}'s.
 */
class ModelDataTest extends ModelDataFixtures {
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
}
