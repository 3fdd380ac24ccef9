package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;

class DataPartTest {

  @Test
  void aCorpusOfOneTokenIsEmptyBecauseNothingFollowsIt() {
    DataPart one = new DataPart("test", List.of(), new int[] {7}, null, true, true, 1);
    assertTrue(one.isEmpty());
    assertEquals(1, one.size());
    DataPart two = new DataPart("test", List.of(), new int[] {7, 8}, null, true, true, 1); // one (input, next) pair
    assertFalse(two.isEmpty());
    assertEquals(2, two.size());
  }

  @Test
  void recordsWithoutACorpusAreEmptyOnlyWhenThereAreNone() {
    DataPart none = new DataPart("validation", List.of(), null, null, false, false, 1);
    assertTrue(none.isEmpty());
    assertEquals(0, none.size());
    assertEquals(List.of(), none.windows());
    SequenceExample r = new SequenceExample("r", 1, 1, new float[] {0}, new float[] {1}, "mem");
    DataPart one = new DataPart("train", List.of(r), null, null, false, false, 1);
    assertFalse(one.isEmpty());
    assertEquals(1, one.size());
  }
}
