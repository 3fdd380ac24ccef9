package org.recurrent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -m/--model}: the model directory a command reads (eval, predict, inspect). */
final class ModelDirOption {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "<model>",
      description = "Model directory written by 'recurrent train'.")
  Path dir;
}
