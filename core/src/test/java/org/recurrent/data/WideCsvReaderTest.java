package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WideCsvReaderTest {
  @TempDir Path dir;

  private static final WideCsvOptions LABELLED = WideCsvOptions.defaults().withIdColumn("id").withLabelColumn("y");

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private String rejection(String text, WideCsvOptions options) throws IOException {
    Path file = write("bad.csv", text);
    DataFormatException e = assertThrows(DataFormatException.class, () -> WideCsvReader.read(file, options));
    return e.getMessage().substring(file.toString().length());
  }

  @Test
  void readsRowsAsSequencesWithFittedClasses() throws IOException {
    Path file = write("w.csv", "id,x1,x2,x3,y\na,1,2,3,cat\nb,4,5,6.5,dog\nc,-1,0,1e2,cat\n");
    SequenceDataset d = WideCsvReader.read(file, LABELLED);
    assertEquals(3, d.size());
    assertEquals(1, d.features());
    assertEquals(List.of("x1", "x2", "x3"), d.featureNames(), "every feature column, one per step");
    assertEquals(List.of("cat", "dog"), d.classes());
    assertEquals(TargetKind.CLASS, d.targetKind());
    assertEquals(1, d.targetWidth());
    SequenceExample b = d.examples().get(1);
    assertEquals("b", b.id());
    assertEquals(3, b.length());
    assertArrayEquals(new float[] {4, 5, 6.5f}, b.x());
    assertArrayEquals(new float[] {1}, b.y());
    assertEquals(file + ":3", b.source());
    assertArrayEquals(new float[] {-1, 0, 100}, d.examples().get(2).x());
  }

  @Test
  void readsGzipWithQuotesAndRowIndexIds() throws IOException {
    Path file = dir.resolve("w.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("\"x,1\",\"x2\",label\n\"1\",2,\"3\"\n4,\"5\",2\n".getBytes(StandardCharsets.UTF_8));
    }
    SequenceDataset d = WideCsvReader.read(file, WideCsvOptions.defaults().withLabelColumn("label"));
    assertEquals(List.of("0", "1"), d.examples().stream().map(SequenceExample::id).toList());
    assertEquals(List.of("2", "3"), d.classes());
    assertArrayEquals(new float[] {1, 2}, d.examples().get(0).x());
    assertArrayEquals(new float[] {1}, d.examples().get(0).y());
    assertEquals(List.of("x,1", "x2"), d.featureNames());
  }

  @Test
  void featuresPerStepGroupsValuesStepMajor() throws IOException {
    Path file = write("p.csv", "a1,b1,a2,b2,a3,b3\n1,2,3,4,5,6\n");
    SequenceDataset d = WideCsvReader.read(file, WideCsvOptions.defaults().withFeaturesPerStep(2));
    SequenceExample e = d.examples().get(0);
    assertEquals(3, e.length());
    assertEquals(2, e.features());
    assertEquals(3f, e.x(1, 0));
    assertEquals(6f, e.x(2, 1));
    assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), d.featureNames(), "T*F columns, step-major");
    assertEquals(TargetKind.NONE, d.targetKind());
    assertEquals(0, e.y().length);
  }

  @Test
  void featuresPerStepThatDoesNotDivideIsAnError() throws IOException {
    assertEquals(":1: expected a multiple of featuresPerStep = 2 feature columns, found 3 (1 steps and 1 left over); "
        + "check featuresPerStep, featureColumns and dropColumns",
        rejection("a,b,c\n1,2,3\n", WideCsvOptions.defaults().withFeaturesPerStep(2)));
  }

  @Test
  void featureColumnsAndDropColumnsChooseFeatures() throws IOException {
    Path file = write("c.csv", "id,t,x1,x2,y\na,9,1,2,0\n");
    assertArrayEquals(new float[] {1, 2},
        WideCsvReader.read(file, LABELLED.withDropColumns(List.of("t"))).examples().get(0).x());
    assertArrayEquals(new float[] {2, 9},
        WideCsvReader.read(file, LABELLED.withFeatureColumns(List.of("x2", "t"))).examples().get(0).x());
    assertEquals(file + ":1: expected a column named \"nope\", found columns [id, t, x1, x2, y]",
        assertThrows(DataFormatException.class,
            () -> WideCsvReader.read(file, LABELLED.withDropColumns(List.of("nope")))).getMessage());
  }

  @Test
  void positiveLabelsMakeABinaryTask() throws IOException {
    Path file = write("b.csv", "x1,y\n1,1\n2,2\n3,3\n4,1\n");
    SequenceDataset d = WideCsvReader.read(file, WideCsvOptions.defaults().withLabelColumn("y")
        .withPositiveLabels(List.of("1")));
    assertEquals(List.of("0", "1"), d.classes());
    assertEquals(List.of(1f, 0f, 0f, 1f), d.examples().stream().map(e -> e.y()[0]).toList());
  }

  @Test
  void regressionLabelsAreNumbers() throws IOException {
    Path file = write("r.csv", "x1,x2,y\n1,2,0.5\n");
    SequenceDataset d = WideCsvReader.read(file, WideCsvOptions.defaults().withLabelColumn("y")
        .withLabelKind(TargetKind.REGRESSION));
    assertEquals(TargetKind.REGRESSION, d.targetKind());
    assertEquals(List.of(), d.classes());
    assertArrayEquals(new float[] {0.5f}, d.examples().get(0).y());
  }

  @Test
  void wrongColumnCountNamesFileLineAndCounts() throws IOException {
    assertEquals(":3: expected 4 columns, found 3", rejection("id,x1,x2,y\na,1,2,0\nb,1,0\n", LABELLED));
  }

  @Test
  void nonNumericNanInfinityAndEmptyCellsNameTheColumn() throws IOException {
    assertEquals(":2: expected a number in column \"x2\", found \"abc\"",
        rejection("id,x1,x2,y\na,1,abc,0\n", LABELLED));
    assertEquals(":3: expected a finite number in column \"x1\", found \"NaN\"",
        rejection("id,x1,x2,y\na,1,2,0\nb,NaN,2,0\n", LABELLED));
    assertEquals(":2: expected a finite number in column \"x2\", found \"-inf\"",
        rejection("id,x1,x2,y\na,1,-inf,0\n", LABELLED));
    assertEquals(":2: expected a finite number in column \"x1\", found \"1e39\"",
        rejection("id,x1,x2,y\na,1e39,2,0\n", LABELLED));
    assertEquals(":2: expected a number in column \"x1\", found \"1f\"",
        rejection("id,x1,x2,y\na,1f,2,0\n", LABELLED));
    assertEquals(":2: expected a number in column \"x1\", found an empty cell",
        rejection("id,x1,x2,y\na,,2,0\n", LABELLED));
    assertEquals(":2: expected a label in column \"y\", found an empty cell",
        rejection("id,x1,x2,y\na,1,2,\n", LABELLED));
  }

  @Test
  void emptyAndHeaderOnlyFilesAreErrors() throws IOException {
    assertEquals(":1: expected a header line, found an empty file", rejection("", LABELLED));
    assertEquals(":1: expected at least one record, found none after the header", rejection("id,x1,y\n", LABELLED));
    assertEquals(":1: expected at least one record, found none after the header",
        rejection("x1,x2\n\n", WideCsvOptions.defaults()));
  }

  @Test
  void unknownLabelInEvaluationDataIsAnError() throws IOException {
    assertEquals(":3: expected one of the training classes [1, 2], found \"3\"",
        rejection("id,x1,y\na,1,2\nb,2,3\n", LABELLED.withClasses(List.of("1", "2"))));
  }

  @Test
  void streamsRecordsWithAFixedEncoder() throws IOException {
    Path file = write("s.csv", "x1,x2,y\n1,2,b\n3,4,a\n");
    List<String> seen = new ArrayList<>();
    WideCsvReader.forEach(file, WideCsvOptions.defaults().withLabelColumn("y"), LabelEncoder.of(List.of("b", "a")),
        e -> seen.add(e.id() + "=" + (int) e.y()[0]));
    assertEquals(List.of("0=0", "1=1"), seen);
  }

  @Test
  void optionsReadFromYamlTakeDefaultsForMissingFields() throws IOException {
    var yaml = new ObjectMapper(new YAMLFactory());
    WideCsvOptions o = yaml.readValue("labelColumn: y\npositiveLabels: ['1']\ndelimiter: \"\\t\"\n",
        WideCsvOptions.class);
    assertEquals(WideCsvOptions.defaults().withLabelColumn("y").withPositiveLabels(List.of("1")).withDelimiter('\t'), o);
    assertEquals(true, o.header());
    assertEquals(1, o.featuresPerStep());
    assertEquals(o, yaml.readValue(yaml.writeValueAsString(o), WideCsvOptions.class));
  }

  @Test
  void optionsRejectContradictions() {
    assertEquals("positiveLabels and classes need a labelColumn", assertThrows(IllegalArgumentException.class,
        () -> WideCsvOptions.defaults().withClasses(List.of("a"))).getMessage());
    assertEquals("featuresPerStep must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> WideCsvOptions.defaults().withFeaturesPerStep(0)).getMessage());
    assertEquals("labelKind must be CLASS or REGRESSION, got MULTILABEL", assertThrows(IllegalArgumentException.class,
        () -> WideCsvOptions.defaults().withLabelKind(TargetKind.MULTILABEL)).getMessage());
  }

  @Test
  void optionsSetTheHeaderAndIdColumn() {
    WideCsvOptions o = WideCsvOptions.defaults().withHeader(false).withIdColumn("patient");
    assertEquals(false, o.header());
    assertEquals("patient", o.idColumn());
  }

  @Test
  void openReaderTellsItsFeaturesPerStep() throws IOException {
    Path file = write("f.csv", "a1,b1,a2,b2,y\n1,2,3,4,b\n");
    WideCsvOptions labelled = WideCsvOptions.defaults().withLabelColumn("y");
    try (WideCsvReader oneValuePerStep = WideCsvReader.open(file, labelled)) {
      assertEquals(1, oneValuePerStep.features());
      assertEquals(List.of("a1", "b1", "a2", "b2"), oneValuePerStep.featureNames(), "every feature column, in order");
    }
    try (WideCsvReader twoPerStep = WideCsvReader.open(file, labelled.withFeaturesPerStep(2))) {
      assertEquals(2, twoPerStep.features());
      assertEquals(List.of("a1", "b1", "a2", "b2"), twoPerStep.featureNames());
    }
  }
}
