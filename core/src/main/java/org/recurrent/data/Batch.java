package org.recurrent.data;

import org.recurrent.tensor.Tensor;

/**
 * One padded mini-batch, time-major, ready for a model.
 *
 * <p>Inputs: numeric {@code features} (T, B, F), or token ids {@code tokens} (T, B) flattened; padding steps
 * (t >= lengths[b]) are zero. Targets, {@code K = targetWidth}: per sequence {@code targets[b*K + k]}
 * (B, K); per step {@code targets[(t*B + b)*K + k]} (T, B, K), matching a per-step model output flattened;
 * padding positions are zero and masked by {@link #stepMask()}.
 *
 * @param indices     B positions of the batch's records in their dataset (to put predictions back in order);
 *                    for a token stream, the stream numbers
 * @param steps       T, the longest length in the batch
 * @param features    (T, B, F) or null for token inputs
 * @param tokens      (T*B) ids or null for numeric inputs
 * @param lengths     (B) steps per sequence, each in [1, T]
 * @param targets     see above; empty when the data are unlabelled
 * @param targetWidth K
 * @param perStep     whether targets are per step
 * @param continues   true when this batch continues the streams of the previous batch (stateful training over a
 *                    long text): the trainer then starts from the previous batch's final state, detached
 */
public record Batch(int[] indices, int steps, Tensor features, int[] tokens, int[] lengths, float[] targets,
                    int targetWidth, boolean perStep, boolean continues) {

  /** B. */
  public int size() {
    return lengths.length;
  }

  /** (T*B) time-major: 1 where t < lengths[b], else 0. */
  public float[] stepMask() {
    int B = size();
    float[] mask = new float[steps * B];
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < lengths[b]; t++) mask[t * B + b] = 1f;
    }
    return mask;
  }

  /** Number of real (unpadded) steps in the batch. */
  public int realSteps() {
    int n = 0;
    for (int len : lengths) n += len;
    return n;
  }

  public boolean labelled() {
    return targets.length > 0;
  }
}
