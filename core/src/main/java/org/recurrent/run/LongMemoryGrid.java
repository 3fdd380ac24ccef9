package org.recurrent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.recurrent.io.AtomicFiles;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.Progress;

/**
 * The long-memory grid of issue 10: every model that claims a cure for vanishing gradients on every task of
 * {@link GridTask} (adding problem, copy task, pixel-by-pixel digits) at several T, each cell one ordinary training
 * run whose config is written beside it, so each cell's command is
 * {@code recurrent train DIR/configs/TASK-MODEL-tT.yaml -o DIR/TASK-MODEL-tT}.
 *
 * <p>The budget ({@link Budget}) is the same number of optimizer steps of batches of {@value #BATCH} for every
 * model trained by gradient descent at a T, so a row against another compares cures, not training time; each model has
 * the learning rate and clipping its literature recommends ({@link #MODELS}). The echo-state network fits its
 * read-out in closed form on the same training records. A cell already done with the same config is not run again
 * ({@link #run}), so a stopped grid resumes where it stopped.
 */
public final class LongMemoryGrid {
  public static final int BATCH = 32;
  public static final List<Integer> LENGTHS = List.of(50, 100, 200, 400);
  /** Where a cell's outcome is kept, {@code DIR/cells/NAME.json}: what a resumed grid reads instead of training. */
  public static final String CELLS = "cells";

  private LongMemoryGrid() {}

  /**
   * How much every cell gets.
   *
   * @param samples   records generated per cell: 80% training, 10% validation, 10% test
   * @param steps     optimizer steps of batches of {@value #BATCH} for a model trained by gradient descent at
   *                  T <= {@value #SHORT} (rounded to whole epochs of the training part)
   * @param longSteps the same at T > {@value #SHORT}: a step there costs 2 to 4 times as much, and a grid of equal
   *                  steps at every T did not fit the shared machine's hour (the standard grid: 3000 and 1000 steps,
   *                  16.8 min of CPU, docs/results.md)
   */
  public record Budget(int samples, int steps, int longSteps) {
    /** The last T that gets {@link #steps}. */
    public static final int SHORT = 100;
    /** The grid of docs/results.md. */
    public static final Budget STANDARD = new Budget(2000, 3000, 1000);

    public Budget {
      if (samples < 20) throw new IllegalArgumentException("--samples must be >= 20, got " + samples);
      if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
      if (longSteps < 1) throw new IllegalArgumentException("--long-steps must be >= 1, got " + longSteps);
    }

    /** Training records: the split's 80%. */
    public int trainRecords() {
      return (int) Math.round(0.8 * samples);
    }

    /** Whole epochs that give at least one and about {@link #steps} (or {@link #longSteps}) optimizer steps at T. */
    public int epochs(int T) {
      int perEpoch = (trainRecords() + BATCH - 1) / BATCH;
      return Math.max(1, (int) Math.round((T <= SHORT ? steps : longSteps) / (double) perEpoch));
    }
  }

  /**
   * One row of the grid.
   *
   * @param name  its name in the options, files and directories
   * @param label what it is, for the table
   * @param model the config's {@code model} section (YAML flow mapping) for each task
   * @param lr    Adam's learning rate; NaN for a closed-form fit
   * @param clip  {@code clip_grad_norm}; 0 = off
   */
  public record Entry(String name, String label, Map<GridTask, String> model, double lr, double clip) {
    boolean closedForm() {
      return Double.isNaN(lr);
    }
  }

  private static Map<GridTask, String> same(String model) {
    return Map.of(GridTask.ADDING, model, GridTask.COPY, model, GridTask.PIXELS, model);
  }

  /**
   * The models, H = 32 units each (N = 200 for the reservoir). Learning rates (Adam, the project's optimizer):
   * 1e-3 for the tanh RNN (Le et al. 2015 tuned plain RNNs to small rates; larger ones diverge without clipping),
   * 1e-3 with clipping at 1 for the IRNN (Le et al.: a small rate and clipping go with ReLU and W_hh = I), 3e-3 for
   * LSTM and GRU (Adam's usual 1e-3 raised for a budget of thousands of steps rather than the literature's tens of
   * thousands; Le et al.'s 1e-2 did no better for the LSTM, see docs/vanishing-gradients.md), 3e-3 for
   * the multi-time-scale RNN (a tanh RNN whose slow groups see T/8 steps).
   */
  public static final List<Entry> MODELS = List.of(
      new Entry("tanh", "tanh RNN, no clipping, lr 1e-3", same("{cell: rnn_tanh, hidden_size: 32}"), 0.001, 0),
      new Entry("tanh-clip", "tanh RNN, clip 1, lr 1e-3", same("{cell: rnn_tanh, hidden_size: 32}"), 0.001, 1),
      new Entry("irnn", "IRNN (ReLU, W_hh = I), clip 1, lr 1e-3", same("{cell: irnn, hidden_size: 32}"), 0.001, 1),
      new Entry("lstm", "LSTM, clip 1, lr 3e-3", same("{cell: lstm, hidden_size: 32}"), 0.003, 1),
      new Entry("gru", "GRU, clip 1, lr 3e-3", same("{cell: gru, hidden_size: 32}"), 0.003, 1),
      new Entry("esn", "echo-state network, N = 200 (closed form)", Map.of(
          GridTask.ADDING, "{kind: esn, reservoir_size: 200, spectral_radius: 0.95, leak_rate: 0.5}",
          GridTask.COPY, "{kind: esn, reservoir_size: 200, spectral_radius: 0.95, input_scaling: 0.5, leak_rate: 1.0}",
          GridTask.PIXELS, "{kind: esn, reservoir_size: 200, spectral_radius: 0.99, leak_rate: 0.2}"), Double.NaN, 0),
      new Entry("multiscale", "multi-time-scale RNN, delays 1, 2, 4, 8 x 8 units, clip 1, lr 3e-3",
          same("{kind: multiscale, delays: [1, 2, 4, 8], group_size: 8}"), 0.003, 1));

  /**
   * One cell's outcome, as {@code DIR/cells/NAME.json}.
   *
   * @param error      the task's error on the test part ({@link GridTask#error})
   * @param chance     its exact chance level at this T
   * @param baseline   the test part's own training-fitted baseline in the same units, or NaN
   * @param epochs     epochs trained (1 for the closed-form fit)
   * @param seconds    wall time of the run
   * @param cpuSeconds CPU time of this process (every thread, the collector's too) while it ran
   * @param configText the config the run read, to tell a finished cell from one whose config has changed
   */
  public record Cell(String task, String model, int length, String config, String output, double error,
                     double chance, double baseline, int epochs, double seconds, double cpuSeconds,
                     String configText) {}

  /** The name of a cell's config and folder. */
  public static String name(GridTask task, Entry e, int T) {
    return task.configName() + "-" + e.name() + "-t" + T;
  }

  /** The config of one cell. */
  public static String config(GridTask task, Entry e, int T, Budget budget) {
    String training = e.closedForm() ? "{batch_size: 250}"
        : String.format(Locale.ROOT, "{epochs: %d, batch_size: %d, optimizer: {name: adam, lr: %s}, clip_grad_norm: %s}",
            budget.epochs(T), BATCH, e.lr(), e.clip());
    return """
        # long-memory grid cell (run.LongMemoryGrid): %s on the %s task at T = %d
        name: %s
        seed: 1
        task: %s
        data:
          format: synthetic
          options: %s
          split: {method: ratio, train: 0.8, validation: 0.1}
        model: %s
        training: %s
        """.formatted(e.label(), task.configName(), T, name(task, e, T), task.trainingTask(),
        task.dataOptions(T, budget.samples()), e.model().get(task), training);
  }

  /** What the grid tells as it goes: a cell starting, a cell done (trained now or read back). */
  public interface Listener {
    void starting(int index, int total, GridTask task, Entry e, int T);

    void done(int index, int total, Cell cell, boolean reused);
  }

  /**
   * Runs the cells of every task of {@code plan} at each of its lengths for every one of {@code models} into
   * {@code dir}, reporting each as it starts and ends and handing {@code after} every cell so far.
   * A cell whose {@code cells/NAME.json} records the same config text and whose run folder still has its
   * metrics is read back instead of trained, unless {@code rerun}.
   */
  public static List<Cell> run(Path dir, Map<GridTask, List<Integer>> plan, List<Entry> models, Budget budget,
                               boolean rerun, Listener listener, Consumer<List<Cell>> after)
      throws IOException {
    Files.createDirectories(dir.resolve("configs"));
    Files.createDirectories(dir.resolve(CELLS));
    List<Cell> cells = new ArrayList<>();
    int total = plan.values().stream().mapToInt(List::size).sum() * models.size(), index = 0;
    for (GridTask task : plan.keySet()) {
      for (int requested : plan.get(task)) {                 // shortest first: a grid stopped early has whole columns
        int T = task.length(requested);
        for (Entry e : models) {
          index++;
          String name = name(task, e, T), text = config(task, e, T, budget);
          Path config = dir.resolve("configs").resolve(name + ".yaml"), out = dir.resolve(name);
          Path record = dir.resolve(CELLS).resolve(name + ".json");
          Cell previous = rerun ? null : previous(record, text, out);
          if (previous != null) {
            cells.add(previous);
            listener.done(index, total, previous, true);
          } else {
            listener.starting(index, total, task, e, T);
            AtomicFiles.writeString(config, text);
            Instant start = Instant.now();
            Duration cpu0 = cpu();
            TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(out, false, true, null,
                Progress.quiet()));
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            double cpuSeconds = cpu().minus(cpu0).toMillis() / 1000.0;
            RunMetrics.PartScores test = o.metrics().parts().get("test");
            Cell c = new Cell(task.configName(), e.name(), T, config.toString(), out.toString(), task.error(test),
                task.chance(T), task.baseline(test), o.result().epochsRun(), seconds, cpuSeconds, text);
            ModelDirectory.writeJson(record, c);
            cells.add(c);
            listener.done(index, total, c, false);
          }
          after.accept(List.copyOf(cells));
        }
      }
    }
    return cells;
  }

  /** The CPU time this process has used so far (zero where the platform does not say). */
  private static Duration cpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The cell recorded in {@code record}, when it was run from {@code text} and its folder is still there. */
  static Cell previous(Path record, String text, Path out) throws IOException {
    if (!Files.isRegularFile(record) || !Files.isRegularFile(out.resolve(ModelDirectory.METRICS))) return null;
    Cell c = ModelDirectory.JSON.readValue(record.toFile(), Cell.class);
    return text.equals(c.configText()) ? c : null;
  }

  /**
   * The markdown table of one task: one row per model, one column per T, each cell the error, the run's wall time
   * and its CPU time; then the exact chance level per T, the task's own baseline when it has one, and a line saying
   * what the numbers are.
   */
  public static String table(GridTask task, List<Cell> all, List<Entry> models, List<Integer> lengths) {
    List<Cell> cells = all.stream().filter(c -> c.task().equals(task.configName())).toList();
    List<Integer> Ts = lengths.stream().map(task::length).toList();
    StringBuilder s = new StringBuilder("| model | ");
    for (int T : Ts) s.append("T = ").append(T).append(" | ");
    s.append("\n|---|").append("---|".repeat(Ts.size())).append('\n');
    for (Entry e : models) {
      s.append("| ").append(e.label()).append(" | ");
      for (int T : Ts) {
        Cell c = find(cells, e.name(), T);
        s.append(c == null ? "not run" : String.format(Locale.ROOT, "%.4f (%.0f s, %.0f s CPU)", c.error(),
            c.seconds(), c.cpuSeconds())).append(" | ");
      }
      s.append('\n');
    }
    s.append("| **chance** | ");
    for (int T : Ts) s.append(String.format(Locale.ROOT, "**%.4f** | ", task.chance(T)));
    s.append('\n');
    if (task.baselineLabel() != null) {
      s.append("| ").append(task.baselineLabel()).append(" | ");
      for (int T : Ts) {
        Cell c = cells.stream().filter(x -> x.length() == T).findFirst().orElse(null);
        s.append(c == null ? "not run" : String.format(Locale.ROOT, "%.4f", c.baseline())).append(" | ");
      }
      s.append('\n');
    }
    s.append(String.format(Locale.ROOT, "%n%s: %s. %s Each cell is `recurrent train configs/%s-MODEL-tT.yaml -o "
        + "%s-MODEL-tT` in the grid's folder, with the run's wall time and CPU time.%n", task.title(), task.metric(),
        task.chanceText(), task.configName(), task.configName()));
    return s.toString();
  }

  public static Cell find(List<Cell> cells, String model, int length) {
    for (Cell c : cells) if (c.model().equals(model) && c.length() == length) return c;
    return null;
  }

  /** The entries named, in the grid's order; unknown names are refused with the list. */
  public static List<Entry> select(List<String> names) {
    if (names == null || names.isEmpty()) return MODELS;
    for (String n : names) {
      if (MODELS.stream().noneMatch(e -> e.name().equals(n))) {
        throw new IllegalArgumentException("unknown grid model '" + n + "'; expected some of "
            + MODELS.stream().map(Entry::name).toList());
      }
    }
    return MODELS.stream().filter(e -> names.contains(e.name())).toList();
  }
}
