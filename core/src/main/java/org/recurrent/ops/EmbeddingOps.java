package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Row lookup in a (V, E) table, {@code torch.nn.functional.embedding}.
 * <pre>{@code
 * y[i, :] = W[ids[i], :]               (N, E) for N ids
 * dW[ids[i], :] += dy[i, :]            repeated ids accumulate; the padding row, if any, gets nothing
 * }</pre>
 */
final class EmbeddingOps {
  /** Marks "no padding row". */
  static final int NO_PADDING = -1;

  private EmbeddingOps() {}

  /**
   * Looks up {@code ids} (laid out row-major in {@code idShape}; an empty idShape means one dimension of
   * length ids.length) and returns idShape + (E).
   */
  static Tensor embedding(Tensor weight, int[] ids, int[] idShape, int paddingIdx) {
    if (weight.dim() != 2) {
      throw new IllegalArgumentException("embedding: weight must be (V, E), got " + weight.shapeString());
    }
    int vocab = weight.size(0);
    int e = weight.size(1);
    int[] shape = idShape.length == 0 ? new int[] {ids.length} : idShape.clone();
    long count = 1;
    for (int s : shape) count *= s;
    if (count != ids.length) {
      throw new IllegalArgumentException("embedding: id shape " + Shapes.str(shape) + " holds " + count
          + " ids, but " + ids.length + " were given");
    }
    if (paddingIdx != NO_PADDING && (paddingIdx < 0 || paddingIdx >= vocab)) {
      throw new IllegalArgumentException("embedding: paddingIdx " + paddingIdx + " is out of range for V=" + vocab
          + " (valid 0.." + (vocab - 1) + ")");
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= vocab) {
        throw new IllegalArgumentException("embedding: id " + ids[i] + " at position " + i
            + " is out of range for a table of V=" + vocab + " rows (valid 0.." + (vocab - 1) + ")");
      }
    }
    int[] idsCopy = ids.clone();   // the caller may reuse its array before backward runs
    float[] wd = weight.data();
    Tensor y = Tensor.zeros(Shapes.append(shape, e));                                        // (..., E)
    float[] yd = y.data();
    for (int i = 0; i < idsCopy.length; i++) System.arraycopy(wd, idsCopy[i] * e, yd, i * e, e);  // y[i] = W[id_i]
    return Autograd.record("embedding", y, () -> {
      float[] dW = weight.gradForAccumulation();
      if (dW == null) return;
      float[] dy = y.gradData();
      for (int i = 0; i < idsCopy.length; i++) {
        int id = idsCopy[i];
        if (id == paddingIdx) continue;
        int row = id * e;
        for (int j = 0; j < e; j++) dW[row + j] += dy[i * e + j];                          // dW[id_i] += dy[i]
      }
    }, weight);
  }
}
