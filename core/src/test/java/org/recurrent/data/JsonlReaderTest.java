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

class JsonlReaderTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("data.jsonl");
    Files.writeString(file, text);
    return file;
  }

  private SequenceDataset read(String text, TargetKind target) throws IOException {
    return JsonlReader.read(write(text), JsonlOptions.defaults().withTarget(target));
  }

  private String rejection(String text, JsonlOptions options) throws IOException {
    Path file = write(text);
    DataFormatException e = assertThrows(DataFormatException.class, () -> JsonlReader.read(file, options));
    return e.getMessage().substring(file.toString().length());
  }

  private String rejection(String text) throws IOException {
    return rejection(text, JsonlOptions.defaults());
  }

  @Test
  void readsNestedAndFlatInputsWithStringAndIntegerLabels() throws IOException {
    SequenceDataset d = read("""
        {"id": "a", "x": [[1, 2], [3, 4], [5, 6]], "y": "dog"}

        {"id": 7, "x": [[0.5, -1]], "y": "cat"}
        """, TargetKind.CLASS);
    assertEquals(List.of("cat", "dog"), d.classes());
    assertEquals(2, d.features());
    assertEquals(List.of("x0", "x1"), d.featureNames());
    SequenceExample a = d.examples().get(0);
    assertEquals(3, a.length());
    assertEquals(4f, a.x(1, 1));
    assertArrayEquals(new float[] {1}, a.y());
    SequenceExample b = d.examples().get(1);
    assertEquals("7", b.id());
    assertEquals(b.source(), dir.resolve("data.jsonl") + ":3");

    SequenceDataset flat = read("{\"x\": [1, 2, 3], \"y\": 10}\n{\"x\": [4], \"y\": 2}\n", TargetKind.CLASS);
    assertEquals(List.of("2", "10"), flat.classes());
    assertEquals(List.of("0", "1"), flat.examples().stream().map(SequenceExample::id).toList());
    assertEquals(1, flat.features());
    assertArrayEquals(new float[] {1, 2, 3}, flat.examples().get(0).x());
    assertArrayEquals(new float[] {1}, flat.examples().get(0).y());
  }

  @Test
  void multiLabelFromNamesOrMultiHot() throws IOException {
    SequenceDataset names = read("{\"x\": [1], \"y\": [\"b\", \"c\"]}\n{\"x\": [1], \"y\": []}\n", TargetKind.MULTILABEL);
    assertEquals(List.of("b", "c"), names.classes());
    assertEquals(2, names.targetWidth());
    assertArrayEquals(new float[] {1, 1}, names.examples().get(0).y());
    assertArrayEquals(new float[] {0, 0}, names.examples().get(1).y());

    SequenceDataset hot = read("{\"x\": [1], \"y\": [0, 1, 1]}\n", TargetKind.MULTILABEL);
    assertEquals(List.of("0", "1", "2"), hot.classes());
    assertArrayEquals(new float[] {0, 1, 1}, hot.examples().get(0).y());
  }

  @Test
  void regressionAndPerStepTargets() throws IOException {
    SequenceDataset r = read("{\"x\": [1, 2], \"y\": [0.5, 2]}\n", TargetKind.REGRESSION);
    assertEquals(2, r.targetWidth());
    assertArrayEquals(new float[] {0.5f, 2}, r.examples().get(0).y());

    SequenceDataset tags = read("{\"x\": [1, 2, 3], \"y\": [\"N\", \"V\", \"N\"]}\n", TargetKind.PER_STEP_CLASS);
    assertEquals(List.of("N", "V"), tags.classes());
    assertArrayEquals(new float[] {0, 1, 0}, tags.examples().get(0).y());

    SequenceDataset steps = read("{\"x\": [1, 2], \"y\": [[1, 2], [3, 4]]}\n", TargetKind.PER_STEP_REGRESSION);
    assertEquals(2, steps.targetWidth());
    assertArrayEquals(new float[] {1, 2, 3, 4}, steps.examples().get(0).y());
  }

  @Test
  void perStepTargetLengthMustMatchSteps() throws IOException {
    assertEquals(":1: expected 3 entries in \"y\", one per step of \"x\", found 2",
        rejection("{\"x\": [1, 2, 3], \"y\": [\"N\", \"V\"]}\n", JsonlOptions.defaults().withTarget(TargetKind.PER_STEP_CLASS)));
  }

  @Test
  void garbledLineGivesJacksonsShortReason() throws IOException {
    assertEquals(":2: expected a JSON object, found {\"id\": \"b\", \"x\": [1, 2 "
        + "(Unexpected end-of-input: expected close marker for Array)",
        rejection("{\"id\": \"a\", \"x\": [1], \"y\": 1}\n{\"id\": \"b\", \"x\": [1, 2\n"));
    assertEquals(":1: expected a JSON object, found {\"x\": [NaN], \"y\": 1} (Non-standard token 'NaN')",
        rejection("{\"x\": [NaN], \"y\": 1}\n"));
    assertEquals(":1: expected a JSON object, found array [1,2]", rejection("[1, 2]\n"));
  }

  @Test
  void raggedEmptyAndNonNumericInputsAreErrors() throws IOException {
    assertEquals(":1: expected 2 values at x[1] like x[0], found 3",
        rejection("{\"x\": [[1, 2], [3, 4, 5]], \"y\": 1}\n"));
    assertEquals(":1: expected an array of 2 values at x[1] like x[0], found number 3",
        rejection("{\"x\": [[1, 2], 3], \"y\": 1}\n"));
    assertEquals(":1: expected at least one step in \"x\", found []", rejection("{\"x\": [], \"y\": 1}\n"));
    assertEquals(":1: expected a number at x[1], found string \"NaN\"", rejection("{\"x\": [1, \"NaN\"], \"y\": 1}\n"));
    assertEquals(":1: expected a finite float at x[0], found 1.0E39", rejection("{\"x\": [1e39], \"y\": 1}\n"));
    assertEquals(":2: expected 2 values per step like line 1, found 1",
        rejection("{\"x\": [[1, 2]], \"y\": 1}\n{\"x\": [[1]], \"y\": 1}\n"));
  }

  @Test
  void missingFieldsUnknownLabelsAndEmptyFiles() throws IOException {
    assertEquals(":1: expected field \"y\", found fields [id, x]", rejection("{\"id\": 1, \"x\": [1]}\n"));
    assertEquals(":2: expected one of the training classes [a], found \"b\"",
        rejection("{\"x\": [1], \"y\": \"a\"}\n{\"x\": [1], \"y\": \"b\"}\n", JsonlOptions.defaults().withClasses(List.of("a"))));
    assertEquals(":1: expected a label (string or integer) at y, found number 1.5",
        rejection("{\"x\": [1], \"y\": 1.5}\n"));
    assertEquals(":1: expected at least one JSON record, found none", rejection("\n\n"));
  }

  @Test
  void unlabelledRecordsIgnoreY() throws IOException {
    SequenceDataset d = read("{\"x\": [1, 2]}\n", TargetKind.NONE);
    assertEquals(TargetKind.NONE, d.targetKind());
    assertEquals(0, d.examples().get(0).y().length);
  }

  @Test
  void optionsNameTheFields() throws IOException {
    JsonlOptions options = JsonlOptions.defaults().withIdField("name").withXField("inputs").withYField("label");
    SequenceDataset d = JsonlReader.read(write("{\"name\": \"r1\", \"inputs\": [1, 2], \"label\": \"up\"}\n"), options);
    assertEquals("r1", d.examples().get(0).id());
    assertArrayEquals(new float[] {1, 2}, d.examples().get(0).x());
    assertEquals(List.of("up"), d.classes());
  }

  @Test
  void multiHotWithFixedClassesUsesTheirNamesAndChecksTheWidth() throws IOException {
    JsonlOptions options = JsonlOptions.defaults().withTarget(TargetKind.MULTILABEL).withClasses(List.of("a", "b", "c"));
    SequenceDataset d = JsonlReader.read(write("{\"x\": [1], \"y\": [0, 1, 1]}\n"), options);
    assertEquals(List.of("a", "b", "c"), d.classes());
    assertArrayEquals(new float[] {0, 1, 1}, d.examples().get(0).y());
    assertEquals(":1: expected multi-hot arrays of the 3 classes [a, b, c], found 2 values",
        rejection("{\"x\": [1], \"y\": [1, 0]}\n", options));
  }

  @Test
  void multiLabelRecordsMustKeepOneLayout() throws IOException {
    JsonlOptions multi = JsonlOptions.defaults().withTarget(TargetKind.MULTILABEL);
    // after multi-hot arrays of 3, an empty array is not 3 values
    assertEquals(":2: expected 3 target values in \"y\" like line 1, found 0",
        rejection("{\"x\": [1], \"y\": [0, 1, 1]}\n{\"x\": [1], \"y\": []}\n", multi));
    assertEquals(":2: expected a multi-hot array in \"y\" like the records before, found array [\"b\"]",
        rejection("{\"x\": [1], \"y\": [0, 1]}\n{\"x\": [1], \"y\": [\"b\"]}\n", multi));
    assertEquals(":2: expected an array of label names in \"y\" like the records before, found array [1,0]",
        rejection("{\"x\": [1], \"y\": [\"b\"]}\n{\"x\": [1], \"y\": [1, 0]}\n", multi));
  }

  @Test
  void perStepRegressionTargetsHaveOneEntryPerStep() throws IOException {
    assertEquals(":1: expected 2 entries in \"y\", one per step of \"x\", found 3",
        rejection("{\"x\": [1, 2], \"y\": [[1], [2], [3]]}\n",
            JsonlOptions.defaults().withTarget(TargetKind.PER_STEP_REGRESSION)));
  }
}
