package org.recurrent.data.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;

class NoteFileTest {
  @TempDir Path dir;

  @Test
  void writtenNotesReadBackEqual() throws IOException {
    List<Note> notes = new NoteGenerator(0.05).generate(30, 4, false, "n");
    Path f = dir.resolve("notes.jsonl");
    NoteFile.write(f, notes);
    List<Note> back = NoteFile.read(f, true);
    assertEquals(notes.size(), back.size());
    for (int i = 0; i < notes.size(); i++) {
      Note a = notes.get(i), b = back.get(i);
      assertEquals(a.id(), b.id());
      assertEquals(a.template(), b.template());
      assertEquals(a.tokens(), b.tokens());
      assertEquals(a.after(), b.after());
      assertEquals(a.tags(), b.tags());
      assertEquals(a.text(), b.text());
    }
  }

  @Test
  void aTextLineIsTokenisedAndUnlabelled() throws IOException {
    Path f = write("{\"id\": 7, \"text\": \"Seen by Dr Lee on 03/04/2019.\"}\n");
    Note n = NoteFile.read(f, false).get(0);
    assertEquals("7", n.id());
    assertEquals(List.of("Seen", "by", "Dr", "Lee", "on", "03/04/2019", "."), n.tokens());
    assertFalse(n.labelled());
    assertFalse(NoteFile.firstHasTags(f));
  }

  @Test
  void afterDefaultsToOneSpaceBetweenTokens() throws IOException {
    Path f = write("{\"id\": \"a\", \"tokens\": [\"Ann\", \"Lee\"], \"tags\": [\"B-NAME\", \"I-NAME\"]}\n");
    Note n = NoteFile.read(f, true).get(0);
    assertEquals("Ann Lee", n.text());
    assertTrue(NoteFile.firstHasTags(f));
  }

  @Test
  void errorsNameTheFileTheLineAndWhatWasExpected() throws IOException {
    String good = "{\"id\": \"a\", \"tokens\": [\"Ann\"], \"tags\": [\"B-NAME\"]}\n";
    assertMessage(good + "\n{\"id\": \"b\", \"tokens\": [\"Ann\", \"Lee\"], \"tags\": [\"B-NAME\"]}\n",
        ":3: expected 2 tags (one per token), found 1");
    assertMessage(good + "{\"id\": \"b\", \"tokens\": [\"Ann\"], \"tags\": [\"NAME\"]}\n",
        ":2: expected tags[0] to be O, B-TYPE or I-TYPE, found \"NAME\"");
    assertMessage(good + "{\"id\": \"b\", \"tokens\": [\"Ann\"]}\n", ":2: expected \"tags\" (BIO, one per token) to train");
    assertMessage(good + good, ":2: expected a new note id, found \"a\"");
    assertMessage("{\"id\": \"a\", \"tokens\": [\"Ann Lee\"], \"tags\": [\"O\"]}\n",
        ":1: expected tokens[0] to be non-empty without whitespace");
    assertMessage("{\"id\": \"a\", \"tokens\": [\"A\", \"B\"], \"after\": [\" \"], \"tags\": [\"O\", \"O\"]}\n",
        ":1: expected 2 \"after\" entries (one per token), found 1");
    assertMessage("{\"id\": \"a\", \"tokens\": [\"A\"], \"after\": [\"x\"], \"tags\": [\"O\"]}\n",
        ":1: expected after[0] to be whitespace, found \"x\"");
    assertMessage("{\"id\": \"a\", \"tokens\": [\"A\"] \n", ":1: expected a JSON object, found invalid JSON");
    assertMessage("{\"id\": \"a\"}\n", ":1: expected \"tokens\" (or \"text\" for an unlabelled note), found neither");
    assertMessage("", "no notes (the file is empty)");
  }

  private Path write(String text) throws IOException {
    Path f = dir.resolve("in.jsonl");
    Files.writeString(f, text);
    return f;
  }

  private void assertMessage(String text, String expected) throws IOException {
    Path f = write(text);
    DataFormatException e = assertThrows(DataFormatException.class, () -> NoteFile.read(f, true));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
