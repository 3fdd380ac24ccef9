package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.deid.BioSpans;
import org.recurrent.data.deid.Note;
import org.recurrent.data.deid.NoteTokenizer;

class RegexDictionaryTaggerTest {
  private static final List<String> CLASSES = List.of("O", "B-NAME", "I-NAME", "B-DATE", "I-DATE", "B-AGE", "I-AGE",
      "B-PLACE", "I-PLACE", "B-PHONE", "I-PHONE", "B-ID", "I-ID");

  /** A note from text, every token O but the given (token index, tag) pairs. */
  private static Note note(String text, Object... tagged) {
    NoteTokenizer.Tokens t = NoteTokenizer.tokenize(text);
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < t.tokens().size(); i++) tags.add("O");
    for (int i = 0; i < tagged.length; i += 2) tags.set((Integer) tagged[i], (String) tagged[i + 1]);
    return new Note("n", null, t.tokens(), t.after(), tags, "test");
  }

  /** Training: Ann Lee and May Chen are names, Leeds General Hospital a place; "may" is a verb twice. */
  private static final List<Note> TRAIN = List.of(
      note("Ann Lee was seen at Leeds General Hospital .", 0, "B-NAME", 1, "I-NAME", 5, "B-PLACE", 6, "I-PLACE",
          7, "I-PLACE"),
      note("May Chen may go home and may return .", 0, "B-NAME", 1, "I-NAME"));

  @Test
  void patternsFindFormattedPhiAndTheDictionaryNamesAndPlaces() {
    RegexDictionaryTagger tagger = RegexDictionaryTagger.fit(TRAIN);
    Note n = note("Lee, Ann is a 67-year-old seen at Leeds General Hospital on 03/04/2019 and 3 March 2019 . "
        + "Call (555) 123-4567 , MRN 4839201 , aged 71 . She may improve .");
    List<String> tags = tagger.tag(n);
    List<String> found = new ArrayList<>();
    for (BioSpans.Span s : BioSpans.of(tags)) found.add(s.type() + ":" + String.join(" ", n.tokens().subList(s.start(), s.end())));
    assertEquals(List.of("NAME:Lee , Ann", "AGE:67", "PLACE:Leeds General Hospital", "DATE:03/04/2019",
        "DATE:3 March 2019", "PHONE:( 555 ) 123-4567", "ID:4839201", "AGE:71"), found);
  }

  @Test
  void theDictionaryKeptAsNumbersTagsAlike() {
    RegexDictionaryTagger tagger = RegexDictionaryTagger.fit(TRAIN);
    assertEquals(6, tagger.size());                                   // ann lee may chen leeds general hospital - may
    RegexDictionaryTagger back = RegexDictionaryTagger.of(tagger.values(CLASSES), CLASSES);
    Note n = note("Chen and Lee at Leeds General Hospital on 2019-04-03 .");
    assertEquals(tagger.tag(n), back.tag(n));
    assertEquals(List.of("B-NAME", "O", "B-NAME", "O", "B-PLACE", "I-PLACE", "I-PLACE", "O", "B-DATE", "O"), back.tag(n));
  }
}
