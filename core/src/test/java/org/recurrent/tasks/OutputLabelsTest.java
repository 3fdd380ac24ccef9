package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputLabelsTest {

  @Test
  void nameIsTheClassThenTheTargetNameThenYWithTheIndex() {
    OutputLabels classes = new OutputLabels(List.of("neg", "pos"), List.of(), 3, null, 0);
    assertEquals("neg", classes.name(0));
    assertEquals("pos", classes.name(1));
    assertEquals("y2", classes.name(2));
    OutputLabels targets = new OutputLabels(List.of(), List.of("temp", "rain"), 3, null, 0);
    assertEquals("temp", targets.name(0));
    assertEquals("rain", targets.name(1));
    assertEquals("y2", targets.name(2)); // one past the names: not an index error
  }

  @Test
  void withoutAnUnscalerOutputsAreAlreadyInDataUnits() {
    OutputLabels labels = new OutputLabels(List.of(), List.of("y"), 1, null, 0);
    float[] row = {2.5f};
    assertSame(row, labels.toDataUnits().apply(row));
  }
}
