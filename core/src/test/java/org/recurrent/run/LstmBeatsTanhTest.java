package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.Progress;

/**
 * Training learns beyond a baseline, and the cure is the cell: on the adding problem at T = 30 an LSTM, trained
 * exactly as a tanh RNN is (same units, optimizer, learning rate, clipping, steps, records), reaches a test MSE
 * below a tenth of the tanh RNN's. What it catches: an LSTM whose cell-state path (c_t = f c_{t-1} + i g) or its
 * BPTT is broken learns no better than the tanh RNN; a trainer that does not step leaves the LSTM at the mean.
 *
 * <p>Seen over the seeds 1 .. 5 (each seed both the run's and the records'; 1600 steps of 20 records): LSTM 0.0005,
 * 0.0010, 0.0029, 0.0006, 0.0007; tanh RNN 0.132, 0.095, 0.145, 0.170, 0.172 (chance 1/6): the largest ratio
 * 0.02, five times inside the margin. The tanh RNN learns part of the task at T = 30 and never most of it. With
 * 800 steps the LSTM missed seed 3 (0.184), which is why it trains 40 epochs. With the LSTM's learning rate
 * 1e-9 (no training) this test fails (docs/vanishing-gradients.md, "The learning test").
 */
class LstmBeatsTanhTest {

  private static double testMse(Path dir, String cell, int seed) throws IOException {
    Path config = dir.resolve(cell + ".yaml");
    Files.writeString(config, """
        seed: %d
        task: regression
        data:
          format: synthetic
          options: {task: adding, length: 30, samples: 1000, seed: %d}
          split: {method: ratio, train: 0.8, validation: 0.1}
        model: {cell: %s, hidden_size: 16}
        training: {epochs: 40, batch_size: 20, optimizer: {name: adam, lr: 0.005}, clip_grad_norm: 1}
        """.formatted(seed, seed, cell));
    TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(dir.resolve(cell), false, false, null,
        Progress.quiet()));
    return o.metrics().parts().get("test").metrics().get("loss");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void anLstmLearnsTheAddingProblemTenTimesBetterThanATanhRnnTrainedAlike(int seed, @TempDir Path dir)
      throws IOException {
    double lstm = testMse(dir, "lstm", seed), tanh = testMse(dir, "rnn_tanh", seed);
    assertTrue(lstm < 0.1 * tanh, "LSTM test MSE " + lstm + " should be below a tenth of the tanh RNN's " + tanh);
  }
}
