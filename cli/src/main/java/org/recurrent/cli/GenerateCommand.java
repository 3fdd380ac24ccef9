package org.recurrent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.recurrent.eval.Generation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recurrent generate}: text sampled from a language model, written to stdout one token at a time as it is
 * drawn (the prime first, as char-rnn's sampler prints it).
 */
@Command(name = "generate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Generate text with a trained language model: reads --prime, then samples --length tokens "
    + "(characters, or words for a word-level model) and streams each to stdout as it is drawn. The same model, "
    + "prime, options and --seed give the same text.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin ThreadsOption threads;

  @Mixin ModelDirOption model;

  @Option(names = "--prime", required = true, description = "Text the model reads before it generates; every "
      + "character (word) must be in the model's vocabulary.")
  String prime;

  @Option(names = "--length", defaultValue = "500", description = "Tokens to generate after the prime.")
  int length;

  @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature, > 0: lower is more "
      + "conservative, higher more varied.")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "Sample among the K most likely tokens only; 0 = all.")
  int topK;

  @Mixin SeedOption seed;

  @Override
  public Integer call() throws Exception {
    Generation.Options options = new Generation.Options(length, temperature, topK, seed.seed);   // checked first
    threads.apply();
    PrintWriter out = spec.commandLine().getOut();
    boolean[] started = {false};
    Generation.generate(model.dir, prime, options, token -> {
      if (!started[0]) {                         // the prime is echoed once the model is loaded and the prime checked
        out.print(prime);
        started[0] = true;
      }
      out.print(token);
      out.flush();
    });
    out.println();
    out.flush();
    return 0;
  }
}
