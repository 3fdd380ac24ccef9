package org.recurrent.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recurrent.tensor.Tensor;

/**
 * One padded mini-batch, time-major, ready for a model.
 *
 * <p>Inputs by name, typed ({@link BatchInput}): the primary input {@value SequenceExample#PRIMARY} (dense
 * features (T, B, F), token ids (T, B) or bags of ids per step) and any side inputs. Targets,
 * {@code K = targetWidth}: per sequence {@code targets[b*K + k]} (B, K); per step
 * {@code targets[(t*B + b)*K + k]} (T, B, K), matching a per-step model output flattened; padding positions are
 * zero and masked by {@link #stepMask()}.
 *
 * @param indices     B positions of the batch's records in their dataset (to put predictions back in order);
 *                    for a token stream, the stream numbers
 * @param steps       T, the longest length of the primary input in the batch
 * @param inputs      the inputs by name, the primary first
 * @param lengths     (B) steps per sequence, each in [1, T]
 * @param targets     see above; empty when the data are unlabelled
 * @param targetWidth K
 * @param perStep     whether targets are per step
 * @param continues   true when this batch continues the streams of the previous batch (stateful training over a
 *                    long text): the trainer then starts from the previous batch's final state, detached
 */
public record Batch(int[] indices, int steps, Map<String, BatchInput> inputs, int[] lengths, float[] targets,
                   int targetWidth, boolean perStep, boolean continues) {

  public Batch {
    if (inputs.get(SequenceExample.PRIMARY) == null) {
      throw new IllegalArgumentException("a batch needs its primary input '" + SequenceExample.PRIMARY + "'");
    }
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /** A batch of one input, dense features (T, B, F) or token ids (T*B): exactly one of them non-null. */
  public Batch(int[] indices, int steps, Tensor features, int[] tokens, int[] lengths, float[] targets, int targetWidth,
               boolean perStep, boolean continues) {
    this(indices, steps, Map.of(SequenceExample.PRIMARY, primary(features, tokens, steps, lengths)), lengths, targets,
        targetWidth, perStep, continues);
  }

  private static BatchInput primary(Tensor features, int[] tokens, int steps, int[] lengths) {
    if ((features == null) == (tokens == null)) {
      throw new IllegalArgumentException("a batch needs either features or token ids");
    }
    return features != null ? new BatchInput.Dense(features, lengths) : new BatchInput.Tokens(tokens, steps, lengths);
  }

  /** B. */
  public int size() {
    return lengths.length;
  }

  public BatchInput primary() {
    return inputs.get(SequenceExample.PRIMARY);
  }

  /** An input by name, or null. */
  public BatchInput input(String name) {
    return inputs.get(name);
  }

  /** The primary input's features (T, B, F) when it is dense, else null. */
  public Tensor features() {
    return primary() instanceof BatchInput.Dense d ? d.values() : null;
  }

  /** The primary input's ids (T*B) when it is token ids, else null. */
  public int[] tokens() {
    return primary() instanceof BatchInput.Tokens t ? t.ids() : null;
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
