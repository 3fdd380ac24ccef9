package org.recurrent.data.timeseries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-column affine scaling, {@code z = (v - offset[c]) / scale[c]}, inverted by {@code v = z * scale[c] +
 * offset[c]} ({@link Kind#LOG_MIN_MAX}: of {@code log(1 + v)}, see there). Fit it on the training rows only ({@link #fit}), then apply the same parameters to every split, so
 * nothing about validation or test values leaks into training.
 *
 * <ul>
 *   <li>{@link Kind#NONE}: offset 0, scale 1.</li>
 *   <li>{@link Kind#MIN_MAX}: offset = min, scale = max - min, so the fitted rows map to [0, 1]; later values may
 *       fall outside. A constant column gets scale 1 (it maps to 0) instead of a division by zero.</li>
 *   <li>{@link Kind#Z_SCORE}: offset = mean, scale = population standard deviation
 *       {@code sqrt(sum (v - mean)^2 / n)}; a constant column gets scale 1.</li>
 *   <li>{@link Kind#LOG_MIN_MAX}: min-max of {@code u = log(1 + v)}, {@code z = (log1p(v) - offset) / scale},
 *       inverted by {@code v = expm1(z * scale + offset)}; for counts that span orders of magnitude (epidemic
 *       waves), so that an error of 10 % weighs the same at 50 cases as at 5,000. Values must be >= 0.</li>
 * </ul>
 *
 * Statistics are computed in double. Saved as JSON with {@link #save} (see {@link ScalerFile}).
 */
public final class Scaler {

  /** How {@link #fit} chooses each column's offset and scale. */
  public enum Kind { NONE, MIN_MAX, Z_SCORE, LOG_MIN_MAX }

  private final Kind kind;
  private final double[] offset;
  private final double[] scale;

  /**
   * A scaler with given parameters (for loading, or to scale by known constants).
   *
   * @throws IllegalArgumentException if the arrays differ in length or a scale is zero or not finite
   */
  public Scaler(Kind kind, double[] offset, double[] scale) {
    this.kind = Objects.requireNonNull(kind, "kind");
    if (offset.length != scale.length) {
      throw new IllegalArgumentException("offset has " + offset.length + " columns but scale has " + scale.length);
    }
    for (int c = 0; c < offset.length; c++) {
      if (!Double.isFinite(offset[c])) throw new IllegalArgumentException("offset[" + c + "] is " + offset[c]);
      if (!Double.isFinite(scale[c]) || scale[c] == 0) {
        throw new IllegalArgumentException("scale[" + c + "] must be finite and non-zero, got " + scale[c]);
      }
    }
    this.offset = offset.clone();
    this.scale = scale.clone();
  }

  /**
   * Fits one offset and scale per column on rows {@code [rowsFrom, rowsTo)} of {@code values} (row-major,
   * {@code values[row][column]}).
   */
  public static Scaler fit(Kind kind, float[][] values, int rowsFrom, int rowsTo) {
    if (rowsFrom < 0 || rowsTo > values.length || rowsFrom >= rowsTo) {
      throw new IllegalArgumentException("rows [" + rowsFrom + ", " + rowsTo + ") must be a non-empty range within "
          + "the " + values.length + " rows");
    }
    int columns = values[rowsFrom].length;
    for (int r = rowsFrom; r < rowsTo; r++) {
      if (values[r].length != columns) {
        throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, expected " + columns
            + " like row " + rowsFrom);
      }
    }
    double[] offset = new double[columns];
    double[] scale = new double[columns];
    Arrays.fill(scale, 1);
    for (int c = 0; c < columns; c++) {
      switch (kind) {
        case NONE -> { }
        case MIN_MAX, LOG_MIN_MAX -> {
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (int r = rowsFrom; r < rowsTo; r++) {
            double u = kind == Kind.LOG_MIN_MAX ? log1p(c, values[r][c]) : values[r][c];
            min = Math.min(min, u);
            max = Math.max(max, u);
          }
          offset[c] = min;
          if (max > min) scale[c] = max - min; // constant column: keep scale 1, so it maps to 0
        }
        case Z_SCORE -> {
          int n = rowsTo - rowsFrom;
          double sum = 0;
          for (int r = rowsFrom; r < rowsTo; r++) sum += values[r][c];
          double mean = sum / n;
          double squares = 0;
          for (int r = rowsFrom; r < rowsTo; r++) squares += (values[r][c] - mean) * (values[r][c] - mean);
          double std = Math.sqrt(squares / n); // population std, as sklearn's StandardScaler
          offset[c] = mean;
          if (std > 0) scale[c] = std;
        }
      }
    }
    return new Scaler(kind, offset, scale);
  }

  public Kind kind() {
    return kind;
  }

  /** C, the number of columns. */
  public int columns() {
    return offset.length;
  }

  public double offset(int column) {
    return offset[column];
  }

  public double scale(int column) {
    return scale[column];
  }

  /** {@code (v - offset[c]) / scale[c]} (of {@code log1p(v)} for {@link Kind#LOG_MIN_MAX}). */
  public float transform(int column, float v) {
    double u = kind == Kind.LOG_MIN_MAX ? log1p(column, v) : v;
    return (float) ((u - offset[column]) / scale[column]);
  }

  /** {@code z * scale[c] + offset[c]} (then {@code expm1} for {@link Kind#LOG_MIN_MAX}): un-scales column c. */
  public float inverseTransform(int column, float z) {
    double u = z * scale[column] + offset[column];
    return (float) (kind == Kind.LOG_MIN_MAX ? Math.expm1(u) : u);
  }

  private static double log1p(int column, float v) {
    if (!(v >= 0)) {
      throw new IllegalArgumentException("log scaling needs values >= 0, but column " + column + " holds " + v
          + "; use scaling: minmax for series with negative values");
    }
    return Math.log1p(v);
  }

  /** One row of C values, scaled into a new array. */
  public float[] transformRow(float[] row) {
    checkColumns(row.length);
    float[] out = new float[row.length];
    for (int c = 0; c < row.length; c++) out[c] = transform(c, row[c]);
    return out;
  }

  public float[] inverseTransformRow(float[] row) {
    checkColumns(row.length);
    float[] out = new float[row.length];
    for (int c = 0; c < row.length; c++) out[c] = inverseTransform(c, row[c]);
    return out;
  }

  /** All rows, scaled into a new (N, C) array. */
  public float[][] transform(float[][] values) {
    float[][] out = new float[values.length][];
    for (int r = 0; r < values.length; r++) out[r] = transformRow(values[r]);
    return out;
  }

  public float[][] inverseTransform(float[][] values) {
    float[][] out = new float[values.length][];
    for (int r = 0; r < values.length; r++) out[r] = inverseTransformRow(values[r]);
    return out;
  }

  private void checkColumns(int n) {
    if (n != offset.length) {
      throw new IllegalArgumentException("row has " + n + " values but the scaler was fitted on " + offset.length
          + " columns");
    }
  }

  /** Writes kind and parameters as JSON, atomically. */
  public void save(Path file) throws IOException {
    ScalerFile.write(this, file);
  }

  /** Reads a scaler written by {@link #save}, checking format, version, kind and every parameter. */
  public static Scaler load(Path file) throws IOException {
    return ScalerFile.read(file);
  }

  @Override
  public String toString() {
    return "Scaler(" + kind + ", offset=" + Arrays.toString(offset) + ", scale=" + Arrays.toString(scale) + ")";
  }
}
