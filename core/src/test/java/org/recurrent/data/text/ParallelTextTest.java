package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;

class ParallelTextTest {

  @Test
  void readsPairsAndSkipsBlankLines(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("p.tsv"), "one two\t12\n\n three \t 3 \n");
    List<ParallelText.Pair> pairs = ParallelText.read(f);
    assertEquals(List.of(new ParallelText.Pair("one two", "12", f + ":1"), new ParallelText.Pair("three", "3", f + ":3")),
        pairs);
  }

  @Test
  void badLinesAreFileLineErrors(@TempDir Path dir) throws IOException {
    Path noTab = Files.writeString(dir.resolve("a.tsv"), "one\t1\ntwo 2\n");
    assertEquals(noTab + ":2: expected source<TAB>target (exactly one tab), found no tab",
        assertThrows(DataFormatException.class, () -> ParallelText.read(noTab)).getMessage());
    Path twoTabs = Files.writeString(dir.resolve("b.tsv"), "one\t1\t2\n");
    assertEquals(twoTabs + ":1: expected source<TAB>target (exactly one tab), found more than one tab",
        assertThrows(DataFormatException.class, () -> ParallelText.read(twoTabs)).getMessage());
    Path empty = Files.writeString(dir.resolve("c.tsv"), "one\t \n");
    assertEquals(empty + ":1: the target is empty",
        assertThrows(DataFormatException.class, () -> ParallelText.read(empty)).getMessage());
  }

  @Test
  void recordsHoldTeacherInputsShiftedTargetsAndTheSource() throws IOException {
    List<ParallelText.Pair> train = List.of(new ParallelText.Pair("one two", "12", "t:1"),
        new ParallelText.Pair("two", "2", "t:2"));
    Vocabulary source = Vocabulary.fit(Tokenizer.words(), List.of("one two", "two"));
    List<String> targets = ParallelText.fitTargetTokens(Tokenizer.characters(), List.of("12", "2"), 1);
    // specials, then "2" (twice) before "1" (once)
    assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", "2", "1"), targets);
    SequenceExample e = ParallelText.encode(train, source, Tokenizer.characters(), targets).records().get(0);
    assertArrayEquals(new int[] {ParallelText.BOS_ID, 5, 4}, ((StepInput.Tokens) e.primary()).ids());
    assertArrayEquals(new float[] {5, 4, ParallelText.EOS_ID}, e.y());
    assertArrayEquals(new int[] {source.id("one"), source.id("two")},
        ((StepInput.Tokens) e.input(ParallelText.SOURCE)).ids());
  }

  @Test
  void unknownTokensBecomeUnkAndAreCounted() throws IOException {
    Vocabulary source = Vocabulary.fit(Tokenizer.words(), List.of("one"));
    List<String> targets = ParallelText.fitTargetTokens(Tokenizer.characters(), List.of("1"), 1);
    ParallelText.Encoded enc = ParallelText.encode(List.of(new ParallelText.Pair("one nine", "19", "v:1")), source,
        Tokenizer.characters(), targets);
    assertEquals(1, enc.unknownSource());
    assertEquals(1, enc.unknownTarget());
    assertArrayEquals(new float[] {4, ParallelText.UNK_ID, ParallelText.EOS_ID}, enc.records().get(0).y());
  }

  @Test
  void detokenizeJoinsCharactersAndSpacesWordsAndDropsSpecials() {
    List<String> t = List.of("<pad>", "<unk>", "<bos>", "<eos>", "ab", "c");
    assertEquals("abc", ParallelText.detokenize(new int[] {2, 4, 5, 3}, t, Tokenizer.Level.CHARACTER));
    assertEquals("ab c", ParallelText.detokenize(new int[] {4, 5}, t, Tokenizer.Level.WORD));
  }
}
