package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.TrainConfig;

/** What the {@link DataPreparation} tests share: a config from its YAML, the ids of a part, a missing file's error. */
final class DataPreparationFixtures {
  private DataPreparationFixtures() {}

  /** {@code body} written as {@code dir}/run.yaml and read as a training config. */
  static TrainConfig config(Path dir, String body) throws IOException {
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, body);
    return ConfigFiles.readTrainConfig(f);
  }

  /** The ids of {@code examples}, in order. */
  static List<String> ids(List<org.recurrent.data.SequenceExample> examples) {
    return examples.stream().map(org.recurrent.data.SequenceExample::id).toList();
  }

  /** The message of the {@link java.io.FileNotFoundException} that preparing {@code c} from {@code baseDir} throws. */
  static String missing(TrainConfig c, Path baseDir) {
    return assertThrows(java.io.FileNotFoundException.class, () -> DataPreparation.prepare(c, baseDir)).getMessage();
  }
}
