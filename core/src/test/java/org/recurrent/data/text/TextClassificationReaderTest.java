package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;

class TextClassificationReaderTest {
  private static final Path SST2_TRAIN = Path.of("/work/shared/data/sst2/stsa.binary.train");
  private static final Path YELP = Path.of("/work/shared/data/sentiment-labelled-sentences/yelp_labelled.txt");

  @TempDir Path dir;

  @Test
  void readsLabelFirstLinesSkippingBlankOnes() throws IOException {
    Path file = write("train.txt", "1 a good film\n\n0 not  good ,  at all\n");
    List<LabelledText> texts = new TextClassificationReader(TextClassificationOptions.labelFirst()).read(file);
    assertEquals(List.of(new LabelledText("a good film", "1", file, 1), new LabelledText("not  good ,  at all", "0",
        file, 3)), texts);
  }

  @Test
  void readsLabelLastLinesWhoseTextHasTabs() throws IOException {
    Path file = write("yelp.txt", "Wow... Loved\tthis place.\t1\nCrust is not good.\t0\n");
    List<LabelledText> texts = new TextClassificationReader(TextClassificationOptions.labelLast()).read(file);
    assertEquals(List.of(new LabelledText("Wow... Loved\tthis place.", "1", file, 1),
        new LabelledText("Crust is not good.", "0", file, 2)), texts);
  }

  @Test
  void readsGzippedFiles() throws IOException {
    Path file = dir.resolve("train.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("neg bad\npos good\n".getBytes(StandardCharsets.UTF_8));
    }
    List<LabelledText> texts = new TextClassificationReader(TextClassificationOptions.labelFirst()).read(file);
    assertEquals(List.of("neg", "pos"), texts.stream().map(LabelledText::label).toList());
  }

  @Test
  void examplesHoldTokenIdsAndClassIndexTruncatedToMaxLength() throws IOException {
    Path file = write("train.txt", "1 a good film\n0 not good\n");
    TextClassificationReader reader = new TextClassificationReader(TextClassificationOptions.labelFirst()
        .withMaxLength(2));
    List<LabelledText> texts = reader.read(file);
    Vocabulary vocab = Vocabulary.fit(reader.options().tokenizer(),
        texts.stream().map(LabelledText::text).toList());
    // <pad> <unk> good a film not
    List<SequenceExample> examples = reader.toExamples(texts, vocab, ClassLabels.fromTexts(texts));
    assertEquals(2, examples.size());
    SequenceExample first = examples.get(0);
    assertEquals(2, first.length());
    assertEquals(1, first.features());
    assertArrayEquals(new int[] {vocab.id("a"), vocab.id("good")}, first.tokenIds());
    assertArrayEquals(new float[] {1}, first.y());
    assertEquals("1", first.id());
    assertEquals(file + ":1", first.source());
    assertArrayEquals(new float[] {0}, examples.get(1).y());
  }

  @Test
  void reportsAMissingSeparator() throws IOException {
    Path file = write("bad.txt", "1 fine\nnolabelhere\n");
    assertEquals(file + ":2: expected <label>\\s+<text>, found no separator in \"nolabelhere\"",
        readError(TextClassificationOptions.labelFirst(), file));
  }

  @Test
  void reportsAMissingTab() throws IOException {
    Path file = write("bad.txt", "great place 1\n");
    assertEquals(file + ":1: expected <text>\\t<label>, found no separator in \"great place 1\"",
        readError(TextClassificationOptions.labelLast(), file));
  }

  @Test
  void reportsAnEmptyText() throws IOException {
    Path file = write("bad.csv", "0,fine\n1,   \n");
    assertEquals(file + ":2: expected <label>,<text>, found an empty text",
        readError(TextClassificationOptions.labelFirst().withSeparator(","), file));
  }

  @Test
  void reportsBytesThatAreNotUtf8AtTheirLine() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'1', ' ', 'o', 'k', '\n', '0', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'});
    assertEquals(file + ":2: expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)",
        readError(TextClassificationOptions.labelFirst(), file));
  }

  @Test
  void reportsALabelThatIsNotAKnownClass() throws IOException {
    Path train = write("train.txt", "0 bad\n1 good\n");
    Path dev = write("dev.txt", "1 fine\n2 odd\n");
    TextClassificationReader reader = new TextClassificationReader(TextClassificationOptions.labelFirst());
    List<LabelledText> texts = reader.read(train);
    Vocabulary vocab = Vocabulary.fit(reader.options().tokenizer(), List.of("bad good"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> reader.readExamples(dev, vocab, ClassLabels.fromTexts(texts)));
    assertEquals(dev + ":2: expected a label in the classes [0, 1], found \"2\"", e.getMessage());
  }

  @Test
  void rejectsAVocabularyBuiltWithAnotherTokenizer() throws IOException {
    Path file = write("train.txt", "0 bad\n");
    TextClassificationReader reader = new TextClassificationReader(TextClassificationOptions.labelFirst());
    Vocabulary chars = Vocabulary.fit(Tokenizer.characters(), List.of("bad"));
    assertThrows(IllegalArgumentException.class,
        () -> reader.readExamples(file, chars, new ClassLabels(List.of("0"))));
  }

  @Test
  void readsTheSst2TrainingFile() throws IOException {
    assumeTrue(Files.isReadable(SST2_TRAIN), "SST-2 data not present");
    long nonEmpty;
    try (var lines = Files.lines(SST2_TRAIN)) {
      nonEmpty = lines.filter(l -> !l.isBlank()).count();
    }
    TextClassificationReader reader = new TextClassificationReader(TextClassificationOptions.labelFirst());
    List<LabelledText> texts = reader.read(SST2_TRAIN);
    assertEquals(nonEmpty, texts.size());
    assertEquals(6920, texts.size()); // the README's count
    ClassLabels classes = ClassLabels.fromTexts(texts);
    assertEquals(List.of("0", "1"), classes.names());
    assertEquals(3610, texts.stream().filter(t -> t.label().equals("1")).count());
    Vocabulary vocab = Vocabulary.fit(reader.options().tokenizer(), texts.stream().map(LabelledText::text).toList());
    List<SequenceExample> examples = reader.toExamples(texts, vocab, classes);
    assertEquals(6920, examples.size());
    // Built on this very text, the vocabulary has no unknown tokens.
    long unknown = 0;
    for (SequenceExample e : examples) {
      for (int id : e.tokenIds()) if (id == vocab.unkId().getAsInt()) unknown++;
    }
    assertEquals(0, unknown);
  }

  @Test
  void readsTheYelpFileWithLabelLast() throws IOException {
    assumeTrue(Files.isReadable(YELP), "sentiment-labelled-sentences data not present");
    List<LabelledText> texts = new TextClassificationReader(TextClassificationOptions.labelLast()).read(YELP);
    assertEquals(1000, texts.size());
    assertEquals(List.of("0", "1"), ClassLabels.fromTexts(texts).names());
    assertEquals("Wow... Loved this place.", texts.get(0).text());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static String readError(TextClassificationOptions options, Path file) {
    return assertThrows(DataFormatException.class, () -> new TextClassificationReader(options).read(file))
        .getMessage();
  }

  @Test
  void readExamplesEncodesEveryLineAndChecksTheTokenizer() throws IOException {
    Path file = write("valid.txt", "1 good film\n0 bad\n");
    TextClassificationReader reader = new TextClassificationReader(TextClassificationOptions.labelFirst());
    Vocabulary words = Vocabulary.fit(TextClassificationOptions.labelFirst().tokenizer(), List.of("good film bad"));
    ClassLabels classes = new ClassLabels(List.of("0", "1"));
    List<SequenceExample> examples = reader.readExamples(file, words, classes);
    assertEquals(2, examples.size());
    int[] ids = words.encode("good film");
    assertArrayEquals(ids, examples.get(0).tokenIds());
    assertArrayEquals(new float[] {1}, examples.get(0).y());
    Vocabulary chars = Vocabulary.fit(Tokenizer.characters(), List.of("bad"));
    List<LabelledText> texts = reader.read(file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> reader.toExamples(texts, chars, classes));
    assertTrue(e.getMessage().startsWith("the vocabulary tokenises with "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; fit the vocabulary with options.tokenizer()"), e.getMessage());
  }

  @Test
  void optionsChooseTheTokenizer() {
    TextClassificationOptions chars = TextClassificationOptions.labelFirst().withTokenizer(Tokenizer.Level.CHARACTER, false);
    assertEquals(new Tokenizer(Tokenizer.Level.CHARACTER, false), chars.tokenizer());
  }
}
