package org.recurrent.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;
import org.recurrent.metrics.BinaryMetrics;

/**
 * Hyper-parameter selection on a validation set: for each value v of a small grid, fit {@code factory(v)} on the
 * training rows and compute its ROC-AUC on the validation rows; the chosen value is
 * <pre>{@code
 * v* = argmax_v  ROC-AUC(y_val, factory(v).fit(x_train, y_train).score(x_val))     first in grid order on ties
 * }</pre>
 * and the result holds the classifier fitted on the training rows with v* (the one already fitted while
 * searching: the fits are deterministic, so refitting would give the same model). The validation rows are never
 * trained on (no refit on train + validation), and test rows are not an argument, so they cannot influence the
 * choice. Order a grid from the most to the least regularised value, so that ties favour the simpler model.
 */
public final class Tuning {
  private Tuning() {}

  /**
   * Selects {@code parameter} from {@code grid} by validation ROC-AUC; see the class comment.
   *
   * @param parameter  the tuned hyper-parameter's name, for reports (e.g. {@code "C"})
   * @param grid       the candidate values, at least one, all distinct
   * @param factory    a fresh, unfitted classifier for a value
   * @param train      the rows to fit on (both classes)
   * @param validation the rows to score each candidate on (both classes)
   */
  public static TunedClassifier select(String parameter, double[] grid,
      DoubleFunction<? extends BinaryClassifier> factory, BinaryData train, BinaryData validation) {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    if (grid.length == 0) {
      throw new IllegalArgumentException("Tuning: the grid of " + parameter + " is empty; expected at least one"
          + " value");
    }
    for (int g = 0; g < grid.length; g++) {
      for (int h = 0; h < g; h++) {
        if (Double.compare(grid[g], grid[h]) == 0) {
          throw new IllegalArgumentException("Tuning: the grid of " + parameter + " lists " + grid[g]
              + " twice (positions " + h + " and " + g + "); expected distinct values");
        }
      }
    }
    if (validation.x().cols() != train.x().cols()) {
      throw new IllegalArgumentException("Tuning: validation has " + validation.x().cols() + " feature columns,"
          + " train has " + train.x().cols() + "; expected the same features");
    }
    int[] yVal = validation.y();
    List<TunedClassifier.GridPoint> points = new ArrayList<>();
    BinaryClassifier best = null;
    double bestValue = Double.NaN, bestAuc = Double.NEGATIVE_INFINITY;
    for (double value : grid) {
      BinaryClassifier candidate = Objects.requireNonNull(factory.apply(value), "factory returned null");
      candidate.fit(train);
      double auc = BinaryMetrics.rocAuc(yVal, candidate.score(validation.x()));
      points.add(new TunedClassifier.GridPoint(value, auc));
      if (auc > bestAuc) {                                              // strict: the first wins a tie
        best = candidate;
        bestValue = value;
        bestAuc = auc;
      }
    }
    return new TunedClassifier(best, parameter, bestValue, bestAuc, points);
  }
}
