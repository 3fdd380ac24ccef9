package org.recurrent.data.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteTokenizerTest {
  @Test
  void keepsDatesPhonesAndHyphenatedWordsWholeButSplitsAgesAndTitles() {
    NoteTokenizer.Tokens t = NoteTokenizer.tokenize("  Dr. O'Brien saw a 67-year-old on 03/04/2019, tel (555) 123-4567.\n");
    assertEquals(List.of("Dr", ".", "O'Brien", "saw", "a", "67", "-", "year-old", "on", "03/04/2019", ",", "tel", "(",
        "555", ")", "123-4567", "."), t.tokens());
    assertEquals("  ", t.leading());
    assertEquals(List.of("", " ", " ", " ", " ", "", "", " ", " ", "", " ", " ", "", "", " ", "", "\n"), t.after());
  }
}
