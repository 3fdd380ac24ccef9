package org.recurrent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.recurrent.data.PrintableText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code recurrent} command. Subcommands parse options and delegate to the library; results go to stdout,
 * progress and diagnostics to stderr. Exit codes: 0 success, 1 failure while running, 2 bad usage or input.
 */
@Command(name = "recurrent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Recurrent neural networks (RNN, LSTM, GRU) on the JVM.",
    // one command per line, so that adding one is a one-line change
    subcommands = {
        DemoCommand.class,
        TrainCommand.class,
        EvalCommand.class,
        PredictCommand.class,
        EhrCommand.class,
        InspectCommand.class,
        BenchCommand.class,
        ForecastCommand.class,
        ReportCommand.class,
        DeidNotesCommand.class,
        GenerateCommand.class,
        DashboardCommand.class,
        TranslateCommand.class,
        DiagnoseCommand.class,
        GridCommand.class,
        CommandLine.HelpCommand.class})
public final class RecurrentCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** No command given: the usage on stderr and exit 2, since nothing was done. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  public static void main(String[] args) {
    int exit;
    try {
      exit = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    } catch (OutOfMemoryError e) {
      System.err.println("recurrent: error: " + outOfMemory(configuredMaxHeap()));
      exit = 1;
    }
    System.exit(exit);
  }

  /**
   * The heap limit the JVM was given (-Xmx, as RECURRENT_HEAP sets it). Not {@code Runtime.maxMemory()}: under the
   * parallel collector that leaves out one survivor space, whose size the collector changes with the allocation
   * pattern, so the same -Xmx48m read as 43 MiB in one build and 48 MiB in the next.
   */
  static long configuredMaxHeap() {
    try {
      var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      return Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue());
    } catch (RuntimeException | LinkageError e) { // another JVM: the nearest figure it offers
      return Runtime.getRuntime().maxMemory();
    }
  }

  /** What to do when the heap is too small: the ./recurrent launcher sizes it from RECURRENT_HEAP. */
  static String outOfMemory(long maxHeapBytes) {
    return "out of memory: the Java heap is at most " + org.recurrent.io.MemoryBudget.size(maxHeapBytes)
        + "; give it more with RECURRENT_HEAP (e.g. RECURRENT_HEAP=4g ./recurrent ...; see README)";
  }

  /** Runs the command in-process (tests use this) and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new RecurrentCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.getCommandSpec().usageMessage().showDefaultValues(true);
    for (CommandLine sub : cl.getSubcommands().values()) sub.getCommandSpec().usageMessage().showDefaultValues(true);
    if (args.length > 0 && !args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
      // before picocli parses the rest, so that `recurrent nosuch --help` is an error, not the top-level help
      err.println("recurrent: error: unknown command '" + args[0] + "'; the commands are "
          + String.join(", ", cl.getSubcommands().keySet()) + " (recurrent --help)");
      err.flush();
      return 2;
    }
    return cl.execute(args);
  }

  /**
   * Bad usage (an unknown option, a stray argument, a value that does not convert): one line naming what is
   * wrong and where the usage is, exit 2; not the whole usage text, which buries the error.
   */
  static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      CommandLine cl = e.getCommandLine();
      PrintWriter err = cl.getErr();
      String msg = e.getMessage();
      if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
          && u.getUnmatched().stream().noneMatch(a -> a.startsWith("-"))) {
        msg = cl.getCommandName() + " takes no argument " + String.join(" ", u.getUnmatched().stream()
            .map(a -> "'" + a + "'").toList()) + " here (a list given to an option is one argument: quote it "
            + "if it holds ';' or spaces, e.g. --shape '1,2,3,4;5,6,7,8')";
      }
      err.println("recurrent: error: " + PrintableText.escape(msg) + " (" + cl.getCommandSpec().qualifiedName()
          + " --help for usage)");
      err.flush();
      return 2;
    }
  }

  /** One-line errors; the stack trace only with --stacktrace. Bad arguments and input files exit 2. */
  static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
      boolean trace = parsed.expandedArgs().contains(StacktraceOption.NAME);
      PrintWriter err = cl.getErr();
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // a message may quote a file's content: one line, control characters escaped, whatever the file holds
      err.println("recurrent: error: " + PrintableText.escape(msg));
      if (trace) e.printStackTrace(err);
      else err.println("(run with --stacktrace for details)");
      err.flush();
      return e instanceof IllegalArgumentException || e instanceof java.io.IOException ? 2 : 1;
    }
  }
}
