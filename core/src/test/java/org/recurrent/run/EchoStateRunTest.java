package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.data.synthetic.ChanceLevel;
import org.recurrent.data.synthetic.CopyTask;
import org.recurrent.models.EchoStateNetwork;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.Progress;

/** {@code recurrent train} with {@code model: {kind: esn}} on generated long-memory tasks, end to end. */
class EchoStateRunTest {

  private static TrainingRun.Outcome train(Path dir, String body) throws IOException {
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, body);
    return TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null, Progress.quiet()));
  }

  @Test
  void anEchoStateNetworkBeatsChanceOnTheAddingProblemByHalf(@TempDir Path dir) throws IOException {
    TrainingRun.Outcome o = train(dir, """
        seed: 1
        task: regression
        data:
          format: synthetic
          options: {task: adding, length: 20, samples: 2000, seed: 1}
        model: {kind: esn, reservoir_size: 200, spectral_radius: 0.95, leak_rate: 0.5, ridge: [1.0e-6, 1.0e-4, 1.0e-2]}
        training: {batch_size: 200}
        """);
    assertEquals("completed", o.metrics().stopReason());
    assertEquals(1, o.metrics().epochs());
    RunMetrics.PartScores test = o.metrics().parts().get("test");
    double mse = test.metrics().get("loss"), chance = AddingProblem.CHANCE_MSE;
    double baseline = Math.pow(test.baseline().get("train_mean_rmse"), 2);   // predicting the training mean
    assertTrue(mse < 0.5 * chance, "test MSE " + mse + " vs chance " + chance);
    assertTrue(mse < 0.5 * baseline, "test MSE " + mse + " vs the training mean's " + baseline);
    ModelDirectory.Loaded back = ModelDirectory.read(dir.resolve("m"));
    assertEquals("esn", back.model().kind());
    assertTrue(((EchoStateNetwork) back.model()).chosenRidge() > 0);
  }

  @Test
  void aPerStepReadoutBeatsTheLayoutOnlyChanceOfTheCopyTask(@TempDir Path dir) throws IOException {
    TrainingRun.Outcome o = train(dir, """
        seed: 2
        task: tagging
        data:
          format: synthetic
          options: {task: copy, length: 5, symbols: 3, alphabet: 4, samples: 800, seed: 2}
        model: {kind: esn, reservoir_size: 150, spectral_radius: 0.9, input_scaling: 0.5}
        training: {batch_size: 100}
        """);
    RunMetrics.PartScores test = o.metrics().parts().get("test");
    ChanceLevel chance = new CopyTask(5, 3, 4).chance();                     // accuracy 35/44 = 0.7955, cross-entropy 3 ln 4 / 11 = 0.3781
    double errors = 1 - test.metrics().get("accuracy"), chanceErrors = 1 - chance.value();
    assertTrue(errors < 0.5 * chanceErrors, "test accuracy " + test.metrics().get("accuracy") + " vs chance "
        + chance.value());
    assertTrue(test.metrics().get("loss") < 0.5 * chance.crossEntropy(), "test cross-entropy "
        + test.metrics().get("loss") + " vs chance " + chance.crossEntropy());
  }
}
