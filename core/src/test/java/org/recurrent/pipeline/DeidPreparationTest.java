package org.recurrent.pipeline;

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
import org.recurrent.config.ConfigFiles;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.TargetKind;
import org.recurrent.data.deid.Note;
import org.recurrent.data.deid.NoteFile;
import org.recurrent.data.deid.NoteGenerator;
import org.recurrent.data.deid.NoteWords;

class DeidPreparationTest {
  @TempDir Path dir;

  private PreparedData prepare(String data) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "task: deid\ndata:\n" + data);
    return DataPreparation.prepare(ConfigFiles.readTrainConfig(f), dir);
  }

  @Test
  void filesGiveTagsFittedOnTrainingNotesAndFeatureBagsWithTheNoteCarried() throws IOException {
    NoteFile.write(dir.resolve("train.jsonl"), List.of(
        new Note("a", null, List.of("Ann", "Lee", "seen"), List.of(" ", " ", ""), List.of("B-NAME", "I-NAME", "O"), "t"),
        new Note("b", null, List.of("Ann", "on", "Leeds"), List.of(" ", " ", ""), List.of("B-NAME", "O", "B-PLACE"), "t")));
    NoteFile.write(dir.resolve("test.jsonl"), List.of(
        new Note("c", null, List.of("Zed", "seen"), List.of(" ", ""), List.of("B-NAME", "O"), "t")));
    PreparedData d = prepare("  format: deid_notes\n  train: train.jsonl\n  test: test.jsonl\n");
    assertEquals(List.of("O", "B-NAME", "I-NAME", "B-PLACE", "I-PLACE"), d.classes());   // TYPES order, not alphabetical
    assertEquals(TargetKind.PER_STEP_CLASS, d.targetKind());
    SequenceExample c = d.test().get(0);
    assertEquals(List.of(1f, 0f), List.of(c.y()[0], c.y()[1]));
    assertEquals("Zed", ((NoteWords) c.input(NoteWords.NAME)).note().tokens().get(0));
    // "Ann" was seen twice in training, "Zed" never: its word feature is <unk> (0), its shape is known
    assertTrue(d.codes().codes().contains("w:ann") && !d.codes().codes().contains("w:zed"), d.codes().codes().toString());
    int[] bag = ((StepInput.Bags) c.primary()).bag(0);
    assertEquals(0, bag[0]);
    assertFalse(bag[1] == 0, "the shape s:Xxx was seen in training");
  }

  @Test
  void aTagTheTrainingNotesNeverUseIsAnErrorNamingTheNote() throws IOException {
    NoteFile.write(dir.resolve("train.jsonl"), new NoteGenerator(0).generate(5, 1, false, "n"));
    Files.writeString(dir.resolve("test.jsonl"), "{\"id\": \"x\", \"tokens\": [\"a@b.org\"], \"tags\": [\"B-EMAIL\"]}\n");
    var e = assertThrows(DataFormatException.class,
        () -> prepare("  format: deid_notes\n  train: train.jsonl\n  test: test.jsonl\n"));
    assertTrue(e.getMessage().startsWith("test.jsonl:1: note 'x' token 0 has tag B-EMAIL, which the training notes "
        + "never use"), e.getMessage());
  }

  @Test
  void theGeneratorsTestPartComesFromHeldOutTemplatesAndNeedsNoFile() throws IOException {
    PreparedData d = prepare("  format: deid_notes\n  options: {generator: {train: 20, validation: 5, test: 10}}\n");
    assertEquals(20, d.train().size());
    assertEquals(5, d.validation().size());
    assertEquals(10, d.test().size());
    for (SequenceExample e : d.test()) {
      String family = ((NoteWords) e.input(NoteWords.NAME)).note().template();
      assertTrue(List.of("telephone_encounter", "operative_note", "pharmacy_note").contains(family), family);
    }
    var e = assertThrows(IOException.class,                                   // the config file's error, at its line
        () -> prepare("  format: deid_notes\n  train: x.jsonl\n  options: {generator: {train: 20}}\n"));
    assertTrue(e.getMessage().contains("data.train and data.options.generator both give the notes; keep one"),
        e.getMessage());
  }
}
