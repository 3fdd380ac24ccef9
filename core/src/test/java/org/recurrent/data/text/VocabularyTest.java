package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;

class VocabularyTest {
  private static final List<String> TEXTS = List.of("the cat sat", "the dog sat", "a cat!");

  @TempDir Path dir;

  @Test
  void idsAreSpecialsThenFrequencyDescendingThenTokenAscending() {
    Vocabulary v = Vocabulary.fit(Tokenizer.words(), TEXTS);
    // counts: the 2, cat 2, sat 2, a 1, dog 1, ! 1; ties by String order ("!" < "a" < "dog").
    assertEquals(List.of("<pad>", "<unk>", "cat", "sat", "the", "!", "a", "dog"), v.tokens());
    assertEquals(OptionalInt.of(0), v.padId());
    assertEquals(OptionalInt.of(1), v.unkId());
    assertEquals(4, v.id("the"));
    assertEquals("dog", v.token(7));
  }

  @Test
  void sameTextsInAnyOrderGiveTheSameIds() {
    List<String> shuffled = new ArrayList<>(TEXTS);
    Collections.reverse(shuffled);
    assertEquals(Vocabulary.fit(Tokenizer.words(), TEXTS).tokens(),
        Vocabulary.fit(Tokenizer.words(), shuffled).tokens());
  }

  @Test
  void minFrequencyDropsRareTokensAndMaxSizeCountsSpecials() {
    Vocabulary frequent = Vocabulary.fit(Tokenizer.words(), TEXTS, VocabularyOptions.defaults().withMinFrequency(2));
    assertEquals(List.of("<pad>", "<unk>", "cat", "sat", "the"), frequent.tokens());
    Vocabulary small = Vocabulary.fit(Tokenizer.words(), TEXTS, VocabularyOptions.defaults().withMaxSize(4));
    assertEquals(List.of("<pad>", "<unk>", "cat", "sat"), small.tokens());
  }

  @Test
  void unknownTokensEncodeAsUnk() {
    Vocabulary v = Vocabulary.fit(Tokenizer.words(), TEXTS);
    assertArrayEquals(new int[] {4, 1, 3}, v.encode("The bird sat"));
    assertEquals("the <unk> sat", v.decode(new int[] {4, 1, 3}));
  }

  @Test
  void withoutUnkAnUnknownTokenIsAnError() {
    Vocabulary v = Vocabulary.fit(Tokenizer.characters(), List.of("abca"),
        VocabularyOptions.defaults().withSpecials(false, false));
    assertEquals(List.of("a", "b", "c"), v.tokens());
    assertTrue(v.padId().isEmpty());
    assertArrayEquals(new int[] {2, 0, 1}, v.encode("cab"));
    assertEquals("cab", v.decode(new int[] {2, 0, 1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.encode("abz"));
    assertEquals("token \"z\" is not in the vocabulary of 3 tokens, which has no <unk> token; fit it on this text"
        + " or with VocabularyOptions.unk = true", e.getMessage());
  }

  @Test
  void unkWithoutPadTakesIdZero() {
    Vocabulary v = Vocabulary.fit(Tokenizer.characters(), List.of("ab"),
        VocabularyOptions.defaults().withSpecials(false, true));
    assertEquals(List.of("<unk>", "a", "b"), v.tokens());
    assertArrayEquals(new int[] {1, 0}, v.encode("az"));
  }

  @Test
  void saveAndLoadGiveTheSameEncoding() throws IOException {
    Vocabulary v = Vocabulary.fit(new Tokenizer(Tokenizer.Level.WORD, false), TEXTS,
        VocabularyOptions.defaults().withSpecials(false, true));
    Path file = dir.resolve("vocab.json");
    v.save(file);
    Vocabulary loaded = Vocabulary.load(file);
    assertEquals(v.tokens(), loaded.tokens());
    assertEquals(v.tokenizer(), loaded.tokenizer());
    assertEquals(v.unkId(), loaded.unkId());
    assertTrue(loaded.padId().isEmpty());
    String text = "The cat sat on a mat!";
    assertArrayEquals(v.encode(text), loaded.encode(text));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temp file is left behind");
    }
  }

  @Test
  void saveReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("vocab.json");
    Files.writeString(file, "old");
    Vocabulary.fit(Tokenizer.characters(), List.of("xy")).save(file);
    assertEquals(4, Vocabulary.load(file).size());
  }

  @Test
  void loadRejectsAnotherFormat() throws IOException {
    Path file = write("{\"format\": \"x\", \"version\": 1}");
    assertEquals(file + ": expected format \"recurrent-vocabulary\", found \"x\"", loadError(file));
  }

  @Test
  void loadRejectsAnotherVersion() throws IOException {
    Path file = write("{\"format\": \"recurrent-vocabulary\", \"version\": 2}");
    assertEquals(file + ": expected version 1, found 2; this library reads version 1 only", loadError(file));
  }

  @Test
  void loadReportsAMissingField() throws IOException {
    Path file = write("{\"format\": \"recurrent-vocabulary\", \"version\": 1, \"level\": \"char\","
        + " \"lowercase\": false, \"specials\": {}}");
    assertEquals(file + ": missing field \"tokens\"", loadError(file));
  }

  @Test
  void loadRejectsDuplicateTokens() throws IOException {
    Path file = write(valid("[\"<pad>\", \"<unk>\", \"a\", \"b\", \"a\"]", "{\"pad\": 0, \"unk\": 1}"));
    assertEquals(file + ": token \"a\" appears twice in \"tokens\" (ids 2 and 4)", loadError(file));
  }

  @Test
  void loadRejectsASpecialIdThatHoldsAnotherToken() throws IOException {
    Path file = write(valid("[\"<pad>\", \"<unk>\", \"a\"]", "{\"pad\": 0, \"unk\": 2}"));
    assertEquals(file + ": expected specials.unk to be the id of \"<unk>\" in \"tokens\", found 2 which holds \"a\"",
        loadError(file));
  }

  @Test
  void loadRejectsAnUnknownLevel() throws IOException {
    Path file = write(valid("[\"a\"]", "{}").replace("\"word\"", "\"sentence\""));
    assertEquals(file + ": expected level \"char\" or \"word\", found \"sentence\"", loadError(file));
  }

  @Test
  void loadRejectsTruncatedJson() throws IOException {
    Path file = write(valid("[\"a\"]", "{}").substring(0, 40));
    String message = loadError(file);
    assertTrue(message.startsWith(file + ": not valid JSON: "), message);
  }

  @Test
  void aValidHandWrittenFileLoads() throws IOException {
    Vocabulary v = Vocabulary.load(write(valid("[\"<pad>\", \"hi\"]", "{\"pad\": 0}")));
    assertEquals(2, v.size());
    assertFalse(v.unkId().isPresent());
    assertEquals(Tokenizer.Level.WORD, v.tokenizer().level());
  }

  private static String valid(String tokens, String specials) {
    return "{\"format\": \"recurrent-vocabulary\", \"version\": 1, \"level\": \"word\", \"lowercase\": true,"
        + " \"specials\": " + specials + ", \"tokens\": " + tokens + "}";
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("vocab.json"), json);
  }

  private static String loadError(Path file) {
    return assertThrows(DataFormatException.class, () -> Vocabulary.load(file)).getMessage();
  }

  @Test
  void specialTokensInTheCountsAreNotAddedTwice() {
    Vocabulary v = Vocabulary.fromCounts(Tokenizer.characters(),
        Map.of("<unk>", 5L, "<pad>", 3L, "a", 2L), VocabularyOptions.defaults());
    assertEquals(List.of("<pad>", "<unk>", "a"), v.tokens());
    assertTrue(v.contains("a"));
    assertFalse(v.contains("b"));
  }

  @Test
  void tokenLooksUpIdsInsideTheVocabularyOnly() {
    Vocabulary v = Vocabulary.fit(Tokenizer.characters(), List.of("ab"), VocabularyOptions.defaults());
    assertEquals("b", v.token(v.size() - 1));
    assertEquals("id 4 is outside the vocabulary [0, 4)",
        assertThrows(IllegalArgumentException.class, () -> v.token(4)).getMessage());
    assertEquals("id -1 is outside the vocabulary [0, 4)",
        assertThrows(IllegalArgumentException.class, () -> v.token(-1)).getMessage());
  }

  @Test
  void saveAndLoadKeepPadAtIdZero() throws IOException {
    Vocabulary v = Vocabulary.fit(Tokenizer.characters(), List.of("ab"), VocabularyOptions.defaults());
    assertEquals(OptionalInt.of(0), v.padId());
    Path file = dir.resolve("vocab.json");
    v.save(file);
    Vocabulary loaded = Vocabulary.load(file);
    assertEquals(OptionalInt.of(0), loaded.padId());
    assertEquals(OptionalInt.of(1), loaded.unkId());
    assertEquals(v.tokens(), loaded.tokens());
  }

  @Test
  void optionsAcceptTheirSmallestValues() {
    // minFrequency 1, and room for exactly the two specials
    Vocabulary specialsOnly = Vocabulary.fit(Tokenizer.characters(), List.of("ab"), new VocabularyOptions(1, 2, true, true));
    assertEquals(List.of("<pad>", "<unk>"), specialsOnly.tokens());
    assertEquals(List.of("a"), Vocabulary.fit(Tokenizer.characters(), List.of("ab"), new VocabularyOptions(1, 1, false, false)).tokens());
    assertEquals("minFrequency must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new VocabularyOptions(0, 10, true, true)).getMessage());
    assertEquals("maxSize must be >= 2 (the specials plus room for tokens), got 1",
        assertThrows(IllegalArgumentException.class, () -> new VocabularyOptions(1, 1, true, true)).getMessage());
    assertEquals("maxSize must be >= 1 (the specials plus room for tokens), got 0",
        assertThrows(IllegalArgumentException.class, () -> new VocabularyOptions(1, 0, false, true)).getMessage());
  }

  @Test
  void loadRejectsASpecialIdOutsideTheTokensOrAtIdZeroHoldingAnotherToken() throws IOException {
    Path outside = write(valid("[\"<pad>\", \"<unk>\", \"a\"]", "{\"pad\": 0, \"unk\": 3}"));
    assertEquals(outside + ": expected specials.unk to be the id of \"<unk>\" in \"tokens\", found 3", loadError(outside));
    Path zero = write(valid("[\"a\", \"<pad>\"]", "{\"pad\": 0}"));
    assertEquals(zero + ": expected specials.pad to be the id of \"<pad>\" in \"tokens\", found 0 which holds \"a\"",
        loadError(zero));
  }
}
