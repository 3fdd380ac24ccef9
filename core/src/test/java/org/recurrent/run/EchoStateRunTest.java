package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.synthetic.AddingProblem;
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
}
