package org.recurrent.nn;

import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Luong's dot attention, Luong, Pham and Manning 2015, "Effective approaches to attention-based neural machine
 * translation", eq. (8) "dot": {@code e[b,t] = q[b] . h[b,t]}. No parameters; the query and the encoder states
 * must have the same width.
 */
public final class DotAttention extends Attention {

  public DotAttention(int width) {
    super(width, width);
  }

  @Override
  protected Tensor keys(Tensor values) {
    return values;
  }

  @Override
  protected Tensor scores(Tensor q, Tensor keys) {
    return Ops.dotScores(q, keys);                                            // q . h
  }
}
