package org.recurrent.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.Sampling;
import org.recurrent.ops.Ops;
import org.recurrent.pipeline.ModelData;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

class GenerationTest {
  @TempDir static Path shared;
  private static Path characters, words, classifier;

  @BeforeAll
  static void trainModels() throws IOException {
    Files.writeString(shared.resolve("text.txt"), "to be or not to be, that is the question.\n".repeat(20));
    Path lm = Files.writeString(shared.resolve("lm.yaml"), """
        task: language_model
        data: {format: text_corpus, train: text.txt}
        model: {cell: lstm, hidden_size: 12, embedding_dim: 6}
        training: {epochs: 2, batch_size: 4, tbptt: 16, optimizer: {name: adam, lr: 0.02}}
        """);
    characters = TrainingRun.run(lm, new TrainingRun.Options(shared.resolve("chars"), false, false, null,
        Progress.quiet())).modelDir();
    Path wordLm = Files.writeString(shared.resolve("words.yaml"), """
        task: language_model
        data: {format: text_corpus, train: text.txt, options: {level: word}}
        model: {cell: gru, hidden_size: 8, embedding_dim: 4}
        training: {epochs: 1, batch_size: 2, tbptt: 8}
        """);
    words = TrainingRun.run(wordLm, new TrainingRun.Options(shared.resolve("words"), false, false, null,
        Progress.quiet())).modelDir();
    Files.writeString(shared.resolve("rows.csv"), "id,a,b,y\n" + "r1,1,2,x\nr2,2,1,z\n".repeat(10));
    Path cls = Files.writeString(shared.resolve("cls.yaml"), """
        task: classification
        data: {format: wide_csv, train: rows.csv, options: {id_column: id, label_column: y}}
        model: {cell: rnn_tanh, hidden_size: 3}
        training: {epochs: 1, batch_size: 4}
        """);
    classifier = TrainingRun.run(cls, new TrainingRun.Options(shared.resolve("cls"), false, false, null,
        Progress.quiet())).modelDir();
  }

  @Test
  void theSameSeedGivesTheSameTextAndAnotherSeedAnother() throws IOException {
    String a = Generation.generate(characters, "to ", new Generation.Options(200, 1.0, 0, 7), t -> {});
    String b = Generation.generate(characters, "to ", new Generation.Options(200, 1.0, 0, 7), t -> {});
    String c = Generation.generate(characters, "to ", new Generation.Options(200, 1.0, 0, 8), t -> {});
    assertEquals(200, a.length(), "200 characters, never the special <unk>: " + a);
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void topOneIsGreedyDecoding() throws IOException {
    String prime = "to be";
    String text = Generation.generate(characters, prime, new Generation.Options(30, 0.8, 1, 3), t -> {});
    ModelDirectory.Loaded loaded = ModelDirectory.read(characters);
    Vocabulary vocabulary = new ModelData(loaded).vocabulary();
    // each token must be the argmax after the prime and every token before it, from one pass over the whole text
    StringBuilder sofar = new StringBuilder(prime);
    for (int k = 0; k < text.length(); k++) {
      int best = argmaxAfter(loaded.model(), vocabulary.encode(sofar.toString()));
      assertEquals(vocabulary.token(best), String.valueOf(text.charAt(k)), "token " + k + " after \"" + sofar + "\"");
      sofar.append(text.charAt(k));
    }
    assertEquals(text, Generation.generate(characters, prime, new Generation.Options(30, 0.8, 1, 99), t -> {}),
        "greedy decoding does not depend on the seed");
  }

  @Test
  void everyTokenReachesTheListenerAsItIsDrawn() throws IOException {
    List<String> pieces = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String text = Generation.generate(characters, "th", new Generation.Options(50, 0.8, 0, 1), t -> {
      pieces.add(t);
      sizes.add(pieces.size());
    });
    assertEquals(50, pieces.size());
    assertEquals(text, String.join("", pieces));
    pieces.forEach(p -> assertEquals(1, p.length(), "one character at a time"));
  }

  @Test
  void wordModelsGenerateWordsSeparatedBySpaces() throws IOException {
    String text = Generation.generate(words, "to be", new Generation.Options(12, 0.8, 0, 1), t -> {});
    List<String> vocabulary = new ModelData(ModelDirectory.read(words)).vocabulary().tokens();
    String[] drawn = text.substring(1).split(" ");
    assertTrue(text.startsWith(" "), "a word follows the prime after a space: '" + text + "'");
    assertEquals(12, drawn.length, text);
    for (String w : drawn) assertTrue(vocabulary.contains(w), w);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Generation.generate(words, "to sleep", new Generation.Options(5, 0.8, 0, 1), t -> {}));
    assertEquals("--prime: word \"sleep\" (word 2) is not in the model's vocabulary of " + vocabulary.size()
        + " tokens. HINT: prime with text made of the training text's words", e.getMessage());
  }

  @Test
  void aPrimeCharacterOutsideTheVocabularyIsNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Generation.generate(characters, "to bZ", new Generation.Options(5, 0.8, 0, 1), t -> {}));
    assertTrue(e.getMessage().startsWith("--prime: character 'Z' (U+005A) at position 4 is not in the model's "
        + "vocabulary of "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Generation.generate(characters, "to\tb", new Generation.Options(5, 0.8, 0, 1), t -> {}));
    assertTrue(e.getMessage().startsWith("--prime: character (U+0009) at position 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Generation.generate(characters, "", new Generation.Options(5, 0.8, 0, 1), t -> {}));
    assertEquals("--prime must hold at least one character, got \"\"", e.getMessage());
  }

  @Test
  void refusesModelsThatAreNotLanguageModelsAndTopKBeyondTheVocabulary() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Generation.generate(classifier, "x", new Generation.Options(5, 0.8, 0, 1), t -> {}));
    assertTrue(e.getMessage().contains("holds a classification model; generate needs a language model"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Generation.generate(characters, "to", new Generation.Options(5, 0.8, 500, 1), t -> {}));
    assertTrue(e.getMessage().startsWith("--top-k 500 exceeds the model's vocabulary of "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Generation.Options(0, 0.8, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Generation.Options(5, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Generation.Options(5, Double.NaN, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Generation.Options(5, 1, -1, 1));
  }

  /** The most likely next token after {@code ids}, from one forward pass over all of them. */
  private static int argmaxAfter(Model model, int[] ids) {
    try (var g = Autograd.noGrad()) {
      model.eval();
      Batch batch = new Batch(new int[] {0}, ids.length, null, ids, new int[] {ids.length}, new float[0], 0, true, false);
      return Sampling.argmax(Ops.select(model.forward(batch, null).logits(), 0, ids.length - 1).data());
    }
  }
}
