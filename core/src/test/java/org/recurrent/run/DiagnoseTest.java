package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.TargetLayout;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.models.Cell;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.train.EventLog;
import org.recurrent.train.Progress;
import org.recurrent.train.TrainingEvent;

/** {@code recurrent diagnose}'s measurements: the rebuilt initial model, spectra, saturation, clipping, the file. */
class DiagnoseTest {

  private static Path train(Path dir, String optimizer) throws IOException {
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, """
        seed: 3
        task: regression
        data:
          format: synthetic
          options: {task: adding, length: 12, samples: 200, seed: 1}
        model: {cell: gru, hidden_size: 6}
        training: {epochs: 2, batch_size: 20, optimizer: %s, clip_grad_norm: 0.05}
        """.formatted(optimizer));
    TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null, Progress.quiet()));
    return dir.resolve("m");
  }

  @Test
  void theRebuiltInitialModelIsTheOneTrainingStartedFrom(@TempDir Path dir) throws IOException {
    // a learning rate of 1e-30 leaves the weights where they started: the initial and trained curves must agree
    Path m = train(dir, "{name: sgd, lr: 1.0e-30}");
    Diagnosis d = Diagnose.of(m, null, 8);
    assertEquals("rebuilt from config.json and the run's seed 3", d.initSource());
    double[] init = d.atInit().norms().get("layer 0"), end = d.atEnd().norms().get("layer 0");
    for (int i = 0; i < init.length; i++) assertEquals(init[i], end[i], 1e-6 * init[i], "distance " + d.atInit().distances()[i]);
    assertEquals(12, d.steps());
    assertEquals(8, d.sequences());
  }

  @Test
  void writesTheDiagnosisWithClippingFromTheEventsFile(@TempDir Path dir) throws IOException {
    Path m = train(dir, "{name: adam, lr: 0.01}");
    Diagnosis d = Diagnose.of(m, null, 8);
    assertTrue(Math.abs(d.atInit().norms().get("layer 0")[3] - d.atEnd().norms().get("layer 0")[3]) > 1e-7,
        "training moved the weights, so the curves differ");
    long batches = EventLog.read(m.resolve(ModelDirectory.EVENTS)).stream()
        .filter(e -> e instanceof TrainingEvent.BatchDone).count();
    long clipped = EventLog.read(m.resolve(ModelDirectory.EVENTS)).stream()
        .filter(e -> e instanceof TrainingEvent.BatchDone b && b.gradNorm() > 0.05).count();
    assertEquals(batches, d.clipping().batches());
    assertEquals(clipped, d.clipping().clipped(), "clip_grad_norm 0.05 clips every batch whose norm exceeds it");
    double[] q = d.clipping().gradNorm();
    for (int i = 1; i < q.length; i++) assertTrue(q[i - 1] <= q[i], "quantiles ascend: " + Arrays.toString(q));
    assertEquals(3, d.matrices().size(), "weight_hh_l0 [r], [z], [n]");
    assertEquals("rnn.weight_hh_l0 [z]", d.matrices().get(1).name());
    assertEquals(java.util.List.of("layer 0 r", "layer 0 z"), java.util.List.copyOf(d.saturation().keySet()));
    assertTrue(d.reading().startsWith("After training, the gradient reaching the state 12 steps before the last is"),
        d.reading());

    Path file = Diagnose.write(m, d);
    assertEquals(m.resolve("diagnose").resolve("gradient_flow.json"), file);
    JsonNode json = ModelDirectory.JSON.readTree(file.toFile());
    assertEquals("gru", json.path("cell").asText());
    assertEquals(d.atEnd().distances().length, json.path("at_end").path("norms").path("layer 0").size());
    assertEquals(d.clipping().clipped(), json.path("clipping").path("clipped").asInt());
  }

  @Test
  void refusesAChangedConfigFile(@TempDir Path dir) throws IOException {
    Path m = train(dir, "{name: adam, lr: 0.01}");
    Files.writeString(dir.resolve("run.yaml"), Files.readString(dir.resolve("run.yaml")).replace("seed: 3", "seed: 4"));
    var e = assertThrows(IOException.class, () -> Diagnose.of(m, null, 8));
    assertTrue(e.getMessage().contains("which has changed since; pass --config FILE"), e.getMessage());
  }

  @Test
  void singularValuesOfAScaledPermutation() {
    float[] a = {0, 3, 0, 0, 0, -2, 0.5f, 0, 0};                     // rows: 3 e2, -2 e3, 0.5 e1
    assertArrayEquals(new double[] {3, 2, 0.5}, Diagnose.singularValues(a, 3), 1e-9);
    float[] r = new float[49];
    new Random(2).ints(49, -5, 6).forEach(new java.util.function.IntConsumer() {
      int i;
      public void accept(int v) { r[i++] = v; }
    });
    double[] sv = Diagnose.singularValues(r, 7);
    double frobenius = 0, sum = 0;
    for (float v : r) frobenius += v * v;
    for (double s : sv) sum += s * s;
    assertEquals(frobenius, sum, 1e-6 * frobenius, "sum of sigma^2 = ||A||_F^2");
  }

  @Test
  void saturationCountsGatesNearZeroOrOne() {
    SequenceModel m = new SequenceModel(new SequenceModelConfig(Cell.LSTM, 2, 0, 0, -1, 4, 1, false, 0f,
        OutputMode.SEQUENCE, Pooling.LAST, 1), new Random(1));
    var batch = new Batcher(new AddingProblem(6).generate(5, 1).examples(), BatchPlan.of(5), new TargetLayout(false, 1))
        .batch(0, 0);
    var sd = m.stateDict();
    Arrays.fill(sd.get("rnn.weight_ih_l0").data(), 0f);
    Arrays.fill(sd.get("rnn.weight_hh_l0").data(), 0f);
    float[] b = sd.get("rnn.bias_ih_l0").data();
    Arrays.fill(b, 0f);
    Arrays.fill(sd.get("rnn.bias_hh_l0").data(), 0f);
    Arrays.fill(b, 0, 4, 10f);                                           // i: sigmoid(10) > 0.95
    Arrays.fill(b, 4, 8, -2f);                                           // f: sigmoid(-2) = 0.12, not saturated
    Arrays.fill(b, 12, 16, -4f);                                         // o: sigmoid(-4) = 0.018 < 0.05
    var s = Diagnose.saturation(m, GradientFlowTest.REGRESSION, batch);
    assertEquals(1.0, s.get("layer 0 i"));
    assertEquals(0.0, s.get("layer 0 f"));
    assertEquals(1.0, s.get("layer 0 o"));
    assertNotNull(s);
  }
}
