package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedListTest {

  @Test
  void aCountStartsAtTheConfigsSeed() {
    assertEquals(List.of(42L, 43L, 44L), SeedList.parse("3", 42).seeds());
    assertEquals(List.of(-1L, 0L), SeedList.parse(" 2 ", -1).seeds());
  }

  @Test
  void aListIsTakenAsWrittenInItsOrder() {
    assertEquals(List.of(3L, 1L, 2L), SeedList.parse("3,1,2", 42).seeds());
    assertEquals(List.of(1L, -5L), SeedList.parse("1, -5", 42).seeds());
  }

  @Test
  void rejectsFewerThanTwoSeeds() {
    assertMessage("--seeds 1: expected a count from 2 to 100", "1");
    assertMessage("--seeds 0: expected a count from 2 to 100", "0");
    assertMessage("--seeds -3: expected a count from 2 to 100", "-3");
  }

  @Test
  void rejectsTooManySeeds() {
    assertMessage("--seeds 300: expected a count from 2 to 100", "300");
  }

  @Test
  void rejectsDuplicates() {
    assertMessage("--seeds lists seed 2 twice: [1, 2, 2]", "1,2,2");
  }

  @Test
  void rejectsWhatIsNoSeed() {
    assertMessage("--seeds expects a count (3) or a list of seeds (1,2,3), got 'three'", "three");
    assertMessage("--seeds 1,,2: '' is not a seed (an integer)", "1,,2");
    assertMessage("--seeds 1,2.5: '2.5' is not a seed (an integer)", "1,2.5");
  }

  @Test
  void directoriesAreNamedBySeed() {
    assertEquals("seed-42", SeedList.directoryName(42));
    assertEquals("seed--1", SeedList.directoryName(-1));
  }

  private static void assertMessage(String expected, String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedList.parse(spec, 42));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
