package org.recurrent.ops;

import java.util.List;
import java.util.Random;
import org.recurrent.tensor.Tensor;

/**
 * Differentiable operations on {@link Tensor}s, the counterpart of {@code torch.nn.functional} and the
 * tensor functions of {@code torch}. Every op checks its shapes, computes eagerly and, when an input requires
 * a gradient (and recording is on), records its backward step. Shapes use the letters of {@link Tensor};
 * "(..., K)" means any number of leading dimensions. Equations and gradients are in each family's class.
 */
public final class Ops {
  private Ops() {}

  // ---- matrix products ------------------------------------------------------------------------------

  /** {@code torch.matmul}: a (..., K) times b (K, N) gives (..., N). */
  public static Tensor matmul(Tensor a, Tensor b) {
    return MatrixOps.matmul(a, b);
  }

  /** {@code F.linear}: y = x W^T + b for x (..., in), weight (out, in), bias (out) or null; gives (..., out). */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return MatrixOps.linear(x, weight, bias);
  }

  /** {@code torch.bmm}: (B, M, K) times (B, K, N) gives (B, M, N). */
  public static Tensor bmm(Tensor a, Tensor b) {
    return MatrixOps.bmm(a, b);
  }

  // ---- element-wise arithmetic (b equal to a's shape or a suffix of it) ------------------------------

  public static Tensor add(Tensor a, Tensor b) {
    return PointwiseOps.add(a, b);
  }

  public static Tensor sub(Tensor a, Tensor b) {
    return PointwiseOps.sub(a, b);
  }

  public static Tensor mul(Tensor a, Tensor b) {
    return PointwiseOps.mul(a, b);
  }

  /** y = s x. */
  public static Tensor scale(Tensor x, float s) {
    return PointwiseOps.scale(x, s);
  }

  /** y = x + s. */
  public static Tensor addScalar(Tensor x, float s) {
    return PointwiseOps.addScalar(x, s);
  }

  public static Tensor neg(Tensor x) {
    return PointwiseOps.neg(x);
  }

  // ---- activations ----------------------------------------------------------------------------------

  public static Tensor tanh(Tensor x) {
    return ActivationOps.tanh(x);
  }

  public static Tensor sigmoid(Tensor x) {
    return ActivationOps.sigmoid(x);
  }

  public static Tensor relu(Tensor x) {
    return ActivationOps.relu(x);
  }

  public static Tensor exp(Tensor x) {
    return ActivationOps.exp(x);
  }

  /** Natural logarithm (0 gives -inf, negatives NaN, as in PyTorch). */
  public static Tensor log(Tensor x) {
    return ActivationOps.log(x);
  }

  public static Tensor square(Tensor x) {
    return ActivationOps.square(x);
  }

  // ---- softmax (last dimension) ---------------------------------------------------------------------

  public static Tensor softmax(Tensor x) {
    return SoftmaxOps.softmax(x);
  }

  public static Tensor logSoftmax(Tensor x) {
    return SoftmaxOps.logSoftmax(x);
  }

  /**
   * Softmax over the last dimension where {@code mask} is 1 (values must be 0 or 1); masked positions get
   * exactly 0. The mask has the scores' shape, or scores are (B, Tq, Tk) and the mask (B, Tk). A row with
   * every position masked is an error.
   */
  public static Tensor maskedSoftmax(Tensor scores, Tensor mask) {
    return SoftmaxOps.maskedSoftmax(scores, mask);
  }

  // ---- reductions -----------------------------------------------------------------------------------

  /** Sum of all elements, a scalar. */
  public static Tensor sum(Tensor x) {
    return ReductionOps.sum(x);
  }

  /** Mean of all elements, a scalar. */
  public static Tensor mean(Tensor x) {
    return ReductionOps.mean(x);
  }

  /** Sum over {@code dim} (negative counts from the end), which is removed. */
  public static Tensor sum(Tensor x, int dim) {
    return ReductionOps.sum(x, dim);
  }

  // ---- shape --------------------------------------------------------------------------------------

  /** {@code torch.cat}. */
  public static Tensor concat(List<Tensor> xs, int dim) {
    return ShapeOps.concat(xs, dim);
  }

  /** {@code torch.split} with explicit sizes; the pieces are copies. */
  public static List<Tensor> split(Tensor x, int[] sizes, int dim) {
    return ShapeOps.split(x, sizes, dim);
  }

  /** {@code x[..., start:end, ...]} along {@code dim}, copied. */
  public static Tensor slice(Tensor x, int dim, int start, int end) {
    return ShapeOps.slice(x, dim, start, end);
  }

  /** {@code torch.reshape}; one size may be -1. Shares the data array with {@code x}. */
  public static Tensor reshape(Tensor x, int... shape) {
    return ShapeOps.reshape(x, shape);
  }

  /** {@code torch.select}: entry {@code index} along {@code dim}, which is removed. */
  public static Tensor select(Tensor x, int dim, int index) {
    return ShapeOps.select(x, dim, index);
  }

  /** {@code torch.transpose}, copied into the new row-major order. */
  public static Tensor transpose(Tensor x, int d0, int d1) {
    return ShapeOps.transpose(x, d0, d1);
  }

  // ---- embedding, dropout, pooling, attention ------------------------------------------------------

  /**
   * {@code F.embedding}: rows of weight (V, E) for {@code ids} laid out in {@code idShape} (omitted: one
   * dimension of ids.length); gives idShape + (E).
   */
  public static Tensor embedding(Tensor weight, int[] ids, int... idShape) {
    return EmbeddingOps.embedding(weight, ids, idShape, EmbeddingOps.NO_PADDING);
  }

  /** As {@link #embedding(Tensor, int[], int...)}, but row {@code paddingIdx} never receives a gradient. */
  public static Tensor embedding(Tensor weight, int[] ids, int[] idShape, int paddingIdx) {
    return EmbeddingOps.embedding(weight, ids, idShape, paddingIdx);
  }

  /**
   * {@code F.embedding_bag}: for weight (V, E), flat {@code ids} (M) and bag starts {@code offsets} (N, first 0,
   * never decreasing; the last bag runs to the end), the SUM or MEAN of each bag's rows; gives (N, E), zero rows
   * for empty bags.
   */
  public static Tensor embeddingBag(Tensor weight, int[] ids, int[] offsets, EmbeddingBagMode mode) {
    return EmbeddingBagOps.embeddingBag(weight, ids, offsets, mode, null, EmbeddingOps.NO_PADDING);
  }

  /**
   * As {@link #embeddingBag(Tensor, int[], int[], EmbeddingBagMode)}, with {@code perSampleWeights} (M), one
   * factor per id (SUM only; null for none), and ids equal to {@code paddingIdx} (-1 for none) skipped: they add
   * nothing, are not counted by MEAN and give no gradient.
   */
  public static Tensor embeddingBag(Tensor weight, int[] ids, int[] offsets, EmbeddingBagMode mode,
      Tensor perSampleWeights, int paddingIdx) {
    return EmbeddingBagOps.embeddingBag(weight, ids, offsets, mode, perSampleWeights, paddingIdx);
  }

  /** Inverted dropout with drop probability p in [0, 1); returns x itself when not training or p == 0. */
  public static Tensor dropout(Tensor x, float p, boolean training, Random rng) {
    return DropoutOps.dropout(x, p, training, rng);
  }

  /** (T, B, F) to (B, F): mean over the first lengths[b] steps of each sequence; lengths in [1, T]. */
  public static Tensor maskedMean(Tensor x, int[] lengths) {
    return PoolingOps.maskedMean(x, lengths);
  }

  /** (T, B, F) to (B, F): the step lengths[b] - 1 of each sequence; lengths in [1, T]. */
  public static Tensor lastStep(Tensor x, int[] lengths) {
    return PoolingOps.lastStep(x, lengths);
  }

  /**
   * {@code F.scaled_dot_product_attention}: query (B, Tq, D), keys (B, Tk, D), values (B, Tk, Dv), mask
   * (B, Tk) or (B, Tq, Tk) of 1 (attend) / 0, or null; gives (B, Tq, Dv).
   */
  public static Tensor scaledDotProductAttention(Tensor query, Tensor keys, Tensor values, Tensor mask) {
    return AttentionOps.scaledDotProductAttention(query, keys, values, mask);
  }

  /**
   * Bahdanau's additive score {@code e[b,t] = v . tanh(q[b] + k[b,t])}: query (B, A) and keys (B, Tk, A) already
   * projected, v (A); gives (B, Tk).
   */
  public static Tensor additiveScores(Tensor query, Tensor keys, Tensor v) {
    return AlignmentOps.additiveScores(query, keys, v);
  }

  /** Luong's dot score {@code s[b,t] = q[b] . k[b,t]}: query (B, D), keys (B, Tk, D); gives (B, Tk). */
  public static Tensor dotScores(Tensor query, Tensor keys) {
    return AlignmentOps.dotScores(query, keys);
  }

  /** The attention read-out {@code c[b] = sum_t w[b,t] values[b,t]}: weights (B, Tk), values (B, Tk, Dv); gives (B, Dv). */
  public static Tensor attentionContext(Tensor weights, Tensor values) {
    return AlignmentOps.context(weights, values);
  }
}
