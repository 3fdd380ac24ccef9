package org.recurrent.cli;

import org.recurrent.config.TrainConfig;
import picocli.CommandLine.Option;

/**
 * {@code --seed}: the one seed a command's random choices derive from (eval: bootstrap resamples; predict:
 * language-model sampling; demo: weights, batches and sampling). Defaults to a config's default seed,
 * {@link TrainConfig#DEFAULT_SEED}.
 */
final class SeedOption {
  @Option(names = "--seed", defaultValue = "" + TrainConfig.DEFAULT_SEED,
      description = "Seed for every random choice of the command.")
  long seed;
}
