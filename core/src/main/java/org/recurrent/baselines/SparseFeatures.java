package org.recurrent.baselines;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse (n, d) matrix of finite doubles in compressed sparse row (CSR) form: row i holds the values
 * {@code value[k]} at columns {@code index[k]} for {@code k in [rowStart[i], rowStart[i+1])}, every other entry is 0.
 * For bag-of-words and bag-of-n-gram features, where d is the vocabulary (tens of thousands of words, hundreds of
 * thousands of bigrams) and a row has a few dozen non-zeros: memory is O(n + nnz) instead of the dense O(n d).
 *
 * <p>Checked once here, like {@link FeatureMatrix}: at least one row and one column, {@code rowStart} starting at
 * 0 and non-decreasing, each row's column indices in [0, d) and strictly increasing (so an entry is never given
 * twice), every value finite. Immutable; the arrays are copied in.
 */
public final class SparseFeatures {
  private final int rows;
  private final int cols;
  private final int[] rowStart;                                        // (n + 1)
  private final int[] index;                                           // (nnz)
  private final double[] value;                                        // (nnz)

  private SparseFeatures(int rows, int cols, int[] rowStart, int[] index, double[] value) {
    this.rows = rows;
    this.cols = cols;
    this.rowStart = rowStart;
    this.index = index;
    this.value = value;
  }

  /** A CSR matrix from its three arrays (copied); see the class comment for what is checked. */
  public static SparseFeatures of(int rows, int cols, int[] rowStart, int[] index, double[] value) {
    Objects.requireNonNull(rowStart, "rowStart");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(value, "value");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("SparseFeatures: expected at least one row and one column, got ("
          + rows + ", " + cols + ")");
    }
    if (rowStart.length != rows + 1) {
      throw new IllegalArgumentException("SparseFeatures: rowStart needs rows + 1 = " + (rows + 1)
          + " offsets, got " + rowStart.length);
    }
    if (index.length != value.length) {
      throw new IllegalArgumentException("SparseFeatures: " + index.length + " column indices but " + value.length
          + " values; expected one index per value");
    }
    if (rowStart[0] != 0 || rowStart[rows] != index.length) {
      throw new IllegalArgumentException("SparseFeatures: rowStart must run from 0 to the " + index.length
          + " stored values, got " + rowStart[0] + " .. " + rowStart[rows]);
    }
    for (int i = 0; i < rows; i++) {
      if (rowStart[i + 1] < rowStart[i]) {
        throw new IllegalArgumentException("SparseFeatures: rowStart decreases at row " + i + " (" + rowStart[i]
            + " then " + rowStart[i + 1] + ")");
      }
    }
    for (int i = 0; i < rows; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (index[k] < 0 || index[k] >= cols) {
          throw new IllegalArgumentException("SparseFeatures: row " + i + " has column " + index[k]
              + ", expected 0.." + (cols - 1));
        }
        if (k > rowStart[i] && index[k] <= index[k - 1]) {
          throw new IllegalArgumentException("SparseFeatures: row " + i + " lists column " + index[k] + " after "
              + index[k - 1] + "; expected strictly increasing columns (each at most once)");
        }
        if (!Double.isFinite(value[k])) {
          throw new IllegalArgumentException("SparseFeatures: row " + i + " column " + index[k] + " is " + value[k]
              + "; features must be finite numbers");
        }
      }
    }
    return new SparseFeatures(rows, cols, rowStart.clone(), index.clone(), value.clone());
  }

  /** The non-zero entries of a dense matrix, for tests and for small inputs that arrive dense. */
  public static SparseFeatures of(FeatureMatrix dense) {
    int n = dense.rows(), d = dense.cols();
    double[] x = dense.data();
    int nnz = 0;
    for (double v : x) if (v != 0) nnz++;
    int[] rowStart = new int[n + 1], index = new int[nnz];
    double[] value = new double[nnz];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = x[i * d + j];
        if (v != 0) {
          index[k] = j;
          value[k++] = v;
        }
      }
      rowStart[i + 1] = k;
    }
    return new SparseFeatures(n, d, rowStart, index, value);
  }

  /** n, the number of examples. */
  public int rows() {
    return rows;
  }

  /** d, the number of features. */
  public int cols() {
    return cols;
  }

  /** The number of stored (non-zero) entries. */
  public int nonZeros() {
    return index.length;
  }

  /** The value at row {@code i}, column {@code j} (0 where nothing is stored). */
  public double get(int i, int j) {
    Objects.checkIndex(i, rows);
    Objects.checkIndex(j, cols);
    int k = Arrays.binarySearch(index, rowStart[i], rowStart[i + 1], j);
    return k >= 0 ? value[k] : 0;
  }

  /** The same values as a dense matrix (for tests and small inputs: n * d doubles). */
  public FeatureMatrix toDense() {
    double[] x = new double[Math.multiplyExact(rows, cols)];
    for (int i = 0; i < rows; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) x[i * cols + index[k]] = value[k];
    }
    return FeatureMatrix.wrap(x, rows, cols);
  }

  /**
   * {@code start + x_i . w} over the first d entries of {@code w} (w may be longer: the intercept sits after them),
   * summed from {@code start} in column order, as the dense loops sum, so both give the same bits.
   */
  double dot(int i, double[] w, double start) {
    double s = start;
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) s += value[k] * w[index[k]];
    return s;
  }

  /** {@code out[0..d) += a x_i}. */
  void addRow(int i, double a, double[] out) {
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) out[index[k]] += a * value[k];
  }

  /** Throws unless this matrix has {@code expected} columns, naming who asked. */
  void requireCols(String who, int expected) {
    if (cols != expected) {
      throw new IllegalArgumentException(who + ": expected " + expected + " feature columns as in training, got "
          + cols + "; build the features with the same vocabulary as at fit time");
    }
  }

  @Override
  public String toString() {
    return "SparseFeatures(" + rows + ", " + cols + ", nnz " + index.length + ")";
  }
}
