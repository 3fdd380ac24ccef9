package org.recurrent.data.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BioSpansTest {
  private static BioSpans.Span span(String type, int start, int end) {
    return new BioSpans.Span(type, start, end);
  }

  @Test
  void spansRunFromBThroughFollowingIOfTheSameType() {
    assertEquals(List.of(span("NAME", 1, 3), span("DATE", 4, 5)),
        BioSpans.of(List.of("O", "B-NAME", "I-NAME", "O", "B-DATE")));
  }

  @Test
  void anIWithoutItsBStartsASpanAsConllevalReadsIt() {
    assertEquals(List.of(span("NAME", 0, 2), span("DATE", 3, 4)),
        BioSpans.of(List.of("I-NAME", "I-NAME", "O", "I-DATE")));
  }

  @Test
  void aBOrAnIOfAnotherTypeEndsASpan() {
    assertEquals(List.of(span("NAME", 0, 1), span("NAME", 1, 2), span("PLACE", 2, 3)),
        BioSpans.of(List.of("B-NAME", "B-NAME", "I-PLACE")));
  }

  @Test
  void tagsOfSpansAreTheirBio() {
    List<String> tags = List.of("O", "B-NAME", "I-NAME", "O", "B-DATE");
    assertEquals(tags, BioSpans.tags(5, BioSpans.of(tags)));
  }

  @Test
  void redactReplacesEachSpanByItsTypeAndKeepsTheWhitespace() {
    Note note = new Note("n", null, List.of("Seen", "by", "Dr", "Ann", "Lee", "on", "3", "May", ".", "OK"),
        List.of(" ", " ", " ", " ", " ", " ", " ", "", "\n", ""), List.of(), "test");
    List<String> tags = List.of("O", "O", "O", "B-NAME", "I-NAME", "O", "B-DATE", "I-DATE", "O", "O");
    assertEquals("Seen by Dr [NAME] on [DATE].\nOK", BioSpans.redact(note, tags));
    assertEquals("Seen by Dr Ann Lee on 3 May.\nOK", note.text());
  }
}
