package org.recurrent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent.run.RunMetrics;
import org.recurrent.run.TrainingRun;
import org.recurrent.tasks.OnsetTask;
import org.recurrent.train.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recurrent demo hf}: heart-failure onset on the built-in SYNTHETIC patients
 * ({@link org.recurrent.data.ehr.SyntheticPatients}), trained through the same path as {@code recurrent train
 * examples/hf-synthetic.yaml}; prints the GRU and the count-based baselines side by side on the test patients.
 */
@Command(name = "hf", mixinStandardHelpOptions = true, description = "Heart-failure onset on built-in synthetic "
    + "patients (where the order and timing of events carry the risk): a GRU over visits against logistic "
    + "regression, MLP, k-NN and a linear SVM on the same patients' code counts, each with a bootstrap 95%% interval.")
final class HfDemoCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin SeedOption seed;

  @Option(names = "--patients", defaultValue = "3000", description = "Synthetic patients to generate (10..1000000).")
  int patients;

  @Option(names = "--epochs", defaultValue = "20", description = "At most this many epochs (early stopping on "
      + "validation ROC-AUC, patience 5).")
  int epochs;

  @Option(names = {"-o", "--output"}, description = "Keep the model directory here (default: a temporary folder, "
      + "deleted at the end).")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("recurrent-demo-hf");
    try {
      Path config = work.resolve("hf.yaml");
      Files.writeString(config, config(), StandardCharsets.UTF_8);
      Path modelDir = output != null ? output : work.resolve("model");
      Progress progress = Progress.plain(new java.io.PrintStream(new DemoCommand.WriterStream(
          spec.commandLine().getErr()), true, StandardCharsets.UTF_8), 5);
      TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(modelDir, false, output != null, null,
          progress));
      report(out, o.metrics());
      if (output != null) for (Path png : RocChart.draw(o.modelDir())) out.println("ROC curves: " + png);
      if (output != null) out.println("model: " + o.modelDir() + " (cohort table in " + o.modelDir().resolve(
          TrainingRun.COHORT) + ")");
      out.flush();
      return 0;
    } finally {
      DemoFiles.deleteTree(work);
    }
  }

  /** The same settings as examples/hf-synthetic.yaml, with this command's patients, seed and epochs. */
  private String config() {
    return String.format(Locale.ROOT, """
        name: demo-hf
        seed: %d
        task: hf-onset
        data:
          format: ehr
          options:
            generator: {patients: %d, seed: %d}
            cohort: {gap_days: 90, window_months: 12, controls_per_case: 3}
          split: {method: ratio, train: 0.6, validation: 0.2}
        model: {cell: gru, hidden_size: 32, embedding_dim: 16, bag_mode: sum}
        training:
          epochs: %d
          batch_size: 32
          optimizer: {name: adam, lr: 0.005}
          clip_grad_norm: 5
          monitor: roc_auc
          patience: 5
        """, seed.seed, patients, seed.seed, epochs);
  }

  static void report(PrintWriter out, RunMetrics metrics) {
    RunMetrics.PartScores test = metrics.parts().get("test");
    if (test == null) throw new IllegalStateException("the run has no test part");
    out.printf(Locale.ROOT, "heart-failure onset on %d synthetic test patients (cases and matched controls):%n",
        test.records());
    out.printf(Locale.ROOT, "  %-30s %-22s %-22s%n", "model", "ROC-AUC [95% CI]", "PR-AUC [95% CI]");
    row(out, "GRU over visits", test.metrics(), "");
    for (String name : OnsetTask.COUNT_BASELINES) row(out, name.replace('_', ' ') + " (counts)", test.baseline(), name + "_");
    Double majority = test.baseline().get("majority_class_accuracy");
    if (majority != null) out.printf(Locale.ROOT, "  (predicting 'control' for everyone is %.1f%% accurate)%n",
        100 * majority);
  }

  private static void row(PrintWriter out, String label, Map<String, Double> m, String prefix) {
    Double roc = m.get(prefix + "roc_auc");
    if (roc == null) return;
    out.printf(Locale.ROOT, "  %-30s %.3f [%.3f, %.3f]   %.3f [%.3f, %.3f]%n", label, roc, m.get(prefix + "roc_auc_ci_low"),
        m.get(prefix + "roc_auc_ci_high"), m.get(prefix + "pr_auc"), m.get(prefix + "pr_auc_ci_low"),
        m.get(prefix + "pr_auc_ci_high"));
  }
}
