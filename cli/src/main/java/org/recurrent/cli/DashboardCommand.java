package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.recurrent.cli.dashboard.DashboardServer;
import org.recurrent.models.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recurrent dashboard --run DIR}: the training page of a run from its files, finished or still being written
 * by another process, served until the command is stopped (Ctrl-C).
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Serve the training page of the run in DIR (its events.jsonl) on 127.0.0.1, read-only, until "
    + "stopped with Ctrl-C; a run still training is followed as its events are written. The address goes to stderr. "
    + "See docs/dashboard.md.")
final class DashboardCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Model directory written by recurrent train.")
  Path run;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port on 127.0.0.1 (0: any free port).")
  int port;

  @Override
  public Integer call() throws Exception {
    Path events = run.resolve(ModelDirectory.EVENTS);
    if (!Files.isDirectory(run)) throw new IllegalArgumentException("--run " + run + ": no such directory");
    if (Files.isSymbolicLink(events)) {
      throw new IllegalArgumentException("--run " + run + ": " + ModelDirectory.EVENTS + " is a symbolic link; the "
          + "dashboard reads only the file train writes (docs/security.md)");
    }
    if (!Files.isRegularFile(events)) {
      throw new IllegalArgumentException("--run " + run + " holds no " + ModelDirectory.EVENTS + ": give the model "
          + "directory recurrent train writes (its --output)");
    }
    try (DashboardServer page = DashboardServer.files(run, port)) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("dashboard: " + page.url() + " (loopback only, read-only) serving " + run + "; stop with Ctrl-C");
      err.flush();
      new CountDownLatch(1).await();                 // until the process is stopped (or the thread interrupted)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
