package org.recurrent.data;

import java.util.Arrays;

/**
 * A long token sequence (a corpus) as B parallel streams walked k steps at a time: the layout of PyTorch's
 * word-language-model example, for language models trained with truncated back-propagation through time.
 * <pre>{@code
 * ids (N) -> streams (S, B), S = floor((N - 1) / B): stream b is ids[b*S .. b*S + S] (one extra for the target)
 * batch i: inputs  streams[i*k .. i*k + k)        (k', B), k' = min(k, S - i*k)
 *          targets streams[i*k + 1 .. i*k + k + 1)  the next token at every step
 * }</pre>
 * Every batch after the first of an epoch continues the streams of the one before ({@link Batch#continues()}),
 * so the trainer carries the recurrent state across batches and cuts its gradient there. Streams are not
 * shuffled: the state only makes sense in order.
 */
public final class TokenStreamBatches implements BatchSource {
  private final int[] ids;
  private final int streams;
  private final int streamLength;
  private final int stepsPerBatch;

  public TokenStreamBatches(int[] ids, int streams, int stepsPerBatch) {
    if (streams < 1) throw new IllegalArgumentException("number of streams (batch size) must be >= 1, got " + streams);
    if (stepsPerBatch < 1) throw new IllegalArgumentException("steps per batch (bptt) must be >= 1, got " + stepsPerBatch);
    int S = (ids.length - 1) / streams;
    if (S < 1) {
      throw new IllegalArgumentException("a text of " + ids.length + " tokens is too short for " + streams
          + " streams; it needs at least " + (streams + 1));
    }
    this.ids = ids;
    this.streams = streams;
    this.streamLength = S;
    this.stepsPerBatch = stepsPerBatch;
  }

  @Override
  public int batchesPerEpoch() {
    return (streamLength + stepsPerBatch - 1) / stepsPerBatch;
  }

  @Override
  public long recordsPerEpoch() {
    return (long) streamLength * streams;
  }

  @Override
  public String unit() {
    return "tok";
  }

  /** Tokens: every stream step is one prediction. */
  @Override
  public long units(Batch batch) {
    return (long) batch.steps() * batch.size();
  }

  @Override
  public Batch batch(int epoch, int index) {
    if (index < 0 || index >= batchesPerEpoch()) {
      throw new IndexOutOfBoundsException("batch " + index + " of an epoch with " + batchesPerEpoch() + " batches");
    }
    int start = index * stepsPerBatch;
    int T = Math.min(stepsPerBatch, streamLength - start);
    int B = streams;
    int[] inputs = new int[T * B];                                              // (T, B)
    float[] targets = new float[T * B];                                         // (T, B, 1)
    for (int b = 0; b < B; b++) {
      int base = b * streamLength + start;
      for (int t = 0; t < T; t++) {
        inputs[t * B + b] = ids[base + t];
        targets[t * B + b] = ids[base + t + 1];
      }
    }
    int[] lengths = new int[B];
    Arrays.fill(lengths, T);
    int[] streamNumbers = new int[B];
    for (int b = 0; b < B; b++) streamNumbers[b] = b;
    return new Batch(streamNumbers, T, null, inputs, lengths, targets, 1, true, index > 0);
  }
}
