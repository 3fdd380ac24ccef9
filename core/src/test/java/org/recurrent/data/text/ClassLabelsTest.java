package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.LabelEncoder;

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

  @Test
  void ordersLabelsExactlyAsLabelEncoderFits() {
    List<String> labels = List.of("1.0", "10", "1", "0.5", "1");
    assertEquals(LabelEncoder.fit(labels).classes(), ClassLabels.of(labels).names());
    assertEquals(List.of("0.5", "1", "1.0", "10"), ClassLabels.of(labels).names());
  }

  @Test
  void rejectsNoLabels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassLabels.of(List.of()));
    assertEquals("need at least one class label", e.getMessage());
  }

  @Test
  void sizeAndNameByIndex() {
    ClassLabels labels = ClassLabels.of(List.of("pos", "neg"));
    assertEquals(2, labels.size());
    assertEquals("pos", labels.name(1));
  }
}
