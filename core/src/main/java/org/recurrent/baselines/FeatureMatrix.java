package org.recurrent.baselines;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense (n, d) matrix of finite doubles, row-major: one row per example (a patient, a document, an EEG window),
 * one column per feature (a code count, a word count, a band power).
 *
 * <p>Every value is checked once here, at construction, so the classifiers trust their inputs: at least one row,
 * at least one column, every row as long as the first, no NaN or infinity (impute missing values before this).
 * The matrix is immutable; {@link #row} and {@link #toArray} return copies.
 */
public final class FeatureMatrix {
  private final double[] data; // (n, d) row-major
  private final int rows;
  private final int cols;

  private FeatureMatrix(double[] data, int rows, int cols) {
    this.data = data;
    this.rows = rows;
    this.cols = cols;
  }

  /** A matrix from rows {@code x[i][j]} (copied); rejects no rows, empty or ragged rows and non-finite values. */
  public static FeatureMatrix of(double[][] x) {
    Objects.requireNonNull(x, "rows");
    if (x.length == 0) {
      throw new IllegalArgumentException("FeatureMatrix: no rows; expected at least one example");
    }
    Objects.requireNonNull(x[0], "row 0");
    int d = x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("FeatureMatrix: row 0 has no values; expected at least one feature");
    }
    double[] data = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      Objects.requireNonNull(x[i], "row " + i);
      if (x[i].length != d) {
        throw new IllegalArgumentException("FeatureMatrix: row " + i + " has " + x[i].length
            + " values, expected " + d + " like row 0 (ragged rows)");
      }
      System.arraycopy(x[i], 0, data, i * d, d);
    }
    return checked(data, x.length, d);
  }

  /** A matrix from row-major values (copied); {@code data.length} must be {@code rows * cols}. */
  public static FeatureMatrix of(double[] data, int rows, int cols) {
    Objects.requireNonNull(data, "data");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("FeatureMatrix: expected at least one row and one column, got ("
          + rows + ", " + cols + ")");
    }
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException("FeatureMatrix: (" + rows + ", " + cols + ") needs " + (long) rows * cols
          + " values, got " + data.length);
    }
    return checked(data.clone(), rows, cols);
  }

  /** Wraps an array this package owns (no copy), after checking that every value is finite. */
  static FeatureMatrix wrap(double[] data, int rows, int cols) {
    return checked(data, rows, cols);
  }

  private static FeatureMatrix checked(double[] data, int rows, int cols) {
    for (int k = 0; k < data.length; k++) {
      if (!Double.isFinite(data[k])) {
        throw new IllegalArgumentException("FeatureMatrix: row " + k / cols + " column " + k % cols + " is "
            + data[k] + "; features must be finite numbers (impute or drop missing values first)");
      }
    }
    return new FeatureMatrix(data, rows, cols);
  }

  /** n, the number of examples. */
  public int rows() {
    return rows;
  }

  /** d, the number of features. */
  public int cols() {
    return cols;
  }

  /** The value at row {@code i}, column {@code j}. */
  public double get(int i, int j) {
    Objects.checkIndex(i, rows);
    Objects.checkIndex(j, cols);
    return data[i * cols + j];
  }

  /** A copy of row {@code i}. */
  public double[] row(int i) {
    Objects.checkIndex(i, rows);
    return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
  }

  /** The rows at these indices, in this order (repeats allowed). */
  public FeatureMatrix select(int[] indices) {
    if (indices.length == 0) throw new IllegalArgumentException("FeatureMatrix.select: no row indices");
    double[] out = new double[indices.length * cols];
    for (int r = 0; r < indices.length; r++) {
      Objects.checkIndex(indices[r], rows);
      System.arraycopy(data, indices[r] * cols, out, r * cols, cols);
    }
    return new FeatureMatrix(out, indices.length, cols);
  }

  /** A copy as {@code double[n][d]}. */
  public double[][] toArray() {
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) out[i] = row(i);
    return out;
  }

  /** The backing (n, d) row-major array, not copied: for this package's loops, which never write to it. */
  double[] data() {
    return data;
  }

  /** Throws unless this matrix has {@code expected} columns, naming who asked. */
  void requireCols(String who, int expected) {
    if (cols != expected) {
      throw new IllegalArgumentException(who + ": expected " + expected + " feature columns as in training, got "
          + cols + "; apply the same features and FeatureTransform as at fit time");
    }
  }

  @Override
  public String toString() {
    return "FeatureMatrix(" + rows + ", " + cols + ")";
  }
}
