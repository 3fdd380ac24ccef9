package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.recurrent.eval.PredictionFormat;
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
    + "Writes CSV or JSON Lines: --format, else the output's extension (.csv, .jsonl); JSON Lines on stdout by default.")
final class PredictCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin ThreadsOption threads;

  @Mixin ModelDirOption model;

  @Option(names = {"-i", "--input"}, required = true, description = "Input file, same layout as the training data "
      + "(labels optional); for a language model, one prompt per line.")
  Path input;

  @Option(names = {"-o", "--output"}, description = "Output file (.csv or .jsonl, or any name with --format); its folder "
      + "must exist. Default: stdout.")
  Path output;

  @Option(names = "--format", description = "Output format, csv or jsonl (default: by the output's extension; "
      + "jsonl on stdout).")
  String format;

  @Option(names = "--labels", defaultValue = "auto", description = "Whether the input has labels: auto, yes or no.")
  String labels;

  @Option(names = "--generate", defaultValue = "200", description = "Language models: tokens to generate per prompt.")
  int generate;

  @Option(names = "--temperature", defaultValue = "0.8", description = "Language models: sampling temperature.")
  double temperature;

  @Mixin SeedOption seed;

  @Option(names = "--explain", description = "Models of codes per visit (hf-onset): add to each prediction which "
      + "visits and codes pushed it up or down (integrated gradients; JSON Lines only).")
  boolean explain;

  @Option(names = "--redact", description = "De-identification (task deid): write each note back with every PHI "
      + "span the model found replaced by its type ([NAME], [DATE], ...), one record per note (docs/deid.md).")
  boolean redact;

  @Override
  public Integer call() throws Exception {
    if (!List.of("auto", "yes", "no").contains(labels)) {
      throw new IllegalArgumentException("--labels must be auto, yes or no, got '" + labels + "'");
    }
    if (generate < 1) throw new IllegalArgumentException("--generate must be >= 1, got " + generate);
    PredictionFormat chosen = chooseFormat(output, format);
    threads.apply();
    PrintWriter out = spec.commandLine().getOut();
    int n = Scoring.predict(model.dir, input, output, chosen, out,
        new Scoring.PredictOptions(labels, generate, temperature, seed.seed, explain, redact));
    if (output != null) {
      spec.commandLine().getErr().println("wrote " + n + " predictions to " + output);
      spec.commandLine().getErr().flush();
    }
    return 0;
  }

  /** The format --format names, else the one the output's extension names; checked before any work is done. */
  static PredictionFormat chooseFormat(Path output, String format) {
    if (output != null) {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("--output " + output + ": folder " + parent + " does not exist. "
            + "HINT: create it first, or write somewhere else");
      }
      if (Files.isSymbolicLink(output)) {
        throw new IllegalArgumentException("--output " + output + " is a symbolic link; refused: outputs are never "
            + "written through a link. HINT: remove the link, or give another file name");
      }
      if (Files.isDirectory(output)) {
        throw new IllegalArgumentException("--output " + output + " is a folder; give a file name");
      }
    }
    if (format != null) return PredictionFormat.named(format);
    if (output == null) return PredictionFormat.JSONL;
    return PredictionFormat.byExtension(output).orElseThrow(() -> new IllegalArgumentException("--output " + output
        + ": cannot tell the format from the extension; name the file .csv or .jsonl, or add --format "
        + String.join("|", java.util.Arrays.stream(PredictionFormat.values()).map(PredictionFormat::extension).toList())));
  }
}
