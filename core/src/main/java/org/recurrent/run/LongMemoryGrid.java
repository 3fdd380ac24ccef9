package org.recurrent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.io.AtomicFiles;
import org.recurrent.train.Progress;

/**
 * The long-memory grid of issue 10: the adding problem at several T for every model that claims a cure for
 * vanishing gradients, each cell one ordinary training run whose config is written beside it, so each cell's
 * command is {@code recurrent train DIR/configs/MODEL-tT.yaml -o DIR/MODEL-tT}.
 *
 * <p>Sizes are chosen so that the whole grid of 7 models x 4 lengths fits in well under an hour on 2 shared cores:
 * H = 32 units (N = 200 for the reservoir), {@value #SAMPLES} records (80% training), {@value #EPOCHS} epochs of
 * batches of {@value #BATCH}, Adam at {@value #LR}. That is far less training than the papers give (Le et al. 2015
 * train the adding problem for 10^5 and more steps), so a model at the chance level here may learn with more.
 */
public final class LongMemoryGrid {
  public static final int SAMPLES = 3000, EPOCHS = 12, BATCH = 32, HIDDEN = 32;
  public static final double LR = 0.003;
  public static final List<Integer> LENGTHS = List.of(50, 100, 200, 400);

  private LongMemoryGrid() {}

  /**
   * One row of the grid.
   *
   * @param name  its name in the table and the directories
   * @param label what it is, for the table
   * @param model the config's {@code model} section (YAML flow mapping)
   * @param clip  {@code clip_grad_norm}; 0 = off
   */
  public record Entry(String name, String label, String model, double clip) {}

  public static final List<Entry> MODELS = List.of(
      new Entry("tanh", "tanh RNN, no clipping", "{cell: rnn_tanh, hidden_size: " + HIDDEN + "}", 0),
      new Entry("tanh-clip", "tanh RNN, clip_grad_norm 1", "{cell: rnn_tanh, hidden_size: " + HIDDEN + "}", 1),
      new Entry("irnn", "IRNN (ReLU, W_hh = I), clip 1", "{cell: irnn, hidden_size: " + HIDDEN + "}", 1),
      new Entry("lstm", "LSTM, clip 1", "{cell: lstm, hidden_size: " + HIDDEN + "}", 1),
      new Entry("gru", "GRU, clip 1", "{cell: gru, hidden_size: " + HIDDEN + "}", 1),
      new Entry("esn", "echo-state network, N = 200", "{kind: esn, reservoir_size: 200, spectral_radius: 0.95, "
          + "leak_rate: 0.5}", 0),
      new Entry("multiscale", "multi-time-scale RNN, delays 1, 2, 4, 8 x 8 units, clip 1", "{kind: multiscale, "
          + "delays: [1, 2, 4, 8], group_size: 8}", 1));

  /**
   * One cell's outcome.
   *
   * @param testMse      the test part's mean squared error
   * @param baselineMse  the training mean's on the same test records (this part's chance level)
   * @param seconds      wall time of the run
   */
  public record Cell(String model, int length, String config, String output, double testMse, double baselineMse,
                     double seconds) {}

  /** The config of one cell. */
  public static String config(Entry e, int length) {
    return """
        # long-memory grid cell (run.LongMemoryGrid): %s on the adding problem at T = %d
        name: %s-t%d
        seed: 1
        task: regression
        data:
          format: synthetic
          options: {task: adding, length: %d, samples: %d, seed: 1}
          split: {method: ratio, train: 0.8, validation: 0.1}
        model: %s
        training: {epochs: %d, batch_size: %d, optimizer: {name: adam, lr: %s}, clip_grad_norm: %s}
        """.formatted(e.label(), length, e.name(), length, length, SAMPLES, e.model(), EPOCHS, BATCH, LR, e.clip());
  }

  /** Runs the cells of {@code models} x {@code lengths} into {@code dir}, reporting each as it ends. */
  public static List<Cell> run(Path dir, List<Entry> models, List<Integer> lengths, Consumer<Cell> done)
      throws IOException {
    Files.createDirectories(dir.resolve("configs"));
    List<Cell> cells = new ArrayList<>();
    for (int T : lengths) {                           // shortest first: a grid stopped early has whole columns
      for (Entry e : models) {
        String name = e.name() + "-t" + T;
        Path config = dir.resolve("configs").resolve(name + ".yaml");
        AtomicFiles.writeString(config, config(e, T));
        Path out = dir.resolve(name);
        Instant start = Instant.now();
        TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(out, false, true, null,
            Progress.quiet()));
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        RunMetrics.PartScores test = o.metrics().parts().get("test");
        Cell c = new Cell(e.name(), T, config.toString(), out.toString(), test.metrics().get("loss"),
            Math.pow(test.baseline().get("train_mean_rmse"), 2), seconds);
        cells.add(c);
        done.accept(c);
      }
    }
    return cells;
  }

  /** The markdown table: one row per model, one column per T, each cell the test MSE and the run's wall time. */
  public static String table(List<Cell> cells, List<Entry> models, List<Integer> lengths) {
    StringBuilder s = new StringBuilder("| model | ");
    for (int T : lengths) s.append("T = ").append(T).append(" | ");
    s.append("\n|---|").append("---|".repeat(lengths.size())).append('\n');
    for (Entry e : models) {
      s.append("| ").append(e.label()).append(" | ");
      for (int T : lengths) {
        Cell c = find(cells, e.name(), T);
        s.append(c == null ? "not run" : String.format(Locale.ROOT, "%.4f (%.0f s)", c.testMse(), c.seconds()))
            .append(" | ");
      }
      s.append('\n');
    }
    s.append("| chance: predicting the training mean, this test part | ");
    for (int T : lengths) {
      Cell c = cells.stream().filter(x -> x.length() == T).findFirst().orElse(null);
      s.append(c == null ? "not run" : String.format(Locale.ROOT, "%.4f", c.baselineMse())).append(" | ");
    }
    s.append(String.format(Locale.ROOT, "%n%nChance level of the adding problem: MSE 1/6 = %.4f (predicting the mean, "
        + "1). Each cell is the test MSE of `recurrent train configs/MODEL-tT.yaml -o MODEL-tT` (the grid's own "
        + "directory) and that run's wall time.%n", AddingProblem.CHANCE_MSE));
    return s.toString();
  }

  public static Cell find(List<Cell> cells, String model, int length) {
    for (Cell c : cells) if (c.model().equals(model) && c.length() == length) return c;
    return null;
  }

  /** The entries named, in the grid's order; unknown names are refused with the list. */
  public static List<Entry> select(List<String> names) {
    if (names == null || names.isEmpty()) return MODELS;
    List<Entry> out = new ArrayList<>();
    for (Entry e : MODELS) if (names.contains(e.name())) out.add(e);
    for (String n : names) {
      if (MODELS.stream().noneMatch(e -> e.name().equals(n))) {
        throw new IllegalArgumentException("unknown grid model '" + n + "'; expected some of "
            + MODELS.stream().map(Entry::name).toList());
      }
    }
    return out;
  }
}
