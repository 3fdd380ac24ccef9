package org.recurrent.ops;

import org.recurrent.tensor.Tensor;

/** Shape arithmetic and argument checks shared by the op families. */
final class Shapes {
  private Shapes() {}

  /** Product of {@code shape[from..to)}. */
  static int product(int[] shape, int from, int to) {
    int n = 1;
    for (int d = from; d < to; d++) n *= shape[d];
    return n;
  }

  /** {@code shape} with its last dimension replaced by {@code last}. */
  static int[] withLast(int[] shape, int last) {
    int[] out = shape.clone();
    out[out.length - 1] = last;
    return out;
  }

  /** {@code shape} without dimension {@code d}. */
  static int[] without(int[] shape, int d) {
    int[] out = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) if (i != d) out[j++] = shape[i];
    return out;
  }

  /** {@code prefix} followed by {@code last}. */
  static int[] append(int[] prefix, int last) {
    int[] out = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    out[prefix.length] = last;
    return out;
  }

  static String str(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
    return sb.append(')').toString();
  }

  /** Resolves a possibly negative dimension index of {@code x} (-1 is the last). */
  static int dim(String op, Tensor x, int d) {
    int k = d < 0 ? x.dim() + d : d;
    if (k < 0 || k >= x.dim()) {
      throw new IllegalArgumentException(op + ": dimension " + d + " is out of range for a " + x.dim()
          + "-d tensor of shape " + x.shapeString() + " (valid " + (-x.dim()) + ".." + (x.dim() - 1) + ")");
    }
    return k;
  }

  static void requireMinDim(String op, String what, Tensor x, int min) {
    if (x.dim() < min) {
      throw new IllegalArgumentException(op + ": " + what + " must have at least " + min
          + " dimension" + (min == 1 ? "" : "s") + ", got shape " + x.shapeString());
    }
  }

  static void requireSameShape(String op, Tensor a, Tensor b) {
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(op + ": shapes must match, got " + a.shapeString() + " and " + b.shapeString());
    }
  }

  /**
   * Checks that {@code b}'s shape equals {@code a}'s or is a suffix of it (b broadcast over a's leading
   * dimensions, including a scalar b) and returns how many times b repeats inside a.
   */
  static int suffixRepeats(String op, Tensor a, Tensor b) {
    int[] sa = a.shape();
    int[] sb = b.shape();
    boolean suffix = sb.length <= sa.length;
    for (int i = 1; suffix && i <= sb.length; i++) suffix = sa[sa.length - i] == sb[sb.length - i];
    if (!suffix) {
      throw new IllegalArgumentException(op + ": the second operand's shape must equal the first's or be a suffix "
          + "of it (broadcast over leading dimensions), got " + a.shapeString() + " and " + b.shapeString());
    }
    return b.numel() == 0 ? 0 : a.numel() / b.numel();
  }
}
