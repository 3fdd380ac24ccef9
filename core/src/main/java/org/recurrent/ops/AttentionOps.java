package org.recurrent.ops;

import org.recurrent.tensor.Tensor;

/**
 * Scaled dot-product attention, {@code torch.nn.functional.scaled_dot_product_attention} with a boolean mask
 * (1 = may attend). Composed from {@code bmm}, {@code transpose}, {@code scale} and (masked) softmax, so its
 * gradient is theirs.
 * <pre>{@code
 * S = Q K^T / sqrt(D)        (B, Tq, Tk)
 * A = softmax(S) over keys, masked positions 0
 * Y = A V                    (B, Tq, Dv)
 * }</pre>
 */
final class AttentionOps {
  private AttentionOps() {}

  static Tensor scaledDotProductAttention(Tensor query, Tensor keys, Tensor values, Tensor mask) {
    if (query.dim() != 3 || keys.dim() != 3 || values.dim() != 3) {
      throw new IllegalArgumentException("attention: query, keys and values must be (B, Tq, D), (B, Tk, D) and "
          + "(B, Tk, Dv), got " + query.shapeString() + ", " + keys.shapeString() + ", " + values.shapeString());
    }
    int batch = query.size(0);
    int d = query.size(2);
    int tk = keys.size(1);
    if (keys.size(0) != batch || keys.size(2) != d || values.size(0) != batch || values.size(1) != tk) {
      throw new IllegalArgumentException("attention: keys must be (B=" + batch + ", Tk, D=" + d + ") and values (B="
          + batch + ", Tk, Dv) with the keys' Tk, got query " + query.shapeString() + ", keys " + keys.shapeString()
          + ", values " + values.shapeString());
    }
    Tensor scores = PointwiseOps.scale(
        MatrixOps.bmm(query, ShapeOps.transpose(keys, 1, 2)), (float) (1.0 / Math.sqrt(d)));  // (B, Tq, Tk)
    Tensor weights = mask == null ? SoftmaxOps.softmax(scores) : SoftmaxOps.maskedSoftmax(scores, mask);
    return MatrixOps.bmm(weights, values);                                                   // (B, Tq, Dv)
  }
}
