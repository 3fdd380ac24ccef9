package org.recurrent.rnn;

import org.recurrent.tensor.Tensor;

/** Small helpers shared by the sequence ops: the bias sum and shape checks (bias rows and sums are kernels). */
final class RowMath {
  private RowMath() {}

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
