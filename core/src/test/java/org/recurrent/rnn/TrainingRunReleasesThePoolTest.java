package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

/**
 * {@code TrainingRun} releases the training thread's {@link Workspace} once training is over, so a process that
 * trains and then evaluates or predicts does not keep the training passes' buffers (up to 256 MiB per thread).
 * The pool itself cannot show it afterwards: the evaluation's inference passes take and give back buffers of
 * their own. So this counts the releases on the thread that ran the training. Fails if the call is removed.
 * (In package rnn, beside the pool's test accessors; the run layer is only used, not tested, here.)
 */
class TrainingRunReleasesThePoolTest {

  @Test
  void aTrainingRunReleasesThePoolOfTheThreadThatTrained(@TempDir Path dir) throws IOException {
    Random r = new Random(3);
    StringBuilder csv = new StringBuilder("v1,v2,v3,v4,y\n");
    for (int i = 0; i < 80; i++) {
      double s = 0;
      for (int j = 0; j < 4; j++) {
        double v = r.nextGaussian();
        s += v;
        csv.append(String.format(Locale.ROOT, "%.4f,", v));
      }
      csv.append(s > 0 ? "pos" : "neg").append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), csv.toString());
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, """
        task: classification
        data:
          format: wide_csv
          train: d.csv
          options: {label_column: y}
        model: {cell: lstm, hidden_size: 4}
        training: {epochs: 1, batch_size: 16, optimizer: {name: adam, lr: 0.01}}
        """);
    long before = Workspace.releases();
    TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null, Progress.quiet()));
    assertEquals(before + 1, Workspace.releases(), "released once, after training");
  }
}
