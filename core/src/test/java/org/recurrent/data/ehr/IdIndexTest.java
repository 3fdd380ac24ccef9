package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdIndexTest {
  @Test
  void numbersIdsInOrderAndRejectsRepeats() {
    IdIndex ids = new IdIndex();
    for (int i = 0; i < 5000; i++) assertEquals(i, ids.add(Integer.toString(7 * i)));
    assertEquals(IdIndex.ABSENT, ids.add("0"));
    assertEquals(IdIndex.ABSENT, ids.get("1"));
    assertEquals(4999, ids.get(Integer.toString(7 * 4999)));
    assertEquals("700", ids.id(100));
    assertEquals(5000, ids.size());
  }

  @Test
  void idsThatAreNotCanonicalIntegersStayDistinct() {
    IdIndex ids = new IdIndex();
    assertEquals(0, ids.add("7"));
    assertEquals(1, ids.add("-3"));
    assertEquals(2, ids.add("007")); // not "7": switches to strings, keeping what was added
    assertEquals(3, ids.add("29a458f5-e5c8-7244-7b0d-9a825ee79a1f"));
    assertEquals(IdIndex.ABSENT, ids.add("7"));
    assertEquals(0, ids.get("7"));
    assertEquals(1, ids.get("-3"));
    assertEquals(2, ids.get("007"));
    assertEquals("-3", ids.id(1));
    assertEquals(4, ids.add("8"));
  }

  @Test
  void onlyCanonicalIntegersAreLongKeys() {
    assertEquals(42, IdIndex.asLong("42"));
    assertEquals(0, IdIndex.asLong("0"));
    assertEquals(-5, IdIndex.asLong("-5"));
    for (String s : new String[] {"", "-", "-0", "01", "+1", "1e3", "4 2", "1234567890123456789"}) {
      assertEquals(Long.MIN_VALUE, IdIndex.asLong(s), s);
    }
  }
}
