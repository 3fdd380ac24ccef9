package org.recurrent.baselines;

import java.util.Objects;

/**
 * Features with their 0/1 labels: {@code x} is (n, d), {@code y[i]} is 1 for a positive example (a case, a positive
 * review) and 0 otherwise. Both are checked here: one label per row, each 0 or 1. Whether both classes occur is
 * checked where it matters (fitting needs both; so does ROC-AUC).
 */
public record BinaryData(FeatureMatrix x, int[] y) {
  public BinaryData {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    y = checkedLabels("BinaryData", x, y).clone();
  }

  /** The labels (a copy). */
  @Override
  public int[] y() {
    return y.clone();
  }

  /** n, the number of examples. */
  public int size() {
    return y.length;
  }

  /** The rows at these indices, in this order. */
  public BinaryData select(int[] indices) {
    int[] ySelected = new int[indices.length];
    for (int r = 0; r < indices.length; r++) ySelected[r] = y[Objects.checkIndex(indices[r], y.length)];
    return new BinaryData(x.select(indices), ySelected);
  }

  /** Checks that {@code y} has one 0/1 label per row of {@code x}; returns {@code y}. */
  static int[] checkedLabels(String who, FeatureMatrix x, int[] y) {
    return checkedLabels(who, x.rows(), y);
  }

  private static int[] checkedLabels(String who, int rows, int[] y) {
    if (y.length != rows) {
      throw new IllegalArgumentException(who + ": expected one label per row, got " + y.length + " labels for "
          + rows + " rows");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException(who + ": y[" + i + "] = " + y[i] + ", expected 0 (negative) or 1"
            + " (positive)");
      }
    }
    return y;
  }

  /** As {@link #checkedLabels}, and also that both classes occur, as every classifier's fit needs. */
  static void checkTrainingLabels(String who, FeatureMatrix x, int[] y) {
    Objects.requireNonNull(x, "x");
    checkTrainingLabels(who, x.rows(), y);
  }

  /** {@link #checkTrainingLabels(String, FeatureMatrix, int[])} for {@code rows} rows of any kind. */
  static void checkTrainingLabels(String who, int rows, int[] y) {
    Objects.requireNonNull(y, "y");
    checkedLabels(who, rows, y);
    int positives = 0;
    for (int v : y) positives += v;
    if (positives == 0 || positives == y.length) {
      throw new IllegalArgumentException(who + ": the training labels hold only class " + y[0] + " (" + y.length
          + " rows); a binary classifier needs at least one example of each of 0 and 1");
    }
  }
}
