package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.Progress;
import org.recurrent.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recurrent train CONFIG}: trains a model as a config file describes and writes a model directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model as CONFIG (YAML or JSON) describes; write the model directory (weights, config, vocabulary/scaler, "
    + "provenance, metrics.json, events.jsonl, checkpoints). Prints the final metrics as JSON on stdout. "
    + "See docs/user-guide.md for the config fields.")
final class TrainCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "Training config file (.yaml, .yml or .json).")
  Path config;

  @Option(names = {"-o", "--output"}, description = "Model directory to write (default: the config's output, "
      + "else runs/<config name>).")
  Path output;

  @Option(names = "--resume", description = "Continue the run in the output directory from its last checkpoint.")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace a model already in the output directory.")
  boolean overwrite;

  @Option(names = "--epochs", description = "Override training.epochs.")
  Integer epochs;

  @Option(names = "--quiet", description = "No progress output on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = quiet ? Progress.quiet() : Progress.forStream(System.err);
    TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(output, resume, overwrite, epochs, progress));
    out.println(ModelDirectory.JSON.writeValueAsString(o.metrics()));
    out.flush();
    return 0;
  }
}
