package org.recurrent.data;

/**
 * How a data part is cut into batches.
 *
 * @param batchSize      records per batch (token streams: parallel streams)
 * @param shuffle        reorder every epoch (training) or keep the data's order (evaluation)
 * @param bucketByLength batch records of similar length together
 * @param seed           the order's seed
 * @param steps          token streams: steps per batch (the truncated-BPTT length)
 */
public record BatchPlan(int batchSize, boolean shuffle, boolean bucketByLength, long seed, int steps) {
  /** Evaluation: the data's order, records bucketed by length, {@code batchSize} records per batch. */
  public static BatchPlan evaluation(int batchSize, int steps) {
    return new BatchPlan(batchSize, false, true, 0, steps);
  }

  public BatchPlan {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    if (steps < 1) throw new IllegalArgumentException("steps per batch must be >= 1, got " + steps);
  }
}
