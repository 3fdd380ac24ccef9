package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {

  @Test
  void numericLabelsSortAsNumbers() {
    assertEquals(List.of("-1", "2", "10"), ClassLabels.of(List.of("10", "2", "-1", "2")).names());
  }

  @Test
  void otherLabelsSortAsStrings() {
    ClassLabels labels = ClassLabels.of(List.of("pos", "neg", "10", "neg"));
    assertEquals(List.of("10", "neg", "pos"), labels.names());
    assertEquals(2, labels.index("pos"));
    assertEquals(-1, labels.index("neutral"));
  }

  @Test
  void rejectsRepeatedLabels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClassLabels(List.of("a", "b", "a")));
    assertEquals("class labels must be distinct, got [a, b, a]", e.getMessage());
  }
}
