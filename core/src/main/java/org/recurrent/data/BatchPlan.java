package org.recurrent.data;

/**
 * How a data part is cut into batches. Built by name, never by positional flags:
 * {@code BatchPlan.of(64).shuffled(seed).bucketed()} for training, {@link #evaluation} for evaluation.
 *
 * @param batchSize      records per batch (token streams: parallel streams)
 * @param shuffle        reorder every epoch from {@code seed} (training), or keep the data's order
 * @param bucketByLength batch records of similar length together
 * @param seed           the order's seed
 * @param steps          token streams: steps per batch (the truncated-BPTT length)
 */
public record BatchPlan(int batchSize, boolean shuffle, boolean bucketByLength, long seed, int steps) {
  public BatchPlan {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    if (steps < 1) throw new IllegalArgumentException("steps per batch must be >= 1, got " + steps);
  }

  /** {@code batchSize} records per batch in the data's order, no bucketing; streams of 1 step. */
  public static BatchPlan of(int batchSize) {
    return new BatchPlan(batchSize, false, false, 0, 1);
  }

  /** Evaluation: the data's order, records bucketed by length, token streams of {@code steps}. */
  public static BatchPlan evaluation(int batchSize, int steps) {
    return of(batchSize).bucketed().streams(steps);
  }

  /** Reordered every epoch by a generator seeded from ({@code seed}, epoch). */
  public BatchPlan shuffled(long seed) {
    return new BatchPlan(batchSize, true, bucketByLength, seed, steps);
  }

  /** Records of similar length share a batch. */
  public BatchPlan bucketed() {
    return new BatchPlan(batchSize, shuffle, true, seed, steps);
  }

  /** Token streams advance {@code steps} per batch. */
  public BatchPlan streams(int steps) {
    return new BatchPlan(batchSize, shuffle, bucketByLength, seed, steps);
  }
}
