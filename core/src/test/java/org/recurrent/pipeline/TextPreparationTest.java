package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.pipeline.DataPreparationFixtures.config;
import static org.recurrent.pipeline.DataPreparationFixtures.ids;
import static org.recurrent.pipeline.DataPreparationFixtures.missing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.TrainConfig;

/**
 * {@link DataPreparation} on text: labelled lines split chronologically, by id modulo, by ratio or by given
 * validation and test files (each file of a list split by its own line numbers), the vocabulary fitted on the
 * training lines; and a language model's corpus cut into contiguous parts by character fractions.
 */
class TextPreparationTest {

  // ---- text classification ----------------------------------------------------------------------------------

  /** Ten labelled lines {@code word<i> common<TAB>pos|neg} (line i, 1-based: pos when i is odd). */
  private static void texts(Path dir, String name, int n) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) sb.append("word").append(i).append(" common\t").append(i % 2 == 1 ? "pos" : "neg").append('\n');
    Files.writeString(dir.resolve(name), sb.toString());
  }

  @Test
  void textSplitsChronologicallyInLineOrder(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 10);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: chronological, train: 0.6, validation: 0.2}
        """), dir);
    // 10 lines: [0, 6) train, [6, 8) validation, [8, 10) test
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), ids(d.train()));
    assertEquals(List.of("7", "8"), ids(d.validation()));
    assertEquals(List.of("9", "10"), ids(d.test()));
    assertEquals(List.of("neg", "pos"), d.classes());
    // the vocabulary is fitted on the training lines only: word7 is unknown
    assertTrue(d.vocabulary().contains("word6"));
    assertTrue(!d.vocabulary().contains("word7"));
  }

  @Test
  void textIdModuloSplitsByZeroBasedLineNumber(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 23);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: id_modulo, modulus: 10, validation_residues: [8], test_residues: [9]}
        """), dir);
    // ids are 1-based line numbers; the split's id is the 0-based one: lines 9 and 19 (i = 8, 18) validation,
    // lines 10 and 20 (i = 9, 19) test, the rest (including 21..23) train
    assertEquals(List.of("9", "19"), ids(d.validation()));
    assertEquals(List.of("10", "20"), ids(d.test()));
    assertEquals(19, d.train().size());
    assertTrue(ids(d.train()).containsAll(List.of("1", "8", "11", "21", "23")), ids(d.train()).toString());
  }

  @Test
  void aListOfTextFilesIsOneTrainingSetSplitByEachFilesOwnLineNumbers(@TempDir Path dir) throws IOException {
    texts(dir, "a.txt", 13);
    texts(dir, "b.txt", 20);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: [a.txt, b.txt]
          split: {method: id_modulo, modulus: 10, validation_residues: [8], test_residues: [9]}
        """), dir);
    // each file's own 0-based line i: i = 8 (a.txt), 8 and 18 (b.txt) validation; i = 9, 9 and 19 test. Counted
    // over the concatenation instead, b.txt's line j would be i = 12 + j: validation at b.txt:6 and b.txt:16
    assertEquals(List.of("a.txt:9", "b.txt:9", "b.txt:19"), sources(d.validation()));
    assertEquals(List.of("a.txt:10", "b.txt:10", "b.txt:20"), sources(d.test()));
    assertEquals(13 + 20 - 6, d.train().size());
    assertEquals(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")), d.files().subList(0, 2));
  }

  @Test
  void aListOfTrainingFilesIsForTextOnlyAndEachMustExist(@TempDir Path dir) throws IOException {
    texts(dir, "a.txt", 10);
    var e = assertThrows(IOException.class, () -> config(dir, """
        task: classification
        data: {format: wide_csv, train: [a.csv, b.csv]}
        """));
    assertTrue(e.getMessage().contains("data.train lists 2 files, but data.format wide_csv reads one; a list of files "
        + "(pooled sources) is for data.format text"), e.getMessage());
    assertEquals("data.train: file not found: " + dir.resolve("none.txt"), missing(config(dir, """
        task: classification
        data: {format: text, train: [a.txt, %s]}
        """.formatted(dir.resolve("none.txt"))), dir));
  }

  private static List<String> sources(List<org.recurrent.data.SequenceExample> examples) {
    return examples.stream().map(e -> Path.of(e.source()).getFileName().toString()).toList();
  }

  @Test
  void textRatioSplitShufflesEveryLineIntoOnePart(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 10);
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: ratio, train: 0.6, validation: 0.2, seed: 1}
        """), dir);
    assertEquals(6, d.train().size());
    assertEquals(2, d.validation().size());
    assertEquals(2, d.test().size());
    java.util.Set<String> all = new java.util.TreeSet<>(ids(d.train()));
    all.addAll(ids(d.validation()));
    all.addAll(ids(d.test()));
    assertEquals(10, all.size());
    assertTrue(!ids(d.train()).equals(List.of("1", "2", "3", "4", "5", "6")), "shuffled: " + ids(d.train()));
  }

  @Test
  void textColumnSplitIsRefused(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 4);
    Files.writeString(dir.resolve("split.csv"), "id,split\n1,train\n");
    TrainConfig c = config(dir, """
        task: classification
        data:
          format: text
          train: t.txt
          split: {method: column, file: split.csv}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(c, dir));
    assertEquals("data.split.method column is not available for text; give data.validation / data.test files or use "
        + "ratio", e.getMessage());
  }

  @Test
  void textValidationAndTestFilesAreTheirParts(@TempDir Path dir) throws IOException {
    texts(dir, "t.txt", 6);
    texts(dir, "v.txt", 3);
    texts(dir, "e.txt", 2);
    PreparedData onlyValidation = DataPreparation.prepare(config(dir, """
        task: classification
        data: {format: text, train: t.txt, validation: v.txt}
        """), dir);
    assertEquals(6, onlyValidation.train().size(), "the whole training file");
    assertEquals(3, onlyValidation.validation().size());
    assertEquals(0, onlyValidation.test().size());
    assertEquals(List.of(dir.resolve("t.txt"), dir.resolve("v.txt")), onlyValidation.files());
    PreparedData onlyTest = DataPreparation.prepare(config(dir, """
        task: classification
        data: {format: text, train: t.txt, test: e.txt}
        """), dir);
    assertEquals(6, onlyTest.train().size());
    assertEquals(0, onlyTest.validation().size());
    assertEquals(2, onlyTest.test().size());
    assertEquals(List.of(dir.resolve("t.txt"), dir.resolve("e.txt")), onlyTest.files());
  }

  // ---- language model over one text ------------------------------------------------------------------------

  @Test
  void corpusIsCutIntoContiguousPartsByCharacterFractions(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("c.txt"), "abcdefghij");
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: language_model
        data:
          format: text_corpus
          train: c.txt
          split: {train: 0.5, validation: 0.3}
        """), dir);
    // 10 characters: train [0, 5) = abcde, validation [5, floor(10 * 0.8)) = fgh, test ij
    assertArrayEquals(d.vocabulary().encode("abcde"), d.corpusTrain());
    assertEquals(5, d.corpusTrain().length);
    assertEquals(3, d.corpusValidation().length);
    assertEquals(2, d.corpusTest().length);
    int unk = d.vocabulary().encode("z")[0];
    assertArrayEquals(new int[] {unk, unk, unk}, d.corpusValidation(), "f, g, h are not in the training part");
  }

  @Test
  void corpusValidationAndTestFilesAreTheirParts(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("c.txt"), "abcab");
    Files.writeString(dir.resolve("v.txt"), "cab");
    PreparedData d = DataPreparation.prepare(config(dir, """
        task: language_model
        data: {format: text_corpus, train: c.txt, validation: v.txt}
        """), dir);
    assertArrayEquals(d.vocabulary().encode("abcab"), d.corpusTrain(), "the whole training file");
    assertArrayEquals(d.vocabulary().encode("cab"), d.corpusValidation());
    assertEquals(0, d.corpusTest().length);
  }

  @Test
  void corpusNeedsTwoTrainingTokens(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("two.txt"), "ab");
    Files.writeString(dir.resolve("one.txt"), "a");
    Files.writeString(dir.resolve("v.txt"), "ab");
    PreparedData two = DataPreparation.prepare(config(dir, """
        task: language_model
        data: {format: text_corpus, train: two.txt, validation: v.txt}
        """), dir);
    assertEquals(2, two.corpusTrain().length);
    TrainConfig one = config(dir, """
        task: language_model
        data: {format: text_corpus, train: one.txt, validation: v.txt}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(one, dir));
    assertEquals(dir.resolve("one.txt") + ": the training text has fewer than 2 tokens", e.getMessage());
  }
}
