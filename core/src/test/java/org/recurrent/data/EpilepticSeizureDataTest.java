package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readers on the real UCI epileptic-seizure file (11,500 rows of {@code Unnamed,X1..X178,y}); skipped where
 * the shared data folder is absent. Expected counts are from the dataset's README.
 */
class EpilepticSeizureDataTest {
  private static final Path DIR = Path.of("/work/shared/data/epileptic-seizure-recognition");
  private static final Path CSV = DIR.resolve("epileptic_seizure_recognition.csv.gz");
  private static final WideCsvOptions OPTIONS = WideCsvOptions.defaults().withIdColumn("Unnamed").withLabelColumn("y");

  @Test
  void readsAll11500RowsAsLength178SequencesInFiveBalancedClasses() throws IOException {
    assumeTrue(Files.exists(CSV), "data file not present: " + CSV);
    SequenceDataset d = WideCsvReader.read(CSV, OPTIONS);
    assertEquals(11_500, d.size());
    assertEquals(178, d.maxLength());
    assertEquals(1, d.features());
    assertEquals(List.of("1", "2", "3", "4", "5"), d.classes());
    int[] counts = new int[5];
    for (SequenceExample e : d.examples()) {
      assertEquals(178, e.length());
      counts[(int) e.y()[0]]++;
    }
    for (int k = 0; k < 5; k++) assertEquals(2_300, counts[k], "class " + d.classes().get(k));
    assertEquals("X21.V1.791", d.examples().get(0).id());
  }

  @Test
  void seizureAgainstRestHas2300Positives() throws IOException {
    assumeTrue(Files.exists(CSV), "data file not present: " + CSV);
    SequenceDataset d = WideCsvReader.read(CSV, OPTIONS.withPositiveLabels(List.of("1")));
    assertEquals(List.of("0", "1"), d.classes());
    assertEquals(2_300, d.examples().stream().filter(e -> e.y()[0] == 1f).count());
  }

  @Test
  void standardSplitsFromSplitsCsvHaveTheDocumentedSizes() throws IOException {
    Path splits = DIR.resolve("splits.csv");
    assumeTrue(Files.exists(CSV) && Files.exists(splits), "data files not present in " + DIR);
    // split_row is by 0-based data row: the reader's ids when there is no id column
    SequenceDataset byRow = WideCsvReader.read(CSV, WideCsvOptions.defaults().withLabelColumn("y")
        .withDropColumns(List.of("Unnamed")));
    Split.Datasets rows = Splits.byId(byRow, Splits.fromCsv(splits, "row", "split_row")).apply(byRow);
    assertEquals(List.of(8_050, 1_725, 1_725), List.of(rows.train().size(), rows.validation().size(), rows.test().size()));
    assertEquals("8049", rows.train().examples().get(8_049).id());
    // split_recording by the file's own ids: leakage-free and exactly stratified, 345 of each class in test
    SequenceDataset byId = WideCsvReader.read(CSV, OPTIONS);
    Split.Datasets recordings = Splits.byId(byId, Splits.fromCsv(splits, "id", "split_recording")).apply(byId);
    assertEquals(8_050, recordings.train().size());
    int[] testCounts = new int[5];
    for (SequenceExample e : recordings.test().examples()) testCounts[(int) e.y()[0]]++;
    assertEquals(List.of(345, 345, 345, 345, 345), Arrays.stream(testCounts).boxed().toList());
  }
}
