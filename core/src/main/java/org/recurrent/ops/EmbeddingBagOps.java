package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Sums or averages bags of rows of a (V, E) table without materialising the lookups,
 * {@code torch.nn.functional.embedding_bag} with {@code include_last_offset=False}.
 *
 * <p>Letters: V rows in the table, E embedding size, M ids in all, N bags. Bag n holds the positions
 * {@code i} in {@code [offsets[n], offsets[n+1])}, the last bag runs to M; ids equal to the padding index are
 * skipped (they add nothing and are not counted), and {@code a} are the optional per-sample weights (SUM only).
 * <pre>{@code
 * K_n     = { i in bag n : ids[i] != paddingIdx }                 the ids that count
 * c_n     = 1                  SUM
 *         = 1 / |K_n|          MEAN        (K_n empty: the row is zero either way)
 * y[n, :] = c_n sum_{i in K_n} a_i W[ids[i], :]                   (N, E); a_i = 1 without per-sample weights
 *
 * dW[ids[i], :] += c_n a_i dy[n, :]                               i in K_n; repeated ids accumulate
 * da_i           = dot(dy[n, :], W[ids[i], :])                    i in K_n (SUM, so c_n = 1); 0 for padding ids
 * }</pre>
 * MEAN divides the bag's sum by |K_n| as PyTorch does, so outputs agree with it to float32 rounding.
 */
final class EmbeddingBagOps {
  private EmbeddingBagOps() {}

  /**
   * weight (V, E), ids (M), offsets (N), perSampleWeights (M) or null, paddingIdx in [0, V) or
   * {@link EmbeddingOps#NO_PADDING}; gives (N, E).
   */
  static Tensor embeddingBag(Tensor weight, int[] ids, int[] offsets, EmbeddingBagMode mode,
      Tensor perSampleWeights, int paddingIdx) {
    check(weight, ids, offsets, mode, perSampleWeights, paddingIdx);
    int e = weight.size(1);
    int m = ids.length;
    int n = offsets.length;
    int[] id = ids.clone();          // the caller may reuse its arrays before backward runs
    int[] start = new int[n + 1];    // bag b holds positions [start[b], start[b + 1])
    System.arraycopy(offsets, 0, start, 0, n);
    start[n] = m;
    int[] kept = new int[n];         // |K_n|
    for (int b = 0; b < n; b++) {
      for (int i = start[b]; i < start[b + 1]; i++) if (id[i] != paddingIdx) kept[b]++;
    }
    boolean mean = mode == EmbeddingBagMode.MEAN;
    float[] wd = weight.data();
    float[] a = perSampleWeights == null ? null : perSampleWeights.data();

    Tensor y = Tensor.zeros(n, e);                                                           // (N, E)
    float[] yd = y.data();
    for (int b = 0; b < n; b++) {
      int yRow = b * e;
      for (int i = start[b]; i < start[b + 1]; i++) {
        if (id[i] == paddingIdx) continue;
        int wRow = id[i] * e;
        float ai = a == null ? 1f : a[i];
        for (int j = 0; j < e; j++) yd[yRow + j] += ai * wd[wRow + j];                     // sum a_i W[ids[i]]
      }
      if (mean && kept[b] > 0) {
        for (int j = 0; j < e; j++) yd[yRow + j] /= kept[b];                                 // y[n] = sum / |K_n|
      }
    }

    return Autograd.record("embeddingBag", y, () -> {
      float[] dy = y.gradData();
      float[] dW = weight.gradForAccumulation();
      float[] da = perSampleWeights == null ? null : perSampleWeights.gradForAccumulation();
      for (int b = 0; b < n; b++) {
        int yRow = b * e;
        float c = mean ? 1f / kept[b] : 1f;                                     // c_n (unused when K_n is empty)
        for (int i = start[b]; i < start[b + 1]; i++) {
          if (id[i] == paddingIdx) continue;
          int wRow = id[i] * e;
          if (dW != null) {
            float s = c * (a == null ? 1f : a[i]);
            for (int j = 0; j < e; j++) dW[wRow + j] += s * dy[yRow + j];        // dW[ids[i]] += c_n a_i dy[n]
          }
          if (da != null) {
            float dot = 0f;
            for (int j = 0; j < e; j++) dot += dy[yRow + j] * wd[wRow + j];
            da[i] += dot;                                                                    // da_i = dy[n] . W[ids[i]]
          }
        }
      }
    }, weight, perSampleWeights);
  }

  private static void check(Tensor weight, int[] ids, int[] offsets, EmbeddingBagMode mode, Tensor perSampleWeights,
      int paddingIdx) {
    if (weight.dim() != 2) {
      throw new IllegalArgumentException("embedding_bag: weight must be (V, E), got " + weight.shapeString());
    }
    if (mode == null) throw new IllegalArgumentException("embedding_bag: mode must be SUM or MEAN, got null");
    int vocab = weight.size(0);
    int m = ids.length;
    if (paddingIdx != EmbeddingOps.NO_PADDING && (paddingIdx < 0 || paddingIdx >= vocab)) {
      throw new IllegalArgumentException("embedding_bag: paddingIdx " + paddingIdx + " is out of range for V=" + vocab
          + " (valid 0.." + (vocab - 1) + ", or -1 for none)");
    }
    if (offsets.length == 0 && m > 0) {
      throw new IllegalArgumentException("embedding_bag: " + m + " ids but no bags; offsets must hold the start of "
          + "each bag, beginning with 0 (for one bag of all ids: {0})");
    }
    for (int b = 0; b < offsets.length; b++) {
      if (b == 0 ? offsets[0] != 0 : offsets[b] < offsets[b - 1]) {
        throw new IllegalArgumentException("embedding_bag: offsets must start at 0 and never decrease, got offsets["
            + b + "]=" + offsets[b] + (b == 0 ? "" : " after offsets[" + (b - 1) + "]=" + offsets[b - 1]));
      }
      if (offsets[b] > m) {
        throw new IllegalArgumentException("embedding_bag: offsets[" + b + "]=" + offsets[b]
            + " is past the end of the " + m + " ids; a bag must start in [0, " + m + "] "
            + "(offsets are bag starts, without the final end)");
      }
    }
    for (int i = 0; i < m; i++) {
      if (ids[i] < 0 || ids[i] >= vocab) {
        throw new IllegalArgumentException("embedding_bag: id " + ids[i] + " at position " + i
            + " is out of range for a table of V=" + vocab + " rows (valid 0.." + (vocab - 1) + ")");
      }
    }
    if (perSampleWeights != null) {
      if (mode != EmbeddingBagMode.SUM) {
        throw new IllegalArgumentException("embedding_bag: perSampleWeights are only supported with mode SUM "
            + "(as in PyTorch), got mode " + mode + "; pass null or use SUM");
      }
      if (perSampleWeights.dim() != 1 || perSampleWeights.size(0) != m) {
        throw new IllegalArgumentException("embedding_bag: perSampleWeights must be (M=" + m + "), one per id, got "
            + perSampleWeights.shapeString());
      }
    }
  }
}
