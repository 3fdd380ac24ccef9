package org.recurrent.nn;

import java.util.Arrays;
import java.util.Random;
import org.recurrent.ops.EmbeddingBagMode;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Sums or averages bags of rows of a table of V vectors of size E, {@code torch.nn.EmbeddingBag} (with
 * {@code include_last_offset=False}, no max_norm, dense gradients).
 * <pre>{@code
 * y[n, :] = c_n sum_{i in bag n, ids[i] != paddingIdx} a_i W[ids[i], :]     W (V, E)   y (N, E)
 * c_n = 1 (SUM) or 1 / (number of non-padding ids in bag n) (MEAN);  a_i = per-sample weight (SUM) or 1
 * }</pre>
 * Bag n holds {@code ids[offsets[n] .. offsets[n+1])}, the last bag runs to the end, an empty bag gives a zero
 * row. Parameter {@code weight}, initialised N(0, 1) as in PyTorch; with a padding index that row starts at zero
 * and never receives a gradient. The equations and gradients are in {@code Ops.embeddingBag}.
 */
public final class EmbeddingBag extends Module {
  private final int numEmbeddings;
  private final int embeddingDim;
  private final EmbeddingBagMode mode;
  private final int paddingIdx;
  private final Tensor weight;

  public EmbeddingBag(int numEmbeddings, int embeddingDim, EmbeddingBagMode mode, Random rng) {
    this(numEmbeddings, embeddingDim, mode, -1, rng);
  }

  /** With {@code paddingIdx} in [0, V) (or -1 for none): that row is zero, skipped in every bag, never trained. */
  public EmbeddingBag(int numEmbeddings, int embeddingDim, EmbeddingBagMode mode, int paddingIdx, Random rng) {
    if (numEmbeddings <= 0 || embeddingDim <= 0) {
      throw new IllegalArgumentException("EmbeddingBag: numEmbeddings and embeddingDim must be positive, got "
          + numEmbeddings + " and " + embeddingDim);
    }
    if (mode == null) throw new IllegalArgumentException("EmbeddingBag: mode must be SUM or MEAN, got null");
    if (paddingIdx < -1 || paddingIdx >= numEmbeddings) {
      throw new IllegalArgumentException("EmbeddingBag: paddingIdx must be in [0, " + numEmbeddings
          + ") or -1 for none, got " + paddingIdx);
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.mode = mode;
    this.paddingIdx = paddingIdx;
    Tensor w = Tensor.randn(rng, 1f, numEmbeddings, embeddingDim);                          // (V, E)
    if (paddingIdx >= 0) Arrays.fill(w.data(), paddingIdx * embeddingDim, (paddingIdx + 1) * embeddingDim, 0f);
    this.weight = registerParameter("weight", w);
  }

  /** Flat {@code ids} (M) in bags starting at {@code offsets} (N); gives (N, E). */
  public Tensor forward(int[] ids, int[] offsets) {
    return forward(ids, offsets, null);
  }

  /** As {@link #forward(int[], int[])}, each id's row scaled by {@code perSampleWeights} (M); SUM only; null: none. */
  public Tensor forward(int[] ids, int[] offsets, Tensor perSampleWeights) {
    return Ops.embeddingBag(weight, ids, offsets, mode, perSampleWeights, paddingIdx);
  }

  public Tensor weight() {
    return weight;
  }

  public int numEmbeddings() {
    return numEmbeddings;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  public EmbeddingBagMode mode() {
    return mode;
  }

  /** The padding row, or -1 for none. */
  public int paddingIdx() {
    return paddingIdx;
  }
}
