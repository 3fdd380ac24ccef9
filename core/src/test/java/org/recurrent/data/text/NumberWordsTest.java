package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumberWordsTest {

  @Test
  void spellsNumbersInEachFormat() {
    assertEquals("four hundred seven thousand twenty one", NumberWords.words("407021", "plain"));
    assertEquals("four hundred and seven thousand twenty one", NumberWords.words("407021", "and"));
    assertEquals("four hundred seven thousand twenty-one", NumberWords.words("407021", "hyphen"));
    assertEquals("four hundred seven thousand , twenty one", NumberWords.words("407021", "comma"));
    assertEquals("one million five", NumberWords.words("1000005", "plain"));
    assertEquals("twelve billion thirty", NumberWords.words("12000000030", "and"));
    assertEquals("nine hundred ninety-nine quadrillion", NumberWords.words("999000000000000000", "hyphen"));
  }

  @Test
  void generatesDigitsInTheRequestedRangeFromTheSeed() {
    NumberWords g = new NumberWords(3, 5);
    List<ParallelText.Pair> a = g.generate(200, 7), b = g.generate(200, 7);
    assertEquals(a, b, "same seed, same pairs");
    for (ParallelText.Pair p : a) {
      assertTrue(p.target().matches("[1-9][0-9]{2,4}"), p.target());
      assertTrue(NumberWords.FORMATS.stream().anyMatch(f -> NumberWords.words(p.target(), f).equals(p.source())),
          p.source() + " spells " + p.target());
    }
    assertTrue(a.stream().map(p -> p.target().length()).distinct().count() == 3, "3, 4 and 5 digits all occur");
  }

  @Test
  void rejectsDigitRangesBeyondTheScaleWords() {
    assertEquals("number_words: digits must satisfy 1 <= min_digits <= max_digits <= 18, got 4..19",
        assertThrows(IllegalArgumentException.class, () -> new NumberWords(4, 19)).getMessage());
  }
}
