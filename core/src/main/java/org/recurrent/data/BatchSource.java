package org.recurrent.data;

/**
 * The batches of one epoch, addressable by position so that a run resumed in the middle of an epoch sees the
 * same batches it would have seen. The order may depend on the epoch (shuffling) but never on anything else.
 */
public interface BatchSource {

  /** Batches in every epoch. */
  int batchesPerEpoch();

  /** Batch {@code index} (0-based) of epoch {@code epoch} (0-based). */
  Batch batch(int epoch, int index);

  /** Records (or stream positions) one epoch covers, for throughput and progress figures. */
  long recordsPerEpoch();

  /** What throughput is counted in: {@code rec} (records) by default. */
  default String unit() {
    return "rec";
  }

  /** How many units a batch holds: its records by default. */
  default long units(Batch batch) {
    return batch.size();
  }

  /**
   * The first batch of {@code source} (epoch 0's), as a source of that one batch: what a quick look at a model's
   * answers needs (the trainer's monitor check, the dashboard's per-epoch predictions), without a pass over all.
   */
  static BatchSource firstBatchOf(BatchSource source) {
    if (source.batchesPerEpoch() == 0) throw new IllegalArgumentException("the source has no batch");
    return new BatchSource() {
      @Override
      public int batchesPerEpoch() {
        return 1;
      }

      @Override
      public Batch batch(int epoch, int index) {
        return source.batch(0, 0);
      }

      @Override
      public long recordsPerEpoch() {
        return source.batch(0, 0).size();
      }
    };
  }
}
