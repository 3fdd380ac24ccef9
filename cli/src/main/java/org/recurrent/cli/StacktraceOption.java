package org.recurrent.cli;

import picocli.CommandLine.Option;

/** {@code --stacktrace}, which every subcommand takes: the full stack trace on errors (see {@link RecurrentCommand}). */
final class StacktraceOption {
  static final String NAME = "--stacktrace";

  @Option(names = NAME, description = "Print the full stack trace on errors.")
  boolean stacktrace;
}
