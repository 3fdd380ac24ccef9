package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceDatasetTest {

  private static SequenceExample example(String id, int length, int features, float... y) {
    return new SequenceExample(id, length, features, new float[length * features], y, "f.csv:" + id);
  }

  private static SequenceDataset classes(SequenceExample... examples) {
    return new SequenceDataset(List.of(examples), 2, List.of("a", "b"), List.of("x", "y", "z"), TargetKind.CLASS, 1);
  }

  @Test
  void sizeMaxLengthAndSubsetsKeepMetadata() {
    SequenceDataset d = classes(example("1", 3, 2, 0), example("2", 5, 2, 2), example("3", 1, 2, 1));
    assertEquals(3, d.size());
    assertEquals(5, d.maxLength());
    SequenceDataset s = d.subset(new int[] {2, 0});
    assertEquals(List.of("3", "1"), s.examples().stream().map(SequenceExample::id).toList());
    assertEquals(d.classes(), s.classes());
    assertEquals(2, s.features());
    assertEquals(List.of("2"), d.subset(List.of(1)).examples().stream().map(SequenceExample::id).toList());
    assertEquals(0, d.subset(new int[0]).maxLength());
  }

  @Test
  void rejectsExampleWithDifferentFeatureCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> classes(example("1", 3, 2, 0), example("2", 3, 3, 0)));
    assertEquals("f.csv:2: record '2' has 3 features per step, expected 2 like the others", e.getMessage());
  }

  @Test
  void featureNamesAreOnePerFeatureOrOnePerColumnOfFixedLengthRecords() {
    var wide = new SequenceDataset(List.of(example("1", 3, 2, 0), example("2", 3, 2, 1)), 2,
        List.of("a1", "b1", "a2", "b2", "a3", "b3"), List.of("x", "y"), TargetKind.CLASS, 1);
    assertEquals(6, wide.featureNames().size());
    assertEquals(2, wide.features());
    assertEquals("f.csv:2: record '2' has 2 steps, expected 3 for the 6 feature column names",
        assertThrows(IllegalArgumentException.class, () -> new SequenceDataset(List.of(example("1", 3, 2, 0),
            example("2", 2, 2, 1)), 2, List.of("a1", "b1", "a2", "b2", "a3", "b3"), List.of("x", "y"),
            TargetKind.CLASS, 1)).getMessage());
    assertEquals("2 features but 3 feature names [a, b, c]; expected F names, or T·F for records of T steps",
        assertThrows(IllegalArgumentException.class, () -> new SequenceDataset(List.of(), 2, List.of("a", "b", "c"),
            List.of(), TargetKind.NONE, 0)).getMessage());
  }

  @Test
  void rejectsClassIndexOutOfRangeAndWrongTargetLength() {
    assertEquals("f.csv:1: record '1' has class index 3.0, expected an integer in 0..2",
        assertThrows(IllegalArgumentException.class, () -> classes(example("1", 3, 2, 3))).getMessage());
    assertEquals("f.csv:1: record '1' has 2 target values, expected 1 for CLASS targets of width 1",
        assertThrows(IllegalArgumentException.class, () -> classes(example("1", 3, 2, 0, 1))).getMessage());
  }

  @Test
  void perStepTargetsHaveOneEntryPerStep() {
    var ok = new SequenceDataset(List.of(example("1", 2, 1, 1, 2, 3, 4)), 1, List.of("v"), List.of(),
        TargetKind.PER_STEP_REGRESSION, 2);
    assertEquals(1, ok.size());
    assertThrows(IllegalArgumentException.class, () -> new SequenceDataset(List.of(example("1", 2, 1, 1, 2, 3)), 1,
        List.of("v"), List.of(), TargetKind.PER_STEP_REGRESSION, 2));
  }

  @Test
  void classTargetsNeedClassesAndRegressionHasNone() {
    assertEquals("CLASS targets need a class list", assertThrows(IllegalArgumentException.class,
        () -> new SequenceDataset(List.of(), 1, List.of("v"), null, TargetKind.CLASS, 1)).getMessage());
    assertEquals("REGRESSION targets have no class list, got [a]", assertThrows(IllegalArgumentException.class,
        () -> new SequenceDataset(List.of(), 1, List.of("v"), List.of("a"), TargetKind.REGRESSION, 1)).getMessage());
  }

  @Test
  void subsetRejectsIndicesOutsideTheDataSet() {
    SequenceDataset d = classes(example("1", 3, 2, 0), example("2", 5, 2, 1));
    assertEquals("record index 2 is outside 0..1",
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {0, 2})).getMessage());
    assertEquals("record index -1 is outside 0..1",
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {-1})).getMessage());
  }

  @Test
  void exampleRejectsInputsOfTheWrongSize() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SequenceExample("r", 3, 2, new float[5], new float[0], "f.csv:9"));
    assertEquals("f.csv:9: record 'r' has 5 values, expected length 3 x 2 features = 6", e.getMessage());
  }
}
