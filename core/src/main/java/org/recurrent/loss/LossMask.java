package org.recurrent.loss;

/**
 * A validated optional mask over a loss's elements: one value per element, or one per row (the first
 * dimension) shared by that row's elements. A null mask means all ones.
 */
final class LossMask {
  private final float[] values; // null: all ones
  private final int perValue; // elements covered by one mask value
  private final double total; // sum of the mask over all elements

  private LossMask(float[] values, int perValue, int numel) {
    this.values = values;
    this.perValue = perValue;
    double s = 0;
    if (values == null) {
      s = numel;
    } else {
      for (float v : values) s += v;
      s *= perValue;
    }
    this.total = s;
  }

  /** A mask with one value per element of {@code shape}, or one per row (size of the first dimension). */
  static LossMask forElements(String loss, float[] mask, int[] shape) {
    int numel = 1;
    for (int d : shape) numel *= d;
    if (mask == null) return new LossMask(null, 1, numel);
    int rows = shape.length == 0 ? 1 : shape[0];
    int perValue;
    if (mask.length == numel) {
      perValue = 1;
    } else if (mask.length == rows && rows > 0) {
      perValue = numel / rows;
    } else {
      throw new IllegalArgumentException(loss + ": mask must have " + numel + " values (one per element of input "
          + shapeString(shape) + ") or " + rows + " (one per row), got " + mask.length);
    }
    checkValues(loss, mask);
    return new LossMask(mask, perValue, numel);
  }

  /** A mask with one value per row; {@code rows} values expected. */
  static LossMask forRows(String loss, float[] mask, int rows) {
    if (mask == null) return new LossMask(null, 1, rows);
    if (mask.length != rows) {
      throw new IllegalArgumentException(loss + ": mask must have N=" + rows + " values (one per row), got "
          + mask.length);
    }
    checkValues(loss, mask);
    return new LossMask(mask, 1, rows);
  }

  private static void checkValues(String loss, float[] mask) {
    for (int i = 0; i < mask.length; i++) {
      if (!(mask[i] >= 0) || Float.isInfinite(mask[i])) {
        throw new IllegalArgumentException(loss + ": mask values must be finite and >= 0, got " + mask[i]
            + " at index " + i);
      }
    }
  }

  /** The mask value that applies to element (or row) {@code i}. */
  double at(int i) {
    return values == null ? 1 : values[i / perValue];
  }

  /** Sum of the mask over all elements: the denominator of an unweighted mean. */
  double total() {
    return total;
  }

  static String shapeString(int[] shape) {
    return java.util.Arrays.toString(shape).replace('[', '(').replace(']', ')');
  }
}
