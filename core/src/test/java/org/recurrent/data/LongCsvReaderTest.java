package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongCsvReaderTest {
  @TempDir Path dir;

  private static final LongCsvOptions LABELLED = LongCsvOptions.defaults().withLabelColumn("label");

  private Path write(String text) throws IOException {
    Path file = dir.resolve("long.csv");
    Files.writeString(file, text);
    return file;
  }

  private String rejection(String text, LongCsvOptions options) throws IOException {
    Path file = write(text);
    DataFormatException e = assertThrows(DataFormatException.class, () -> LongCsvReader.read(file, options));
    return e.getMessage().substring(file.toString().length());
  }

  @Test
  void groupsNonContiguousIdsInFirstSeenOrderAndSortsNumericTimes() throws IOException {
    Path file = write("""
        id,time,a,b,label
        s2,10,1,10,up
        s1,2,2,20,down
        s2,9,3,30,up
        s1,1,4,40,down
        s2,100,5,50,up
        """);
    SequenceDataset d = LongCsvReader.read(file, LABELLED);
    assertEquals(List.of("s2", "s1"), d.examples().stream().map(SequenceExample::id).toList());
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(List.of("down", "up"), d.classes());
    assertEquals(TargetKind.CLASS, d.targetKind());
    SequenceExample s2 = d.examples().get(0);
    assertEquals(3, s2.length());
    assertArrayEquals(new float[] {3, 30, 1, 10, 5, 50}, s2.x()); // times 9, 10, 100: numeric, not text order
    assertArrayEquals(new float[] {1}, s2.y());
    assertEquals(file + ":2", s2.source());
    assertArrayEquals(new float[] {4, 40, 2, 20}, d.examples().get(1).x());
    assertArrayEquals(new float[] {0}, d.examples().get(1).y());
  }

  @Test
  void sortsIsoDatesAsText() throws IOException {
    Path file = write("id,time,v\nx,2024-03-01,3\nx,2023-12-31,1\nx,2024-01-15T08:00,2\n");
    SequenceDataset d = LongCsvReader.read(file, LongCsvOptions.defaults());
    assertArrayEquals(new float[] {1, 2, 3}, d.examples().get(0).x());
    assertEquals(TargetKind.NONE, d.targetKind());
  }

  @Test
  void perStepLabelsGiveOneTargetPerSortedStep() throws IOException {
    Path file = write("id,time,v,tag\na,2,20,N\na,1,10,V\na,3,30,N\nb,1,5,V\n");
    SequenceDataset d = LongCsvReader.read(file, LABELLED.withLabelColumn("tag").withPerStepLabels(true));
    assertEquals(TargetKind.PER_STEP_CLASS, d.targetKind());
    assertEquals(List.of("N", "V"), d.classes());
    assertArrayEquals(new float[] {1, 0, 0}, d.examples().get(0).y());
    assertArrayEquals(new float[] {1}, d.examples().get(1).y());

    Path reg = write("id,time,v,target\na,2,20,0.5\na,1,10,-1\n");
    SequenceDataset r = LongCsvReader.read(reg, LongCsvOptions.defaults().withLabelColumn("target")
        .withLabelKind(TargetKind.REGRESSION).withPerStepLabels(true));
    assertEquals(TargetKind.PER_STEP_REGRESSION, r.targetKind());
    assertArrayEquals(new float[] {-1, 0.5f}, r.examples().get(0).y());
  }

  @Test
  void duplicateTimeNamesBothLines() throws IOException {
    assertEquals(":5: duplicate time \"2.0\" for id \"a\", also at line 3",
        rejection("id,time,v\na,1,0\na,2,0\nb,2,0\na,2.0,0\n", LongCsvOptions.defaults()));
  }

  @Test
  void labelChangingWithinAnIdNamesBothLines() throws IOException {
    assertEquals(":4: label \"up\" for id \"a\" differs from \"down\" at line 2; a sequence has one label "
        + "(set perStepLabels for a label per row)",
        rejection("id,time,v,label\na,1,0,down\nb,1,0,up\na,2,0,up\n", LABELLED));
  }

  @Test
  void badCellsAndUnknownLabelsNameFileAndLine() throws IOException {
    assertEquals(":3: expected a finite number in column \"v\", found \"nan\"",
        rejection("id,time,v\na,1,0\na,2,nan\n", LongCsvOptions.defaults()));
    assertEquals(":2: expected a time in column \"time\", found an empty cell",
        rejection("id,time,v\na,,0\n", LongCsvOptions.defaults()));
    assertEquals(":3: expected one of the training classes [down], found \"up\"",
        rejection("id,time,v,label\na,1,0,down\nb,1,0,up\n", LABELLED.withClasses(List.of("down"))));
    assertEquals(":1: expected at least one record, found none after the header",
        rejection("id,time,v\n", LongCsvOptions.defaults()));
    assertEquals(":1: expected a column named \"time\", found columns [id, t, v]",
        rejection("id,t,v\na,1,0\n", LongCsvOptions.defaults()));
  }

  @Test
  void optionsSetEveryFieldAndRejectContradictions() {
    LongCsvOptions o = LongCsvOptions.defaults().withHeader(false).withDelimiter(';').withIdColumn("patient")
        .withTimeColumn("day").withFeatureColumns(List.of("hr", "bp")).withLabelColumn("outcome")
        .withPositiveLabels(List.of("died"));
    assertEquals(false, o.header());
    assertEquals(';', o.delimiter());
    assertEquals("patient", o.idColumn());
    assertEquals("day", o.timeColumn());
    assertEquals(List.of("hr", "bp"), o.featureColumns());
    assertEquals("outcome", o.labelColumn());
    assertEquals(List.of("died"), o.positiveLabels());
    assertEquals(List.of("age"), LongCsvOptions.defaults().withDropColumns(List.of("age")).dropColumns());
    assertEquals("set featureColumns or dropColumns, not both", assertThrows(IllegalArgumentException.class,
        () -> o.withDropColumns(List.of("age"))).getMessage());
    assertEquals("idColumn and timeColumn are both t", assertThrows(IllegalArgumentException.class,
        () -> LongCsvOptions.defaults().withIdColumn("t").withTimeColumn("t")).getMessage());
    assertEquals("positiveLabels and classes apply to CLASS labels, not REGRESSION",
        assertThrows(IllegalArgumentException.class,
            () -> o.withLabelKind(TargetKind.REGRESSION)).getMessage());
  }
}
