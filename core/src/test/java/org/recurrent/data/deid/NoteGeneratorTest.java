package org.recurrent.data.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoteGeneratorTest {
  private final NoteGenerator generator = new NoteGenerator(0.03);

  @Test
  void theSameSeedGivesTheSameNotesAndAnotherSeedOthers() {
    List<Note> a = generator.generate(20, 5, false, "n"), b = generator.generate(20, 5, false, "n");
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).tokens(), b.get(i).tokens());
      assertEquals(a.get(i).tags(), b.get(i).tags());
    }
    assertNotEquals(a.get(0).tokens(), generator.generate(1, 6, false, "n").get(0).tokens());
  }

  @Test
  void heldOutNotesComeOnlyFromHeldOutFamiliesAndTrainingNotesNever() {
    Set<String> heldOut = new HashSet<>(), training = new HashSet<>();
    NoteTemplates.HELD_OUT.forEach(f -> heldOut.add(f.name()));
    NoteTemplates.TRAINING.forEach(f -> training.add(f.name()));
    for (Note n : generator.generate(200, 1, true, "t")) assertTrue(heldOut.contains(n.template()), n.template());
    for (Note n : generator.generate(200, 1, false, "t")) assertTrue(training.contains(n.template()), n.template());
    for (String name : heldOut) assertTrue(!training.contains(name), name);
  }

  @Test
  void heldOutSentencesNeverOccurInTrainingFamilies() {
    Set<String> training = new HashSet<>();
    for (NoteTemplates.Family f : NoteTemplates.TRAINING) {
      training.addAll(f.headers());
      training.addAll(f.sentences());
      training.addAll(f.endings());
    }
    for (NoteTemplates.Family f : NoteTemplates.HELD_OUT) {
      for (String s : f.sentences()) assertTrue(!training.contains(s), s);
      for (String s : f.headers()) assertTrue(!training.contains(s), s);
    }
  }

  @Test
  void everyTypeOccursAndTagsAreValidBioWithSpansStartingAtB() {
    Set<String> types = new HashSet<>();
    for (Note n : generator.generate(300, 2, false, "n")) {
      for (int t = 0; t < n.tags().size(); t++) {
        String tag = n.tags().get(t);
        assertTrue(BioSpans.valid(tag), tag);
        if (tag.startsWith("I-")) {
          String prev = n.tags().get(t - 1);
          assertEquals(tag.substring(2), BioSpans.type(prev), n.id() + " token " + t);
        }
      }
      BioSpans.of(n.tags()).forEach(s -> types.add(s.type()));
    }
    assertEquals(new HashSet<>(NoteGenerator.TYPES), types);
  }

  @Test
  void retokenisingANotesTextGivesItsTokens() {
    for (Note n : generator.generate(200, 3, true, "n")) {
      NoteTokenizer.Tokens t = NoteTokenizer.tokenize(n.text());
      assertEquals(n.tokens(), t.tokens(), n.id());
      assertEquals(n.after(), t.after(), n.id());
    }
  }
}
