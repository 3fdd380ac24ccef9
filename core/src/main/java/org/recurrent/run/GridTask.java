package org.recurrent.run;

import java.util.List;
import java.util.Locale;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.data.synthetic.CopyTask;
import org.recurrent.data.synthetic.PixelDigits;

/**
 * The three long-memory tasks of the grid ({@link LongMemoryGrid}): how a cell's data section reads, which test
 * metric is the cell's error, and the chance level of that error, computed exactly from the task's definition.
 * <pre>{@code
 * adding   error = test MSE                               chance 1/6 (predicting the mean, 1)
 * copy     error = test cross-entropy per step (nats)     chance K ln(A) / (T + 2K) (the layout known, symbols not)
 * pixels   error = test error rate, 1 - accuracy          chance 1 - 1/10 = 0.9
 * }</pre>
 * Arjovsky, Shah and Bengio (2016) score the copy task by its cross-entropy against this baseline; the accuracy
 * over every step of a copy sequence is dominated by the blanks (chance 0.98 at T = 400), so it says little.
 */
public enum GridTask {
  ADDING(AddingProblem.NAME, "regression", "test MSE"),
  COPY(CopyTask.NAME, "tagging", "test cross-entropy per step (nats)"),
  PIXELS(PixelDigits.NAME, "classification", "test error rate (1 - accuracy)");

  /**
   * The copy task's K (symbols to recall) and A (alphabet) in the grid. Arjovsky et al. (2016) use 10 of 8 and
   * train for tens of thousands of steps; within the grid's 3000 steps no model beat chance at T = 50 with 5 of 8
   * but the GRU (0.137 against 0.173), while with 3 of 4 the GRU, the LSTM and the multi-time-scale RNN did
   * (docs/vanishing-gradients.md): a smaller memory (6 bits instead of 15) to hold over the same delay.
   */
  public static final int COPY_SYMBOLS = 3, COPY_ALPHABET = 4;

  private final String name, task, metric;

  GridTask(String name, String task, String metric) {
    this.name = name;
    this.task = task;
    this.metric = metric;
  }

  /** {@code data.options.task}, and the task's name in the grid's options, files and table titles. */
  public String configName() {
    return name;
  }

  /** The training task that reads its records ({@code task:} of the config). */
  public String trainingTask() {
    return task;
  }

  /** What a cell's number is. */
  public String metric() {
    return metric;
  }

  /**
   * The T a requested length becomes: pixels read a square image, so T is the square nearest to the length asked
   * for (50 -> 49 = 7 x 7, 200 -> 196 = 14 x 14); the other tasks take it as it is.
   */
  public int length(int requested) {
    if (this != PIXELS) return requested;
    int side = Math.max(2, (int) Math.round(Math.sqrt(requested)));
    return side * side;
  }

  /** The flow mapping of {@code data.options} for T and the number of records. */
  public String dataOptions(int T, int samples) {
    return switch (this) {
      case ADDING -> "{task: adding, length: %d, samples: %d, seed: 1}".formatted(T, samples);
      case COPY -> "{task: copy, length: %d, symbols: %d, alphabet: %d, samples: %d, seed: 1}".formatted(T,
          COPY_SYMBOLS, COPY_ALPHABET, samples);
      case PIXELS -> "{task: pixels, length: %d, samples: %d, seed: 1}".formatted(T, samples);
    };
  }

  /** The cell's error from the test part's scores. */
  public double error(RunMetrics.PartScores test) {
    return switch (this) {
      case ADDING, COPY -> test.metrics().get("loss");
      case PIXELS -> 1 - test.metrics().get("accuracy");
    };
  }

  /**
   * The error of this test part's own baseline fitted on the training part, or NaN when the task has none in the
   * same units: adding, the training mean's MSE; pixels, the error rate of the classification task's logistic
   * regression on the whole image (the practitioner's baseline: every pixel at once, no memory needed); copy none
   * (its majority-class baseline scores accuracy, not cross-entropy).
   */
  public double baseline(RunMetrics.PartScores test) {
    return switch (this) {
      case ADDING -> Math.pow(test.baseline().get("train_mean_rmse"), 2);
      case COPY -> Double.NaN;
      case PIXELS -> 1 - test.baseline().getOrDefault("logistic_regression_accuracy", Double.NaN);
    };
  }

  /** The baseline row's label in the table, or null for none. */
  public String baselineLabel() {
    return switch (this) {
      case ADDING -> "baseline: the training mean, MSE on this test part";
      case COPY -> null;
      case PIXELS -> "baseline: logistic regression on the whole image, error on this test part";
    };
  }

  /** The exact chance level of {@link #error} at T. */
  public double chance(int T) {
    return switch (this) {
      case ADDING -> AddingProblem.CHANCE_MSE;
      case COPY -> new CopyTask(T, COPY_SYMBOLS, COPY_ALPHABET).chance().crossEntropy();
      case PIXELS -> 1 - PixelDigits.ofLength(T, 0.1).chance().value();
    };
  }

  /** The chance level in words, for the line under the table. */
  public String chanceText() {
    return switch (this) {
      case ADDING -> String.format(Locale.ROOT, "Chance: MSE 1/6 = %.4f, predicting the mean y = 1 whatever the "
          + "inputs.", AddingProblem.CHANCE_MSE);
      case COPY -> String.format(Locale.ROOT, "K = %d symbols of A = %d, recalled T + K steps after they were shown "
          + "(T + 2K steps in all). Chance: cross-entropy K ln(A) / (T + 2K) per step, a predictor that knows the "
          + "layout (certain of the blanks) and gives each symbol 1/A on the K recall steps.", COPY_SYMBOLS,
          COPY_ALPHABET);
      case PIXELS -> "Seven-segment digits 0-9, one pixel per step (T = side^2). Chance: error rate 0.9 "
          + "(any one class of ten, balanced).";
    };
  }

  /** The table's and plot's title. */
  public String title() {
    return switch (this) {
      case ADDING -> "Adding problem";
      case COPY -> "Copy task";
      case PIXELS -> "Pixel-by-pixel digits";
    };
  }

  /** The tasks named ({@code adding}, {@code copy}, {@code pixels}), in the grid's order; unknown names refused. */
  public static List<GridTask> select(List<String> names) {
    if (names == null || names.isEmpty()) return List.of(values());
    for (String n : names) {
      if (java.util.Arrays.stream(values()).noneMatch(t -> t.name.equals(n))) {
        throw new IllegalArgumentException("unknown grid task '" + n + "'; expected some of "
            + java.util.Arrays.stream(values()).map(GridTask::configName).toList());
      }
    }
    return java.util.Arrays.stream(values()).filter(t -> names.contains(t.name)).toList();
  }
}
