package org.recurrent.models;

import java.util.List;
import org.recurrent.data.BatchInput;

/**
 * A model that writes output sequences of its own (an encoder-decoder): evaluation scores its greedy decodes
 * (exact match, BLEU) and {@code recurrent translate} prints them. A capability a kind declares by implementing
 * this, so callers never ask which kind a model is.
 */
public interface SequenceDecoder {

  /**
   * One decoded sequence.
   *
   * @param tokens    the output ids, without the end token
   * @param ended     whether the end token was produced (false: cut at the maximum length)
   * @param attention per output step (the end token's included), the weights over the source's real steps;
   *                  empty rows when the model has no attention
   * @param logProbability log p of the tokens (and the end token) under the model
   */
  record Decoded(int[] tokens, boolean ended, float[][] attention, double logProbability) {}

  /** Decodes each source sequence of the batch input (B sequences with their own lengths); runs without gradients. */
  List<Decoded> decode(BatchInput.Tokens source, Decoding how);

  /** The decodes evaluation scores: greedy, up to the model's own maximum length, for a batch of its data. */
  List<Decoded> decodeForEvaluation(org.recurrent.data.Batch batch);

  /** The longest output the model was configured to write (its evaluation decodes' limit), end token included. */
  int defaultMaxLength();

  /** The id that ends an output sequence. */
  int endId();
}
