package org.recurrent.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {
  @Option(names = "--stacktrace", description = "Print the full stack trace on errors.")
  boolean stacktrace;
}
