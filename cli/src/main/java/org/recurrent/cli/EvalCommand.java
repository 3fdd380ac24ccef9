package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent.models.ModelDirectory;
import org.recurrent.eval.Scoring;
import org.recurrent.metrics.Bootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recurrent eval}: scores a trained model on labelled data with its task's metrics. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score a trained model on labelled data (same layout as its training data) and print the metrics as JSON, "
    + "with the task's baselines (fitted on the training part when the model was trained) scored on the same records. "
    + "Binary classifiers also get 95%% bootstrap intervals for ROC-AUC and PR-AUC (resampled with --seed).")
final class EvalCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin ThreadsOption threads;

  @Mixin ModelDirOption model;

  @Option(names = {"-d", "--data"}, required = true, description = "Labelled data file.")
  Path data;

  @Option(names = "--bootstrap", defaultValue = "" + Bootstrap.DEFAULT_REPLICATES,
      description = "Bootstrap replicates for confidence intervals (0 = none; at most " + Bootstrap.MAX_REPLICATES + ").")
  int bootstrap;

  @Mixin SeedOption seed;

  @Override
  public Integer call() throws Exception {
    if (bootstrap < 0 || bootstrap > Bootstrap.MAX_REPLICATES) {
      throw new IllegalArgumentException("--bootstrap must be in 0.." + Bootstrap.MAX_REPLICATES + ", got " + bootstrap
          + " (1000 to 2000 replicates give stable 95% intervals)");
    }
    threads.apply();
    Map<String, Object> metrics = Scoring.evaluate(model.dir, data, bootstrap, seed.seed);
    if (metrics.containsKey(Scoring.BASELINE_UNAVAILABLE)) {
      spec.commandLine().getErr().println("recurrent: baselines unavailable: " + metrics.get(Scoring.BASELINE_UNAVAILABLE));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(ModelDirectory.JSON.writeValueAsString(metrics));
    out.flush();
    return 0;
  }
}
