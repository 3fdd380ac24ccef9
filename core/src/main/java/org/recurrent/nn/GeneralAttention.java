package org.recurrent.nn;

import java.util.Random;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Luong's general (multiplicative) attention, Luong, Pham and Manning 2015, eq. (8) "general":
 * <pre>{@code
 * e[b,t] = q[b] . (W_a h[b,t])        W_a (Hq, Hk)
 * }</pre>
 * Key {@code key.weight} (no bias); init U(-1/sqrt(Hk), 1/sqrt(Hk)) as {@code torch.nn.Linear}.
 */
public final class GeneralAttention extends Attention {
  private final Linear key;

  public GeneralAttention(int queryWidth, int valueWidth, Random rng) {
    super(queryWidth, valueWidth);
    this.key = registerModule("key", new Linear(valueWidth, queryWidth, false, rng));
  }

  @Override
  protected Tensor keys(Tensor values) {
    return key.forward(values);                                               // W_a h  (B, Tk, Hq)
  }

  @Override
  protected Tensor scores(Tensor q, Tensor keys) {
    return Ops.dotScores(q, keys);                                            // q . W_a h
  }
}
