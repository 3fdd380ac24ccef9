package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.Progress;

/**
 * The character-level language-model recipe (examples/shakespeare-char-10min.yaml) end to end on a slice of tiny
 * Shakespeare: a small LSTM trained for a few seconds must beat, on the same held-out characters, the unigram
 * baseline and the bigram Kneser-Ney model that the run itself fits on the same training characters. Skipped
 * where the data are absent.
 */
class CharLanguageModelRecipeTest {
  private static final Path DATA = Path.of("../../shared/data").toAbsolutePath().normalize();

  @Test
  void lstmBeatsTheUnigramByOneAndTheKneserNeyBigramByAThirdOfABitPerCharacter(@TempDir Path dir) throws IOException {
    Path text = DATA.resolve("tinyshakespeare/input.txt");
    assumeTrue(Files.exists(text), "no tiny Shakespeare at " + text);
    // the first 200,000 characters, split as the recipe splits the whole text: 90 / 5 / 5 % by position
    Path slice = Files.writeString(dir.resolve("slice.txt"), Files.readString(text).substring(0, 200_000));
    Path config = Files.writeString(dir.resolve("run.yaml"), """
        task: language_model
        data:
          format: text_corpus
          train: slice.txt
          split: {method: chronological, train: 0.9, validation: 0.05}
        model: {cell: lstm, embedding_dim: 16, hidden_size: 64}
        training: {epochs: 1, batch_size: 16, tbptt: 32, optimizer: {name: adam, lr: 0.01}}
        """);
    RunMetrics metrics = TrainingRun.run(config, new TrainingRun.Options(dir.resolve("model"), false, false, null,
        Progress.quiet())).metrics();
    RunMetrics.PartScores validation = metrics.parts().get("validation");
    double bpc = validation.metrics().get("bits_per_character");
    double unigram = validation.baseline().get("unigram_bits_per_character");
    double bigram = validation.baseline().get("kneser_ney_2_bits_per_character");
    String seen = "LSTM " + bpc + ", unigram " + unigram + ", Kneser-Ney bigram " + bigram + " bits per character";
    assertTrue(bigram < unigram - 0.5, "the bigram model itself must be far better than the unigram: " + seen);
    assertTrue(bpc < unigram - 1.0, seen);
    assertTrue(bpc < bigram - 0.3, seen);
  }

  @Test
  void theRecipesConfigsReadAndUseTheDataSetsStandardSplit() throws IOException {
    for (String name : java.util.List.of("shakespeare-char-10min.yaml", "shakespeare-char-long.yaml")) {
      org.recurrent.config.TrainConfig c = org.recurrent.config.ConfigFiles.readTrainConfig(Path.of("../examples", name));
      assertTrue(c.task().equals("language_model") && c.data().split().train() == 0.9
          && c.data().split().validation() == 0.05, name + ": " + c);
    }
  }
}
