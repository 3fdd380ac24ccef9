package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.deid.Note;
import org.recurrent.data.deid.NoteFile;
import org.recurrent.data.deid.NoteGenerator;

class DeidNotesCommandTest {
  @Test
  void writesTheNotesTheRunsGeneratorMakesWithTheSameSeed(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("notes");
    TinyRuns.Run r = TinyRuns.run("deid-notes", "-o", out.toString(), "--train", "6", "--validation", "2", "--test",
        "3", "--seed", "4").expectExit(0);
    assertTrue(r.err().contains("wrote 3 notes to " + out.resolve("test.jsonl")), r.err());
    List<Note> test = NoteFile.read(out.resolve("test.jsonl"), true);
    List<Note> expected = new NoteGenerator(0.03).generate(3, 4 + 2, true, "test-");
    for (int i = 0; i < 3; i++) {
      assertEquals(expected.get(i).tokens(), test.get(i).tokens());
      assertEquals(expected.get(i).tags(), test.get(i).tags());
    }
    assertEquals(6, NoteFile.read(out.resolve("train.jsonl"), true).size());
    assertEquals(3, NoteFile.read(out.resolve("test_seen.jsonl"), true).size());
  }

  @Test
  void aBadTypoRateIsRefusedWithExitTwoAndNothingWritten(@TempDir Path dir) {
    Path out = dir.resolve("notes");
    TinyRuns.Run r = TinyRuns.run("deid-notes", "-o", out.toString(), "--typo-rate", "0.9").expectExit(2);
    assertTrue(r.errorLine().contains("typo_rate must be in [0, 0.5], got 0.9"), r.err());
    assertFalse(Files.exists(out));
  }
}
