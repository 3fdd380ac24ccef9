package org.recurrent.pipeline;

import org.recurrent.data.BatchPlan;
import org.recurrent.data.TargetLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.Batch;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.text.Tokenizer;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

/**
 * Pins what docs/model-format.md ("Token models") says about text, on models trained from a config as a user
 * would: {@code input_size}, the tokenizers and their defaults, vocabulary ids (specials, order, min_frequency,
 * unknown tokens), the padding id and {@code max_length}.
 *
 * <p>The classification texts, lower-cased, count the 5, film 3, was / good / bad / "." 2, plot / dull 1; with
 * min_frequency 2 the ids are {@code <pad>}=0 {@code <unk>}=1 the=2 film=3 .=4 bad=5 good=6 was=7 (ties by token).
 * The corpus "baab\nA b" counts b 3, a 2, and "\n", " ", "A" once: {@code <unk>}=0 b=1 a=2 "\n"=3 " "=4 A=5.
 */
class TextInputsTest {
  @TempDir static Path shared;
  static Path text, corpus;

  @BeforeAll
  static void trainModels() throws IOException {
    Path dir = Files.createDirectories(shared.resolve("text"));
    write(dir.resolve("train.txt"), "1 The film was good.\n0 The film was bad.\n1 the good film\n0 the bad plot\n0 THE dull\n");
    write(dir.resolve("valid.txt"), "1 good film\n0 bad film\n");
    text = train(dir, """
        task: classification
        data:
          format: text
          train: train.txt
          validation: valid.txt
          options: {label_position: first, min_frequency: 2, max_length: 4}
        model: {cell: gru, embedding_dim: 3, hidden_size: 4}
        training: {epochs: 1, batch_size: 2, optimizer: {name: adam, lr: 0.01}}
        """);
    Path lm = Files.createDirectories(shared.resolve("corpus"));
    write(lm.resolve("train.txt"), "baab\nA b");
    write(lm.resolve("valid.txt"), "abba");
    corpus = train(lm, """
        task: language_model
        data:
          format: text_corpus
          train: train.txt
          validation: valid.txt
        model: {cell: gru, embedding_dim: 3, hidden_size: 4}
        training: {epochs: 1, batch_size: 2, tbptt: 2, optimizer: {name: adam, lr: 0.01}}
        """);
  }

  private static Path train(Path dir, String config) throws IOException {
    Path file = write(dir.resolve("run.yaml"), "seed: 1\n" + config);
    Path out = dir.resolve("model");
    TrainingRun.run(file, new TrainingRun.Options(out, false, false, null, Progress.quiet()));
    return out;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static JsonNode json(Path file) throws IOException {
    return ModelDirectory.JSON.readTree(file.toFile());
  }

  private static Vocabulary vocabulary(Path model) throws IOException {
    return new ModelData(ModelDirectory.read(model)).vocabulary();
  }

  /** The token ids ModelData reads for each record of {@code lines}. */
  private static List<int[]> ids(Path model, Path dir, String lines, String labels) throws IOException {
    Path file = write(dir.resolve("new.txt"), lines);
    return new ModelData(ModelDirectory.read(model)).read(file, labels).examples().stream()
        .map(SequenceExample::tokenIds).toList();
  }


  @Test
  void tokenModelsWriteInputSizeOneAndTheVocabularyAsTheirInputs() throws IOException {
    JsonNode m = json(text.resolve(ModelDirectory.CONFIG));
    assertEquals(1, m.path("model").path("input_size").asInt(), "one id per step");
    assertEquals(8, m.path("model").path("vocab_size").asInt());
    assertEquals(0, m.path("model").path("padding_idx").asInt(), "classification pads with <pad> = 0");
    assertEquals("[\"token\"]", m.path("feature_names").toString());
    JsonNode lm = json(corpus.resolve(ModelDirectory.CONFIG)).path("model");
    assertEquals(1, lm.path("input_size").asInt());
    assertEquals(-1, lm.path("padding_idx").asInt(), "a corpus is never padded");
  }

  @Test
  void textDefaultsToLowercasedWordsWithPadZeroAndUnkOne() throws IOException {
    JsonNode v = json(text.resolve("vocab.json"));
    assertEquals("word", v.path("level").asText());
    assertEquals(true, v.path("lowercase").asBoolean());
    assertEquals("{\"pad\":0,\"unk\":1}", v.path("specials").toString());
    assertEquals(List.of("<pad>", "<unk>", "the", "film", ".", "bad", "good", "was"), vocabulary(text).tokens(),
        "specials, then count descending, ties by token; plot and dull (once each) fall under min_frequency 2");
  }

  @Test
  void corpusDefaultsToCharactersWithCaseKeptAndOnlyUnkAtZero() throws IOException {
    JsonNode v = json(corpus.resolve("vocab.json"));
    assertEquals("char", v.path("level").asText());
    assertEquals(false, v.path("lowercase").asBoolean());
    assertEquals("{\"unk\":0}", v.path("specials").toString());
    assertEquals(List.of("<unk>", "b", "a", "\n", " ", "A"), vocabulary(corpus).tokens());
  }

  @Test
  void aWordIsARunOfLettersDigitsAndMarksAndEveryOtherSymbolIsATokenOfItsOwn() throws IOException {
    Tokenizer words = vocabulary(text).tokenizer();
    assertEquals(List.of("isn", "'", "t", "re", "-", "imagining", "2x", "_", "faster", "?"),
        words.tokenize("Isn't re-imagining 2x_faster?"));
    assertEquals(List.of("cafe\u0301", "x", "²", "ünder", "\uD83D\uDE00"), words.tokenize("Cafe\u0301 x² Ünder\u00A0\uD83D\uDE00"),
        "a combining accent stays in its word; ² is not a digit; the no-break space separates; an emoji is one token");
    assertEquals(List.of("does", "n", "'", "t"), words.tokenize("does n't"), "SST-2's pre-split text");
    assertEquals(List.of(), words.tokenize(" \t\n"));
  }

  @Test
  void aCharacterIsOneCodePointWhitespaceAndLineBreaksIncluded() throws IOException {
    Tokenizer chars = vocabulary(corpus).tokenizer();
    assertEquals(List.of("A", " ", "b", "\n", "\uD83D\uDE00"), chars.tokenize("A b\n\uD83D\uDE00"));
  }

  @Test
  void unknownTokensGetUnkAndSpecialsNeverComeFromText(@TempDir Path dir) throws IOException {
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, vocabulary(text).encode("<pad> <unk>"),
        "\"<pad>\" in a text is the tokens <, pad, >, all unknown");
    assertArrayEquals(new int[] {2, 1, 6}, ids(text, dir, "THE dull GOOD\n", "no").get(0),
        "lower-cased, then dull (under min_frequency) is <unk>");
    assertArrayEquals(new int[] {5, 0, 1, 0, 3}, vocabulary(corpus).encode("A?b?\n"), "characters: <unk> = 0");
  }

  @Test
  void maxLengthKeepsTheFirstTokensWithAndWithoutLabels(@TempDir Path dir) throws IOException {
    int[] first4 = {2, 3, 7, 6};                                              // the film was good
    assertArrayEquals(first4, ids(text, dir, "the film was good and the bad plot\n", "no").get(0));
    assertArrayEquals(first4, ids(text, dir, "1 the film was good and the bad plot\n", "yes").get(0));
    assertArrayEquals(new int[] {2, 3}, ids(text, dir, "the film\n", "no").get(0), "shorter texts are kept whole");
  }

  @Test
  void unlabelledLinesAreStrippedLikeTheTextOfALabelledLine(@TempDir Path dir) throws IOException {
    Path chars = Files.createDirectories(shared.resolve("chars"));
    write(chars.resolve("train.txt"), "1 ab\n0 ba\n1 aab\n0 bba\n");
    Path model = train(chars, """
        task: classification
        data:
          format: text
          train: train.txt
          validation: train.txt
          options: {label_position: first, level: char}
        model: {cell: gru, embedding_dim: 3, hidden_size: 4}
        training: {epochs: 1, batch_size: 2, optimizer: {name: adam, lr: 0.01}}
        """);
    List<int[]> unlabelled = ids(model, dir, "  ab \n", "no");
    List<int[]> labelled = ids(model, dir, "1   ab \n", "yes");
    assertArrayEquals(labelled.get(0), unlabelled.get(0), Arrays.toString(unlabelled.get(0)));
    assertEquals(2, unlabelled.get(0).length, "the spaces around the text are not tokens");
  }

  @Test
  void batchesArePaddedWithThePaddingId(@TempDir Path dir) throws IOException {
    List<SequenceExample> records = new ModelData(ModelDirectory.read(text))
        .read(write(dir.resolve("two.txt"), "the film was good\nbad\n"), "no").examples();
    Batch b = new Batcher(records, BatchPlan.of(2), TargetLayout.perRecord(0)).assemble(new int[] {0, 1});
    assertArrayEquals(new int[] {4, 1}, b.lengths());
    assertArrayEquals(new int[] {2, 5, 3, 0, 7, 0, 6, 0}, b.tokens(), "(T, B) time-major; steps after 'bad' are 0");
  }
}
