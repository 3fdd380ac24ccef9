package org.recurrent.nn;

import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Encoder-decoder attention, "learnable memory access": one decoder query per sequence reads a weighted mix of
 * the encoder's states. Letters: B batch, Tk source steps, Hq query width, Hk encoder-state (value) width.
 * <pre>{@code
 * e = score(q, K)                   (B, Tk)   the subclass's score function
 * w = softmax(e) over the real steps of each source, 0 on padding   (B, Tk)
 * c = sum_t w_t h_t                 (B, Hk)
 * }</pre>
 * The keys K are what the score reads of the encoder states h (a projection for additive and general
 * attention); {@link #memory} computes them once per batch so that each decoder step pays only for its query.
 * Kinds: {@link AdditiveAttention} (Bahdanau), {@link DotAttention} and {@link GeneralAttention} (Luong).
 */
public abstract sealed class Attention extends Module permits AdditiveAttention, DotAttention, GeneralAttention {

  /**
   * What the decoder attends over.
   *
   * @param values the encoder states h (B, Tk, Hk)
   * @param keys   what the score reads of them (B, Tk, *)
   * @param mask   (B, Tk) 1 on real source steps, 0 on padding; null when every source has all Tk steps
   */
  public record Memory(Tensor values, Tensor keys, Tensor mask) {}

  /** @param context c (B, Hk); @param weights w (B, Tk) */
  public record Result(Tensor context, Tensor weights) {}

  private final int queryWidth;
  private final int valueWidth;

  protected Attention(int queryWidth, int valueWidth) {
    if (queryWidth < 1 || valueWidth < 1) {
      throw new IllegalArgumentException("attention widths must be >= 1, got query " + queryWidth + ", values "
          + valueWidth);
    }
    this.queryWidth = queryWidth;
    this.valueWidth = valueWidth;
  }

  /** Hq. */
  public final int queryWidth() {
    return queryWidth;
  }

  /** Hk. */
  public final int valueWidth() {
    return valueWidth;
  }

  /** The memory of encoder states (B, Tk, Hk) with the source mask (B, Tk) or null. */
  public final Memory memory(Tensor values, Tensor mask) {
    if (values.dim() != 3 || values.size(2) != valueWidth) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " values must be (B, Tk, Hk=" + valueWidth
          + "), got " + values.shapeString());
    }
    if (mask != null && (mask.dim() != 2 || mask.size(0) != values.size(0) || mask.size(1) != values.size(1))) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " mask must be (B=" + values.size(0) + ", Tk="
          + values.size(1) + "), got " + mask.shapeString());
    }
    return new Memory(values, keys(values), mask);
  }

  /** The mask of sources with these lengths, padded to Tk steps: 1 where t < lengths[b]. */
  public static Tensor mask(int[] lengths, int Tk) {
    Tensor m = Tensor.zeros(lengths.length, Tk);                              // (B, Tk)
    for (int b = 0; b < lengths.length; b++) {
      for (int t = 0; t < Math.min(lengths[b], Tk); t++) m.data()[b * Tk + t] = 1f;
    }
    return m;
  }

  /** One query q (B, Hq) against the memory. */
  public final Result attend(Tensor query, Memory memory) {
    if (query.dim() != 2 || query.size(1) != queryWidth || query.size(0) != memory.values().size(0)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " query must be (B=" + memory.values().size(0)
          + ", Hq=" + queryWidth + "), got " + query.shapeString());
    }
    Tensor e = scores(query, memory.keys());                                  // (B, Tk)
    Tensor w = memory.mask() == null ? Ops.softmax(e) : Ops.maskedSoftmax(e, memory.mask());
    return new Result(Ops.attentionContext(w, memory.values()), w);           // c = sum_t w_t h_t
  }

  /** K from the encoder states h (B, Tk, Hk). */
  protected abstract Tensor keys(Tensor values);

  /** e (B, Tk) from the query (B, Hq) and the keys. */
  protected abstract Tensor scores(Tensor query, Tensor keys);
}
