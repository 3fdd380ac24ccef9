package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusTest {
  private static final Path SHAKESPEARE = Path.of("/work/shared/data/tinyshakespeare/input.txt");

  @TempDir Path dir;

  @Test
  void batchifyLaysOutContiguousStreamsTimeMajor() {
    int[] ids = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    // B = 3 streams of T = 3: [0 1 2] [3 4 5] [6 7 8]; 9 and 10 dropped. Row t holds step t of every stream.
    assertArrayEquals(new int[] {
        0, 3, 6,
        1, 4, 7,
        2, 5, 8}, TextCorpus.batchify(ids, 3));
    assertArrayEquals(ids, TextCorpus.batchify(ids, 1));
  }

  @Test
  void batchifyRejectsMoreStreamsThanIds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextCorpus.batchify(new int[] {1, 2}, 3));
    assertEquals("2 ids cannot fill 3 streams; use a smaller batch", e.getMessage());
  }

  @Test
  void splitIsContiguousWithoutShuffling() {
    TextCorpus.Split parts = TextCorpus.split(new int[] {5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 0.75);
    assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10, 11}, parts.train());
    assertArrayEquals(new int[] {12, 13, 14}, parts.validation());
  }

  @Test
  void splitRejectsAFractionThatLeavesNoTraining() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextCorpus.split(new int[] {1, 2, 3}, 0.1));
    assertEquals("a train fraction of 0.1 of 3 ids leaves no training ids", e.getMessage());
  }

  @Test
  void readEncodesTheWholeFileAsCharacters() throws IOException {
    Path file = Files.writeString(dir.resolve("t.txt"), "abba\ncab\n");
    String text = TextCorpus.readText(file);
    Vocabulary vocab = Vocabulary.fit(Tokenizer.characters(), List.of(text),
        VocabularyOptions.defaults().withSpecials(false, false));
    // counts: a 3, b 3, \n 2, c 1 -> "\n" < "a" only matters among equal counts: a, b, \n, c
    assertEquals(List.of("a", "b", "\n", "c"), vocab.tokens());
    int[] ids = TextCorpus.read(file, vocab);
    assertArrayEquals(new int[] {0, 1, 1, 0, 2, 3, 0, 1, 2}, ids);
    assertEquals(text, vocab.decode(ids));
  }

  @Test
  void readsTinyShakespeare() throws IOException {
    assumeTrue(Files.isReadable(SHAKESPEARE), "tinyshakespeare not present");
    String text = TextCorpus.readText(SHAKESPEARE);
    Vocabulary vocab = Vocabulary.fit(Tokenizer.characters(), List.of(text),
        VocabularyOptions.defaults().withSpecials(false, false));
    assertEquals(65, vocab.size()); // the well-known character count of tiny Shakespeare
    int[] ids = vocab.encode(text);
    assertEquals(text.length(), ids.length); // ASCII: one char per code point
    int[] batched = TextCorpus.batchify(TextCorpus.split(ids, 0.9).train(), 32);
    assertEquals((int) Math.floor(ids.length * 0.9) / 32 * 32, batched.length);
  }

  @Test
  void splitRejectsFractionsOutsideZeroToOne() {
    assertEquals("trainFraction must be in (0, 1), got 0.0",
        assertThrows(IllegalArgumentException.class, () -> TextCorpus.split(new int[] {1, 2, 3}, 0)).getMessage());
    assertEquals("trainFraction must be in (0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> TextCorpus.split(new int[] {1, 2, 3}, 1)).getMessage());
  }
}
