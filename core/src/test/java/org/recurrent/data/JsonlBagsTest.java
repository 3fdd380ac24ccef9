package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines with bags of codes per step, a side field, and per-step multi-label targets. */
class JsonlBagsTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path f = dir.resolve("v.jsonl");
    Files.writeString(f, text);
    return f;
  }

  private static JsonlOptions bags() {
    return JsonlOptions.defaults().withBags("gap");
  }

  @Test
  void visitsBecomeBagsWithProvisionalIdsSharedAcrossFilesAndTheGapASideInput() throws IOException {
    CodeIndex index = new CodeIndex();
    SequenceDataset d = JsonlReader.read(write("""
        {"id": "p1", "x": [["A", "B"], [], ["A"]], "gap": [0, 0.5, 1.5], "y": "hf"}
        {"id": "p2", "x": [[7]], "gap": [[2.0]], "y": "no"}
        """), bags(), index);
    SequenceExample p1 = d.examples().get(0);
    StepInput.Bags b = (StepInput.Bags) p1.primary();
    assertArrayEquals(new int[] {0, 1, 0}, b.ids(), "A=0, B=1 in first-seen order");
    assertArrayEquals(new int[] {0, 2, 2}, b.offsets(), "the middle visit is empty");
    assertNull(b.weights());
    assertArrayEquals(new float[] {0, 0.5f, 1.5f}, ((StepInput.Dense) p1.input(SequenceExample.SIDE)).values());
    assertEquals("7", index.code(((StepInput.Bags) d.examples().get(1).primary()).ids()[0]), "integer codes are codes");
    assertEquals(3, p1.length());
    JsonlReader.read(write("{\"x\": [[\"B\", \"C\"]], \"gap\": [0], \"y\": \"hf\"}\n"), bags(), index);
    assertEquals(4, index.size(), "a second file extends the same index: A, B, 7, C");
  }

  @Test
  void weightedCodesKeepTheirWeights() throws IOException {
    SequenceDataset d = JsonlReader.read(write("{\"x\": [{\"A\": 2.5, \"B\": 1}, {\"C\": 0.5}], \"gap\": [0, 1], "
        + "\"y\": \"hf\"}\n"), bags());
    StepInput.Bags b = (StepInput.Bags) d.examples().get(0).primary();
    assertArrayEquals(new float[] {2.5f, 1f, 0.5f}, b.weights());
    assertArrayEquals(new int[] {0, 2}, b.offsets());
  }

  @Test
  void perStepMultiLabelTargetsAreMultiHotPerStep() throws IOException {
    SequenceDataset d = JsonlReader.read(write("""
        {"x": [["A"], ["B"]], "gap": [0, 1], "next": [["I50", "E11"], []]}
        {"x": [["A"]], "gap": [0], "next": [["E11"]]}
        """), bags().withYField("next").withTarget(TargetKind.PER_STEP_MULTILABEL));
    assertEquals(List.of("E11", "I50"), d.classes());
    assertEquals(TargetKind.PER_STEP_MULTILABEL, d.targetKind());
    assertArrayEquals(new float[] {1, 1, 0, 0}, d.examples().get(0).y(), "step 0: E11 and I50; step 1: none");
    assertArrayEquals(new float[] {1, 0}, d.examples().get(1).y());
  }

  @Test
  void badStepsAreErrorsNamingFileLineAndPlace() throws IOException {
    Path f = write("{\"x\": [[\"A\", 1.5]], \"gap\": [0], \"y\": \"hf\"}\n");
    var e = assertThrows(DataFormatException.class, () -> JsonlReader.read(f, bags()));
    assertTrue(e.getMessage().startsWith(f + ":1: expected a code (string or integer) at x[0][1], found number 1.5"),
        e.getMessage());
    Path g = write("{\"x\": [[\"A\"], [\"B\"]], \"gap\": [0], \"y\": \"hf\"}\n");
    e = assertThrows(DataFormatException.class, () -> JsonlReader.read(g, bags()));
    assertTrue(e.getMessage().startsWith(g + ":1: expected 2 entries in \"gap\", one per step of \"x\", found 1"),
        e.getMessage());
    Path h = write("{\"x\": [\"A\"], \"gap\": [0], \"y\": \"hf\"}\n");
    e = assertThrows(DataFormatException.class, () -> JsonlReader.read(h, bags()));
    assertTrue(e.getMessage().contains("expected an array of codes or an object of weighted codes at x[0]"),
        e.getMessage());
    Path i = write("{\"x\": [[\"A\"]], \"gap\": [0], \"next\": [\"E11\"]}\n");
    e = assertThrows(DataFormatException.class, () -> JsonlReader.read(i,
        bags().withYField("next").withTarget(TargetKind.PER_STEP_MULTILABEL)));
    assertTrue(e.getMessage().contains("expected an array of label names at next[0]"), e.getMessage());
  }

  @Test
  void theCodeVocabularyKeepsFrequentTrainingCodesAndMapsTheRestToUnknown() throws IOException {
    CodeIndex index = new CodeIndex();
    SequenceDataset train = JsonlReader.read(write("""
        {"x": [["A", "B"], ["A"]], "gap": [0, 1], "y": "hf"}
        {"x": [["A", "C"]], "gap": [0], "y": "no"}
        """), bags(), index);
    CodeVocabulary v = CodeVocabulary.fit(train.examples(), index, 2);
    assertEquals(List.of("<unk>", "A"), v.codes(), "A seen 3 times; B and C once");
    SequenceExample remapped = v.remap(train.examples().get(0), index);
    assertArrayEquals(new int[] {1, 0, 1}, ((StepInput.Bags) remapped.primary()).ids());
    assertEquals(1, CodeVocabulary.unknownCount(List.of(remapped)));
    Path saved = dir.resolve("codes.json");
    v.save(saved);
    assertEquals(v.codes(), CodeVocabulary.load(saved).codes());
    Files.writeString(saved, Files.readString(saved).replace("\"<unk>\"", "\"A\""));
    var e = assertThrows(DataFormatException.class, () -> CodeVocabulary.load(saved));
    assertTrue(e.getMessage().startsWith(saved + ": expected \"codes\": [\"<unk>\", ...]"), e.getMessage());
  }
}
