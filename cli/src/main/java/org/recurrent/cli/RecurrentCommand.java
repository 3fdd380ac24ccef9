package org.recurrent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code recurrent} command. Subcommands parse options and delegate to the library; results go to stdout,
 * progress and diagnostics to stderr. Exit codes: 0 success, 1 failure while running, 2 bad usage or input.
 */
@Command(name = "recurrent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Recurrent neural networks (RNN, LSTM, GRU) on the JVM.",
    subcommands = {DemoCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class,
        InspectCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class RecurrentCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command in-process (tests use this) and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new RecurrentCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.getCommandSpec().usageMessage().showDefaultValues(true);
    for (CommandLine sub : cl.getSubcommands().values()) sub.getCommandSpec().usageMessage().showDefaultValues(true);
    return cl.execute(args);
  }

  /** One-line errors; the stack trace only with --stacktrace. Bad arguments and input files exit 2. */
  static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
      boolean trace = parsed.expandedArgs().contains(StacktraceOption.NAME);
      PrintWriter err = cl.getErr();
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      err.println("recurrent: error: " + msg);
      if (trace) e.printStackTrace(err);
      else err.println("(run with --stacktrace for details)");
      err.flush();
      return e instanceof IllegalArgumentException || e instanceof java.io.IOException ? 2 : 1;
    }
  }
}
