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
}
