package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.recurrent.eval.Scoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recurrent predict}: one output per record (or per time step), or generated text for a language model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict with a trained model: one row per record (per time step for per-step models) with the label and class "
    + "probabilities, the values, or the forecast; a language model continues each line of the input (sampling with "
    + "--temperature and --seed). "
    + "Writes CSV or JSON Lines by the output's extension (JSON Lines on stdout without --output).")
final class PredictCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Mixin ModelDirOption model;

  @Option(names = {"-i", "--input"}, required = true, description = "Input file, same layout as the training data "
      + "(labels optional); for a language model, one prompt per line.")
  Path input;

  @Option(names = {"-o", "--output"}, description = "Output file (.csv or .jsonl); default: JSON Lines on stdout.")
  Path output;

  @Option(names = "--labels", defaultValue = "auto", description = "Whether the input has labels: auto, yes or no.")
  String labels;

  @Option(names = "--generate", defaultValue = "200", description = "Language models: tokens to generate per prompt.")
  int generate;

  @Option(names = "--temperature", defaultValue = "0.8", description = "Language models: sampling temperature.")
  double temperature;

  @Mixin SeedOption seed;

  @Override
  public Integer call() throws Exception {
    if (!List.of("auto", "yes", "no").contains(labels)) {
      throw new IllegalArgumentException("--labels must be auto, yes or no, got '" + labels + "'");
    }
    if (generate < 1) throw new IllegalArgumentException("--generate must be >= 1, got " + generate);
    PrintWriter out = spec.commandLine().getOut();
    int n = Scoring.predict(model.dir, input, output, out,
        new Scoring.PredictOptions(labels, generate, temperature, seed.seed));
    if (output != null) {
      spec.commandLine().getErr().println("wrote " + n + " predictions to " + output);
      spec.commandLine().getErr().flush();
    }
    return 0;
  }
}
