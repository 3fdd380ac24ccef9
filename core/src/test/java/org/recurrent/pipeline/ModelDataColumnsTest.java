package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.SequenceExample;
import org.recurrent.models.ModelDirectory;

/**
 * New files given to a trained model must have the columns it was trained on: every way a column can be extra,
 * missing, renamed, moved or a leftover label is an error naming the file and line, never another input (the
 * messages are {@link ColumnMismatch}'s).
 *
 * <p>The models and their files are {@link ModelDataFixtures}'s: a wide CSV {@code id,v1..v6,y} (T = 6, F = 1),
 * the same without a header ({@code 1} = id, {@code 2..7} values, {@code 8} label), a long CSV
 * {@code id,time,a,b,label}, JSON Lines with F = 2 and a forecaster over {@code day,a,b}.
 */
class ModelDataColumnsTest extends ModelDataFixtures {
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
}
