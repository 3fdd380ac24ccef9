package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.tasks.OnsetTask;
import org.recurrent.train.Progress;

/**
 * hf-onset end to end on the synthetic patients, where risk lives in the order and timing of two events that
 * every patient has once: a GRU over visits must beat logistic regression on the same windows' code counts.
 */
class OnsetRunTest {
  /** The stated margin: the GRU's test ROC-AUC exceeds count-based logistic regression's by at least this. */
  static final double MARGIN = 0.10;

  @TempDir Path dir;

  @Test
  void aGruOverVisitsBeatsCountBasedLogisticRegressionWhenOrderCarriesTheRisk() throws IOException {
    Path config = dir.resolve("hf.yaml");
    Files.writeString(config, """
        name: hf
        seed: 7
        task: hf-onset
        data:
          format: ehr
          options:
            generator: {patients: 2000, seed: 3}
            cohort: {controls_per_case: 3}
          split: {method: ratio, train: 0.6, validation: 0.2}
        model: {cell: gru, hidden_size: 16, embedding_dim: 8, bag_mode: sum}
        training:
          epochs: 15
          batch_size: 32
          optimizer: {name: adam, lr: 0.01}
          clip_grad_norm: 5
          monitor: roc_auc
          patience: 4
        """);
    TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null,
        Progress.quiet()));
    RunMetrics.PartScores test = o.metrics().parts().get("test");
    double gru = test.metrics().get("roc_auc");
    Map<String, Double> b = test.baseline();
    double lr = b.get("logistic_regression_roc_auc");
    assertTrue(gru >= lr + MARGIN, "GRU test ROC-AUC " + gru + " against logistic regression on counts " + lr);
    for (String name : OnsetTask.COUNT_BASELINES) {
      assertTrue(b.containsKey(name + "_roc_auc") && b.containsKey(name + "_pr_auc_ci_high"), name + " missing: " + b);
    }
    double low = test.metrics().get("roc_auc_ci_low"), high = test.metrics().get("roc_auc_ci_high");
    assertTrue(low < gru && gru < high, "the interval holds the estimate: " + low + " " + gru + " " + high);

    JsonNode cohort = new ObjectMapper().readTree(o.modelDir().resolve(TrainingRun.COHORT).toFile());
    assertEquals(1200, cohort.path("patients").path("train").asInt());
    int cases = cohort.path("cohorts").path("test").path("cases").asInt();
    int controls = cohort.path("cohorts").path("test").path("controls").asInt();
    assertEquals(test.records(), cases + controls);
    assertEquals(3 * cases, controls, "three matched controls per case");

    JsonNode roc = new ObjectMapper().readTree(o.modelDir().resolve(TrainingRun.ROC).toFile()).path("test");
    assertEquals(gru, roc.path("model").path("auc").asDouble(), 1e-9, "the curve's area is the reported ROC-AUC");
    assertEquals(lr, roc.path("logistic_regression").path("auc").asDouble(), 1e-9);
    for (String name : OnsetTask.COUNT_BASELINES) assertTrue(roc.has(name), name + " has a curve");
  }
}
