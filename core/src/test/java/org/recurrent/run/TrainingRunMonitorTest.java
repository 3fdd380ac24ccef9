package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.Progress;

/** A training.monitor the run cannot compute is refused before the output folder is created or cleared. */
class TrainingRunMonitorTest {

  private static Path config(Path dir, String monitor) throws IOException {
    Files.write(dir.resolve("train.csv"), EpochPredictionsTest.rows(80, 1));
    Files.write(dir.resolve("valid.csv"), EpochPredictionsTest.rows(30, 2));
    return Files.writeString(dir.resolve(monitor + ".yaml"), """
        seed: 3
        task: classification
        data:
          format: wide_csv
          train: train.csv
          validation: valid.csv
          options: {id_column: id, label_column: label}
        model: {cell: gru, hidden_size: 4}
        training: {epochs: 1, batch_size: 16, optimizer: {name: adam, lr: 0.02}, monitor: %s}
        """.formatted(monitor));
  }

  @Test
  void aNewOutputFolderIsNotCreated(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(config(dir, "rmse"),
        new TrainingRun.Options(out, false, false, null, Progress.quiet(), null, null, null)));
    assertEquals("training.monitor 'rmse' is not a metric of this run; expected one of [loss, accuracy, macro_f1, "
        + "micro_f1, macro_precision, macro_recall, roc_auc, pr_auc]", e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void anEarlierRunIsNotClearedByOverwrite(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    TrainingRun.run(config(dir, "accuracy"), new TrainingRun.Options(out, false, false, null, Progress.quiet(), null,
        null, null));
    byte[] weights = Files.readAllBytes(out.resolve("model.safetensors"));
    byte[] events = Files.readAllBytes(out.resolve("events.jsonl"));
    assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(config(dir, "rmse"),
        new TrainingRun.Options(out, false, true, null, Progress.quiet(), null, null, null)));
    assertArrayEquals(weights, Files.readAllBytes(out.resolve("model.safetensors")));
    assertArrayEquals(events, Files.readAllBytes(out.resolve("events.jsonl")), "the earlier run's events are kept");
  }
}
