package org.recurrent.nn;

import java.util.Arrays;
import java.util.Random;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * A lookup table of V vectors of size E, {@code torch.nn.Embedding}.
 * <pre>{@code
 * y[..., :] = W[id, :]       W (V, E)     ids of any shape S     y S + (E)
 * }</pre>
 * Parameter {@code weight}, initialised N(0, 1) as in PyTorch. With a padding index that row starts at zero
 * and never receives a gradient, so it stays zero under training.
 */
public final class Embedding extends Module {
  private final int numEmbeddings;
  private final int embeddingDim;
  private final int paddingIdx;
  private final Tensor weight;

  public Embedding(int numEmbeddings, int embeddingDim, Random rng) {
    this(numEmbeddings, embeddingDim, -1, rng);
  }

  /** With {@code paddingIdx} in [0, V) (or -1 for none): that row is zero and gets no gradient. */
  public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, Random rng) {
    if (numEmbeddings <= 0 || embeddingDim <= 0) {
      throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be positive, got "
          + numEmbeddings + " and " + embeddingDim);
    }
    if (paddingIdx < -1 || paddingIdx >= numEmbeddings) {
      throw new IllegalArgumentException("Embedding: paddingIdx must be in [0, " + numEmbeddings
          + ") or -1 for none, got " + paddingIdx);
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = paddingIdx;
    Tensor w = Tensor.randn(rng, 1f, numEmbeddings, embeddingDim);                          // (V, E)
    if (paddingIdx >= 0) Arrays.fill(w.data(), paddingIdx * embeddingDim, (paddingIdx + 1) * embeddingDim, 0f);
    this.weight = registerParameter("weight", w);
  }

  /** Looks up {@code ids} laid out in {@code shape} (omitted: one dimension); gives shape + (E). */
  public Tensor forward(int[] ids, int... shape) {
    return paddingIdx < 0 ? Ops.embedding(weight, ids, shape) : Ops.embedding(weight, ids, shape, paddingIdx);
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

  /** The padding row, or -1 for none. */
  public int paddingIdx() {
    return paddingIdx;
  }
}
