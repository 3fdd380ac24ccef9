package org.recurrent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recurrent.config.OptimizerConfig;
import org.recurrent.config.TrainConfig;
import org.recurrent.config.TrainingSection;
import org.recurrent.eval.Scoring;
import org.recurrent.models.SequenceModelSection;
import org.recurrent.optim.Adagrad;
import org.recurrent.optim.Adam;
import org.recurrent.optim.RMSprop;
import org.recurrent.optim.ReduceLROnPlateau;
import org.recurrent.optim.StepLR;

/**
 * The defaults docs/user-guide.md's config reference states are the code's: the records and the optimizer
 * classes hold each number once, and the guide is the one copy for readers, so it is checked against them.
 */
class UserGuideDefaultsTest {
  static String guide;

  @BeforeAll
  static void read() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    guide = Files.readString((Files.exists(root.resolve("docs")) ? root : root.getParent()).resolve("docs/user-guide.md"));
  }

  /** The cells of the table row for {@code key} (written {@code `key`}) in the section under {@code heading}. */
  static List<String> row(String heading, String key) {
    int section = guide.indexOf("\n" + heading + "\n");
    assertTrue(section >= 0, "docs/user-guide.md has no heading " + heading);
    int at = guide.indexOf("\n| `" + key + "` |", section);
    assertTrue(at >= 0, heading + ": no table row for `" + key + "`");
    String line = guide.substring(at + 1, guide.indexOf('\n', at + 1));
    return List.of(line.substring(1, line.length() - 1).split("\\|")).stream().map(String::strip).toList();
  }

  /** The second column, the default, as a number (its first word). */
  static double number(String heading, String key) {
    return Double.parseDouble(row(heading, key).get(1).split(" ")[0]);
  }

  /** {@code `field` (value...)} in an optimizer or schedule row's list of fields. */
  static double field(List<String> row, String name) {
    Matcher m = Pattern.compile("`" + name + "` \\(([-0-9.e]+)").matcher(String.join(" | ", row));
    assertTrue(m.find(), "no `" + name + "` (default) in " + row);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void topLevelAndTrainingDefaultsAreTheRecords() {
    assertEquals(TrainConfig.DEFAULT_SEED, number("### Top level", "seed"));
    TrainingSection t = TrainingSection.defaults();
    String training = "### `training`";
    assertEquals((double) t.epochs(), number(training, "epochs"));
    assertEquals((double) t.batchSize(), number(training, "batch_size"));
    assertTrue(row(training, "batch_size").get(2).contains("max(batch_size, " + Scoring.DEFAULT_EVAL_BATCH + ")"));
    assertEquals((double) t.clipGradNorm(), number(training, "clip_grad_norm"));
    assertEquals((double) t.clipGradValue(), number(training, "clip_grad_value"));
    assertEquals((double) t.tbptt(), number(training, "tbptt"));
    assertTrue(row(training, "tbptt").get(1).contains("language models: " + TrainingSection.DEFAULT_LM_TBPTT));
    assertEquals((double) t.patience(), number(training, "patience"));
    assertEquals("`" + t.monitor() + "`", row(training, "monitor").get(1));
    assertEquals((double) t.checkpointEveryBatches(), number(training, "checkpoint_every_batches"));
    assertEquals(String.valueOf(t.bucketByLength()), row(training, "bucket_by_length").get(1));
    assertEquals("`{name: adam, lr: " + Adam.DEFAULT_LR + "}`", row(training, "optimizer").get(1));
  }

  @Test
  void modelDefaultsAreTheSequenceSection() {
    SequenceModelSection m = SequenceModelSection.defaults();
    assertEquals((double) m.hiddenSize(), number("### `model`", "hidden_size"));
    assertEquals((double) m.numLayers(), number("### `model`", "num_layers"));
    assertEquals((double) m.embeddingDim(), number("### `model`", "embedding_dim"));
    assertEquals((double) m.dropout(), number("### `model`", "dropout"));
  }

  @Test
  void optimizerTableIsEachOptimizersOwnDefaults() {
    String heading = "## Optimizers and schedules";
    for (String name : OptimizerConfig.NAMES) {
      OptimizerConfig c = new OptimizerConfig(name, null, null, null, null, null, null, null, null, null, null);
      assertEquals(c.learningRate(), (float) number(heading, name), name + " lr");
    }
    List<String> adam = row(heading, "adam");
    assertEquals(Adam.DEFAULT_BETA1, (float) field(adam, "beta1"));
    assertEquals(Adam.DEFAULT_BETA2, (float) field(adam, "beta2"));
    assertEquals(Adam.DEFAULT_EPS, (float) field(adam, "eps"));
    assertEquals(Adam.DEFAULT_WEIGHT_DECAY, (float) field(adam, "weight_decay"));
    assertEquals(Adam.DEFAULT_ADAMW_WEIGHT_DECAY, (float) field(row(heading, "adamw"), "weight_decay"));
    List<String> rmsprop = row(heading, "rmsprop");
    assertEquals(RMSprop.DEFAULT_ALPHA, (float) field(rmsprop, "alpha"));
    assertEquals(RMSprop.DEFAULT_EPS, (float) field(rmsprop, "eps"));
    assertEquals(RMSprop.DEFAULT_MOMENTUM, (float) field(rmsprop, "momentum"));
    List<String> adagrad = row(heading, "adagrad");
    assertEquals(Adagrad.DEFAULT_EPS, (float) field(adagrad, "eps"));
    assertEquals(Adagrad.DEFAULT_LR_DECAY, (float) field(adagrad, "lr_decay"));
  }

  @Test
  void scheduleTableIsTheSchedulesOwnDefaults() {
    String heading = "## Optimizers and schedules";
    assertEquals(StepLR.DEFAULT_GAMMA, field(row(heading, "step"), "gamma"));
    assertEquals(ReduceLROnPlateau.DEFAULT_FACTOR, field(row(heading, "plateau"), "factor"));
    assertEquals(ReduceLROnPlateau.DEFAULT_PATIENCE, field(row(heading, "plateau"), "patience"));
  }
}
