package org.recurrent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recurrent.io.AtomicFiles;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.GridTask;
import org.recurrent.run.LongMemoryGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code recurrent grid}: the long-memory grid ({@link LongMemoryGrid}), every model on every task at every T, as
 * ordinary training runs; writes grid.json, and per task grid-TASK.md (the table) and grid-TASK.png (the error
 * against T) into the output folder, and with {@code --results FILE} each task's table between the markers
 * {@code <!-- grid:TASK:begin -->} and {@code <!-- grid:TASK:end -->} of that file. Cells already done with the
 * same config are read back, not trained again.
 */
@Command(name = "grid", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Train every "
    + "long-memory model (tanh RNN with and without clipping, IRNN, LSTM, GRU, echo-state network, multi-time-scale "
    + "RNN) on the adding problem, the copy task and pixel-by-pixel digits at each T; write one table of test error "
    + "and run times and one plot per task. Cells already done with the same config are reused.")
final class GridCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder of the runs, configs and results.")
  Path output = Path.of("runs", "grid");

  @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Tasks (default all): adding, copy, "
      + "pixels.")
  List<String> tasks;

  @Option(names = "--lengths", split = ",", paramLabel = "T", description = "Sequence lengths (pixels: the nearest "
      + "square, 50 -> 49 = 7 x 7).")
  List<Integer> lengths = LongMemoryGrid.LENGTHS;

  @Option(names = "--pixel-lengths", split = ",", paramLabel = "T", description = "Lengths for the pixel task "
      + "instead of --lengths (nearest squares).")
  List<Integer> pixelLengths;

  @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Models (default all): tanh, "
      + "tanh-clip, irnn, lstm, gru, esn, multiscale.")
  List<String> models;

  @Option(names = "--samples", paramLabel = "N", description = "Records generated per cell (80%% training, 10%% "
      + "validation, 10%% test).")
  int samples = LongMemoryGrid.Budget.STANDARD.samples();

  @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (batches of 32) per cell trained by "
      + "gradient descent at T <= 100, rounded to whole epochs.")
  int steps = LongMemoryGrid.Budget.STANDARD.steps();

  @Option(names = "--long-steps", paramLabel = "N", description = "The same for T > 100.")
  int longSteps = LongMemoryGrid.Budget.STANDARD.longSteps();

  @Option(names = "--rerun", description = "Train every cell again, even one already done with the same config.")
  boolean rerun;

  @Option(names = "--results", paramLabel = "FILE", description = "Also put each task's table between the markers "
      + "<!-- grid:TASK:begin --> and <!-- grid:TASK:end --> of this markdown file (docs/results.md).")
  Path results;

  @Override
  public Integer call() throws Exception {
    List<GridTask> chosen = GridTask.select(tasks);
    List<LongMemoryGrid.Entry> entries = LongMemoryGrid.select(models);
    for (int T : lengths) if (T < 2) throw new IllegalArgumentException("--lengths: every T must be >= 2, got " + T);
    if (pixelLengths != null) {
      for (int T : pixelLengths) {
        if (T < 4) throw new IllegalArgumentException("--pixel-lengths: every T must be >= 4, got " + T);
      }
    }
    LongMemoryGrid.Budget budget = new LongMemoryGrid.Budget(samples, steps, longSteps);
    if (results != null) {
      String text = Files.readString(results);
      for (GridTask t : chosen) {
        if (!text.contains(begin(t)) || !text.contains(end(t))) {
          throw new IllegalArgumentException(results + " has no " + begin(t) + " ... " + end(t) + " block to fill");
        }
      }
    }
    var err = spec.commandLine().getErr();
    LongMemoryGrid.Listener listener = new LongMemoryGrid.Listener() {
      @Override
      public void starting(int index, int total, GridTask task, LongMemoryGrid.Entry e, int T) {
        err.printf(Locale.ROOT, "grid %d/%d: %s %s T=%d ...%n", index, total, task.configName(), e.name(), T);
        err.flush();
      }

      @Override
      public void done(int index, int total, LongMemoryGrid.Cell c, boolean reused) {
        err.printf(Locale.ROOT, "grid %d/%d: %s %s T=%d error %.4f (chance %.4f)%s%n", index, total, c.task(),
            c.model(), c.length(), c.error(), c.chance(), reused ? ", done before: reused"
                : String.format(Locale.ROOT, " in %.0f s (%.0f s CPU)", c.seconds(), c.cpuSeconds()));
        err.flush();
      }
    };
    // the files are rewritten after every cell, so a grid stopped early leaves the cells it ran (the rest "not run")
    java.util.Map<GridTask, List<Integer>> plan = new java.util.LinkedHashMap<>();
    for (GridTask t : chosen) {
      plan.put(t, lengthsOf(t));
      for (int T : lengthsOf(t)) t.chance(t.length(T));        // the generator refuses a bad T before any cell runs
    }
    List<LongMemoryGrid.Cell> cells = LongMemoryGrid.run(output, plan, entries, budget, rerun, listener, all -> {
      try {
        write(all, chosen, entries);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    for (GridTask t : chosen) {
      spec.commandLine().getOut().println("## " + t.title() + "\n");
      spec.commandLine().getOut().println(LongMemoryGrid.table(t, cells, entries, lengthsOf(t)));
    }
    err.println("grid: " + output.resolve("grid.json") + ", " + output + "/grid-TASK.md and .png");
    spec.commandLine().getOut().flush();
    err.flush();
    return 0;
  }

  static String begin(GridTask t) {
    return "<!-- grid:" + t.configName() + ":begin -->";
  }

  static String end(GridTask t) {
    return "<!-- grid:" + t.configName() + ":end -->";
  }

  private List<Integer> lengthsOf(GridTask t) {
    return t == GridTask.PIXELS && pixelLengths != null ? pixelLengths : lengths;
  }

  private void write(List<LongMemoryGrid.Cell> cells, List<GridTask> chosen, List<LongMemoryGrid.Entry> entries)
      throws IOException {
    ModelDirectory.writeJson(output.resolve("grid.json"), cells);
    String text = results == null ? null : Files.readString(results);
    for (GridTask t : chosen) {
      String table = LongMemoryGrid.table(t, cells, entries, lengthsOf(t));
      AtomicFiles.writeString(output.resolve("grid-" + t.configName() + ".md"), table);
      GridChart.write(t, cells, entries, lengthsOf(t), output.resolve("grid-" + t.configName() + ".png"));
      if (text != null) {
        int a = text.indexOf(begin(t)) + begin(t).length(), b = text.indexOf(end(t));
        text = text.substring(0, a) + "\n" + table + text.substring(b);
      }
    }
    if (text != null) AtomicFiles.writeString(results, text);
  }
}
