package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.TrainConfig;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.synthetic.AddingProblem;

/** {@code data.format: synthetic}: the generated tasks as a config names them, cut by data.split. */
class SyntheticPreparationTest {

  private static TrainConfig config(Path dir, String task, String data) throws IOException {
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, "task: " + task + "\nseed: 3\ndata:\n  format: synthetic\n" + data);
    return ConfigFiles.readTrainConfig(f);
  }

  @Test
  void theAddingProblemIsGeneratedFromItsSeedAndSplitByRatio(@TempDir Path dir) throws IOException {
    TrainConfig c = config(dir, "regression", "  options: {task: adding, length: 30, samples: 200, seed: 5}\n");
    PreparedData d = DataPreparation.prepare(c, dir);
    assertEquals(List.of(160, 20, 20), List.of(d.train().size(), d.validation().size(), d.test().size()));
    assertEquals(TargetKind.REGRESSION, d.targetKind());
    assertEquals(2, d.features());
    assertEquals(List.of("value", "marker"), d.featureNames());
    // the records are the generator's own (seed 5), whatever the run's seed; the split follows the run's seed
    List<SequenceExample> generated = new AddingProblem(30).generate(200, 5).examples();
    for (SequenceExample e : d.train()) {
      int i = Integer.parseInt(e.id().substring("adding-".length()));
      assertArrayEquals(generated.get(i).x(), e.x());
      assertArrayEquals(generated.get(i).y(), e.y());
    }
    c.parsedTask().checkTargets(d.targetKind(), c.data().format());
  }

  @Test
  void theCopyTaskIsTaggingAndThePixelsClassification(@TempDir Path dir) throws IOException {
    TrainConfig copy = config(dir, "tagging", "  options: {task: copy, length: 5, symbols: 3, alphabet: 4, samples: 20}\n");
    PreparedData d = DataPreparation.prepare(copy, dir);
    assertEquals(TargetKind.PER_STEP_CLASS, d.targetKind());
    assertEquals(List.of("blank", "1", "2", "3", "4"), d.classes());
    assertEquals(11, d.train().get(0).length());
    assertEquals(6, d.features());
    copy.parsedTask().checkTargets(d.targetKind(), "synthetic");
    TrainConfig pixels = config(dir, "classification", "  options: {task: pixels, length: 49, samples: 20}\n");
    PreparedData p = DataPreparation.prepare(pixels, dir);
    assertEquals(TargetKind.CLASS, p.targetKind());
    assertEquals(10, p.outputSize());
    assertEquals(49, p.train().get(0).length());
  }

  @Test
  void mistakesAreNamed(@TempDir Path dir) throws IOException {
    assertEquals("data.options: unknown data.options.task 'sum'; expected one of [adding, copy, pixels]",
        assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(
            config(dir, "regression", "  options: {task: sum}\n"), dir)).getMessage());
    assertEquals("data.options: data.options.symbols and alphabet apply to task copy, not adding",
        assertThrows(IllegalArgumentException.class, () -> DataPreparation.prepare(
            config(dir, "regression", "  options: {task: adding, symbols: 3}\n"), dir)).getMessage());
    var e = assertThrows(IOException.class, () -> config(dir, "regression",
        "  train: x.csv\n  options: {task: adding}\n"));
    assertTrue(e.getMessage().endsWith("data.format synthetic generates its records (data.options.task); remove "
        + "data.train, data.validation and data.test, and cut the parts with data.split"), e.getMessage());
  }
}
