package org.recurrent.rnn;

import org.recurrent.tensor.Tensor;

/** Small row-wise helpers shared by the sequence ops: bias broadcast and bias gradients. */
final class RowMath {
  private RowMath() {}

  /** {@code m[r, :] += v} for r in [0, rows), m rows of width v.length starting at off. */
  static void addRowVector(float[] m, int off, int rows, int width, float[] v, int vOff) {
    for (int r = 0; r < rows; r++) {
      int base = off + r * width;
      for (int j = 0; j < width; j++) m[base + j] += v[vOff + j];
    }
  }

  /** {@code out[j] += sum_r m[r, colOff + j]} for a (rows, ld) matrix; j in [0, width). */
  static void addColumnSums(float[] m, int rows, int ld, int colOff, int width, float[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      int base = r * ld + colOff;
      for (int j = 0; j < width; j++) out[outOff + j] += m[base + j];
    }
  }

  /** Sum of two optional bias vectors (PyTorch keeps b_ih and b_hh apart; the math only needs their sum). */
  static float[] biasSum(Tensor bIh, Tensor bHh, int width) {
    float[] b = new float[width];
    if (bIh != null) for (int j = 0; j < width; j++) b[j] += bIh.data()[j];
    if (bHh != null) for (int j = 0; j < width; j++) b[j] += bHh.data()[j];
    return b;
  }

  static void checkShape(String what, Tensor t, int... expected) {
    if (t == null) return;
    if (!java.util.Arrays.equals(t.shape(), expected)) {
      throw new IllegalArgumentException(what + " must have shape "
          + java.util.Arrays.toString(expected).replace('[', '(').replace(']', ')') + ", got " + t.shapeString());
    }
  }
}
