package org.recurrent.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * Counts of (true class, predicted class) pairs over K classes, rows = truth and columns = prediction (scikit-learn's
 * {@code confusion_matrix} layout), and the metrics read off it. For class c:
 *
 * <pre>{@code
 * tp_c = C[c][c]      fp_c = sum_r C[r][c] - tp_c      fn_c = sum_j C[c][j] - tp_c      support n_c = tp_c + fn_c
 * accuracy    = sum_c tp_c / N
 * precision_c = tp_c / (tp_c + fp_c)                   0 when nothing was predicted as c
 * recall_c    = tp_c / (tp_c + fn_c)                   0 when c never occurs in truth
 * F1_c        = 2 tp_c / (2 tp_c + fp_c + fn_c)        = 2 P R / (P + R); 0 when tp_c = fp_c = fn_c = 0
 * }</pre>
 *
 * <p>The zero-division convention is scikit-learn's {@code zero_division=0}: a ratio with denominator 0 is 0, and
 * such classes still count in the {@link Average#MACRO} mean (like scikit-learn called with
 * {@code labels=range(K)}). Averages are described in {@link Average}.
 */
public final class ConfusionMatrix {
  private static final String METRIC = "ConfusionMatrix";

  private final long[][] counts; // (K, K): counts[true][predicted]
  private final List<String> classNames;
  private final long total;

  private ConfusionMatrix(long[][] counts, List<String> classNames, long total) {
    this.counts = counts;
    this.classNames = classNames;
    this.total = total;
  }

  /** Classes are named by their index ("0", "1", ...). */
  public static ConfusionMatrix of(int[] truth, int[] predicted, int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException(METRIC + ": numClasses must be >= 1, got " + numClasses);
    }
    List<String> names = new ArrayList<>(numClasses);
    for (int c = 0; c < numClasses; c++) names.add(Integer.toString(c));
    return of(truth, predicted, names);
  }

  /** K = {@code classNames.size()}; the names label the rows and columns of {@link #toString()}. */
  public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> classNames) {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(predicted, "predicted");
    int numClasses = classNames.size();
    if (numClasses < 1) throw new IllegalArgumentException(METRIC + ": needs at least one class name");
    InputChecks.requireSameLength(METRIC, "truth", truth.length, "predicted", predicted.length);
    InputChecks.requireNonEmpty(METRIC, truth.length);
    long[][] counts = new long[numClasses][numClasses];
    for (int i = 0; i < truth.length; i++) {
      InputChecks.requireClassIndex(METRIC, "truth", i, truth[i], numClasses);
      InputChecks.requireClassIndex(METRIC, "predicted", i, predicted[i], numClasses);
      counts[truth[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(counts, List.copyOf(classNames), truth.length);
  }

  public int numClasses() {
    return counts.length;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** Number of examples of class {@code trueClass} predicted as {@code predictedClass}. */
  public long count(int trueClass, int predictedClass) {
    return counts[trueClass][predictedClass];
  }

  /** Number of examples, N. */
  public long total() {
    return total;
  }

  /** Examples whose true class is c: the row sum, tp_c + fn_c. */
  public long support(int c) {
    long sum = 0;
    for (long n : counts[c]) sum += n;
    return sum;
  }

  /** Examples predicted as c: the column sum, tp_c + fp_c. */
  public long predictedCount(int c) {
    long sum = 0;
    for (long[] row : counts) sum += row[c];
    return sum;
  }

  public long truePositives(int c) {
    return counts[c][c];
  }

  public long falsePositives(int c) {
    return predictedCount(c) - counts[c][c];
  }

  public long falseNegatives(int c) {
    return support(c) - counts[c][c];
  }

  /** Fraction of examples on the diagonal. */
  public double accuracy() {
    long correct = 0;
    for (int c = 0; c < counts.length; c++) correct += counts[c][c];
    return (double) correct / total;
  }

  public double precision(int c) {
    return ratio(truePositives(c), predictedCount(c));
  }

  public double recall(int c) {
    return ratio(truePositives(c), support(c));
  }

  public double f1(int c) {
    long tp = truePositives(c);
    return ratio(2 * tp, 2 * tp + falsePositives(c) + falseNegatives(c));
  }

  public double precision(Average average) {
    return switch (average) {
      case MICRO -> accuracy(); // sum tp / sum (tp + fp), and sum (tp + fp) = N
      case MACRO, WEIGHTED -> combine(average, this::precision);
    };
  }

  public double recall(Average average) {
    return switch (average) {
      case MICRO -> accuracy(); // sum tp / sum (tp + fn), and sum (tp + fn) = N
      case MACRO, WEIGHTED -> combine(average, this::recall);
    };
  }

  public double f1(Average average) {
    return switch (average) {
      case MICRO -> accuracy(); // micro P = micro R = accuracy, so their harmonic mean is too
      case MACRO, WEIGHTED -> combine(average, this::f1);
    };
  }

  private double combine(Average average, IntToDoubleFunction perClass) {
    double sum = 0;
    for (int c = 0; c < counts.length; c++) {
      double weight = average == Average.WEIGHTED ? support(c) : 1;
      sum += weight * perClass.applyAsDouble(c);
    }
    return sum / (average == Average.WEIGHTED ? total : counts.length);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator; // zero_division = 0
  }

  /**
   * A table with one row per true class and one column per predicted class, right-aligned:
   *
   * <pre>{@code
   * true\pred  cat  dog
   *       cat    3    1
   *       dog    0    2
   * }</pre>
   */
  @Override
  public String toString() {
    String corner = "true\\pred";
    int width = 1;
    int labelWidth = corner.length();
    for (String name : classNames) {
      width = Math.max(width, name.length());
      labelWidth = Math.max(labelWidth, name.length());
    }
    for (long[] row : counts) {
      for (long n : row) width = Math.max(width, Long.toString(n).length());
    }
    StringBuilder table = new StringBuilder();
    table.append(pad(corner, labelWidth));
    for (String name : classNames) table.append("  ").append(pad(name, width));
    for (int r = 0; r < counts.length; r++) {
      table.append('\n').append(pad(classNames.get(r), labelWidth));
      for (long n : counts[r]) table.append("  ").append(pad(Long.toString(n), width));
    }
    return table.toString();
  }

  private static String pad(String text, int width) {
    return " ".repeat(width - text.length()) + text;
  }
}
