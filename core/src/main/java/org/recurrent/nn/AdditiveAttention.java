package org.recurrent.nn;

import java.util.Random;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Bahdanau's additive (concat) attention, Bahdanau, Cho and Bengio 2015, "Neural machine translation by jointly
 * learning to align and translate", eq. (6) / appendix A.1.2.
 * <pre>{@code
 * e[b,t] = v . tanh(W_q q[b] + W_k h[b,t])       W_q (A, Hq)  W_k (A, Hk)  v (A)
 * }</pre>
 * Keys {@code query.weight}, {@code key.weight} (no biases, as in the paper) and {@code v}; init
 * U(-1/sqrt(in), 1/sqrt(in)) as {@code torch.nn.Linear}, v with in = A.
 */
public final class AdditiveAttention extends Attention {
  private final Linear query;
  private final Linear key;
  private final Tensor v;

  public AdditiveAttention(int queryWidth, int valueWidth, int attentionWidth, Random rng) {
    super(queryWidth, valueWidth);
    if (attentionWidth < 1) throw new IllegalArgumentException("attention width A must be >= 1, got " + attentionWidth);
    this.query = registerModule("query", new Linear(queryWidth, attentionWidth, false, rng));
    this.key = registerModule("key", new Linear(valueWidth, attentionWidth, false, rng));
    float bound = (float) (1.0 / Math.sqrt(attentionWidth));
    this.v = registerParameter("v", Tensor.uniform(rng, -bound, bound, attentionWidth));
  }

  @Override
  protected Tensor keys(Tensor values) {
    return key.forward(values);                                               // W_k h  (B, Tk, A)
  }

  @Override
  protected Tensor scores(Tensor q, Tensor keys) {
    return Ops.additiveScores(query.forward(q), keys, v);                     // v . tanh(W_q q + W_k h)
  }
}
