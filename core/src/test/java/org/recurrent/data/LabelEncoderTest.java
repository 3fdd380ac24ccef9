package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {
  private static final Path FILE = Path.of("test.csv");

  @Test
  void numericLabelsAreOrderedNumerically() throws DataFormatException {
    LabelEncoder enc = LabelEncoder.fit(List.of("5", "10", "1", "2", "5", "9"));
    assertEquals(List.of("1", "2", "5", "9", "10"), enc.classes());
    assertEquals(0, enc.encode("1", FILE, 1));
    assertEquals(4, enc.encode("10", FILE, 1));
    assertEquals("9", enc.decode(3));
  }

  @Test
  void otherLabelsAreOrderedLexicographically() {
    assertEquals(List.of("10", "9", "cat", "dog"), LabelEncoder.fit(List.of("dog", "cat", "9", "10", "dog")).classes());
  }

  @Test
  void fixedClassesKeepTheirOrderAndRejectUnseenLabels() throws DataFormatException {
    LabelEncoder enc = LabelEncoder.of(List.of("b", "a"));
    assertEquals(1, enc.encode("a", FILE, 3));
    DataFormatException e = assertThrows(DataFormatException.class, () -> enc.encode("x", FILE, 7));
    assertEquals("test.csv:7: expected one of the training classes [b, a], found \"x\"", e.getMessage());
  }

  @Test
  void rejectsDuplicateAndEmptyClassLists() {
    assertEquals("class \"a\" is listed twice in [a, a]",
        assertThrows(IllegalArgumentException.class, () -> LabelEncoder.of(List.of("a", "a"))).getMessage());
    assertEquals("a label encoder needs at least one class",
        assertThrows(IllegalArgumentException.class, () -> LabelEncoder.of(List.of())).getMessage());
  }
}
