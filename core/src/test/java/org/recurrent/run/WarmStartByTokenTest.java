package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.TrainConfig;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelKind;
import org.recurrent.models.ModelRegistry;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.tensor.Tensor;
import org.recurrent.train.Progress;

/**
 * Warm start of a text model from one trained on another corpus (SST-2 -> review sentences): each word's embedding
 * row follows the word, since the two vocabularies number their words differently.
 */
class WarmStartByTokenTest {
  @TempDir Path dir;

  /** Sentences of {@code words}, label 1 when the sentence holds the first word. */
  private Path texts(String name, List<String> words) throws IOException {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(name.hashCode());
    for (int i = 0; i < 40; i++) {
      String a = words.get(r.nextInt(words.size())), b = words.get(r.nextInt(words.size()));
      sb.append(a).append(' ').append(b).append('\t').append(a.equals(words.get(0)) || b.equals(words.get(0)) ? 1 : 0)
          .append('\n');
    }
    Path f = dir.resolve(name + ".txt");
    Files.writeString(f, sb);
    return f;
  }

  private Path config(String name, String file, int embeddingDim) throws IOException {
    Path c = dir.resolve(name + ".yaml");
    Files.writeString(c, """
        name: %s
        seed: 3
        task: classification
        data: {format: text, train: %s, split: {method: ratio, train: 0.8, validation: 0.2}}
        model: {cell: gru, hidden_size: 4, embedding_dim: %d}
        training: {epochs: 1, batch_size: 8, optimizer: {name: adam, lr: 0.01}}
        """.formatted(name, file, embeddingDim));
    return c;
  }

  private Model fresh(TrainConfig c, PreparedData data) {
    ModelKind<?, ?> kind = ModelRegistry.standard().get(c.model().kind());
    return kind.buildFrom(kind.specFrom(c.model(), data.signature(true)), new Random(9));
  }

  @Test
  void sharedWordsCarryTheirEmbeddingRowsAndNewWordsStayFresh() throws IOException {
    texts("films", List.of("good", "film", "plot", "bad", "actor"));
    texts("meals", List.of("good", "meal", "bad", "waiter", "soup", "plot"));     // good, bad, plot shared
    Path source = TrainingRun.run(config("films", "films.txt", 3), new TrainingRun.Options(dir.resolve("mf"), false,
        false, null, Progress.quiet())).modelDir();
    TrainConfig meals = ConfigFiles.readTrainConfig(config("meals", "meals.txt", 3));
    PreparedData data = DataPreparation.prepare(meals, dir);
    Model model = fresh(meals, data);
    Tensor before = model.stateDict().get("embedding.weight").copy();
    String report = WarmStart.load(model, source, data);
    assertTrue(report.contains("tokens from the source"), report);

    var films = ModelDirectory.read(source);
    List<String> oldTokens = Vocabulary.load(films.file("vocabulary")).tokens();
    List<String> newTokens = data.vocabulary().tokens();
    Tensor old = films.model().stateDict().get("embedding.weight"), now = model.stateDict().get("embedding.weight");
    int E = now.size(1), shared = 0;
    for (int i = 0; i < newTokens.size(); i++) {
      int j = oldTokens.indexOf(newTokens.get(i));
      float[] row = Arrays.copyOfRange(now.data(), i * E, (i + 1) * E);
      if (j >= 0) {
        shared++;
        assertArrayEquals(Arrays.copyOfRange(old.data(), j * E, (j + 1) * E), row, newTokens.get(i) + " keeps its row");
      } else {
        assertArrayEquals(Arrays.copyOfRange(before.data(), i * E, (i + 1) * E), row, newTokens.get(i) + " stays fresh");
      }
    }
    assertEquals(5, shared, "<pad>, <unk> and the three shared words");
    // the two vocabularies number their words differently, so copying the matrix whole would be wrong
    assertTrue(!oldTokens.equals(newTokens));
  }

  @Test
  void anEmbeddingOfAnotherWidthIsLeftFreshAndNamed() throws IOException {
    texts("films", List.of("good", "film", "bad"));
    texts("meals", List.of("good", "meal", "bad"));
    Path source = TrainingRun.run(config("films", "films.txt", 3), new TrainingRun.Options(dir.resolve("mf"), false,
        false, null, Progress.quiet())).modelDir();
    TrainConfig meals = ConfigFiles.readTrainConfig(config("meals", "meals.txt", 5));
    PreparedData data = DataPreparation.prepare(meals, dir);
    Model model = fresh(meals, data);
    Tensor before = model.stateDict().get("embedding.weight").copy();
    String report = WarmStart.load(model, source, data);
    assertTrue(report.contains("left at their fresh values (different shape or name): [embedding.weight"), report);
    assertArrayEquals(before.data(), model.stateDict().get("embedding.weight").data());
  }
}
