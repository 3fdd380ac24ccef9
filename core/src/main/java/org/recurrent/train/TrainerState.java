package org.recurrent.train;

/**
 * Where a run stands, saved in every checkpoint so that a resumed run continues exactly: the next batch to run,
 * the optimizer step count, early-stopping bookkeeping and the running sums of the current epoch's loss.
 *
 * @param epoch        current epoch (0-based)
 * @param batch        next batch of that epoch to run (0 = the epoch has not started)
 * @param step         optimizer steps taken so far
 * @param bestValue    best monitored value so far (NaN before the first evaluation)
 * @param bestEpoch    epoch that produced it (-1 before)
 * @param badEpochs    epochs since the last improvement (early stopping)
 * @param lossSum      sum over this epoch's batches of (mean batch loss x targets in batch)
 * @param lossWeight   targets seen this epoch
 * @param records      records (or stream tokens) seen this epoch, in the source's units
 */
public record TrainerState(int epoch, int batch, long step, double bestValue, int bestEpoch, int badEpochs,
                           double lossSum, double lossWeight, long records) {

  public static TrainerState start() {
    return new TrainerState(0, 0, 0, Double.NaN, -1, 0, 0, 0, 0);
  }

  TrainerState afterBatch(int nextBatch, long steps, double loss, double weight, long batchRecords) {
    return new TrainerState(epoch, nextBatch, steps, bestValue, bestEpoch, badEpochs, lossSum + loss * weight,
        lossWeight + weight, records + batchRecords);
  }

  TrainerState nextEpoch(double best, int bestAt, int bad) {
    return new TrainerState(epoch + 1, 0, step, best, bestAt, bad, 0, 0, 0);
  }

  /**
   * The {@code stop} event of a run that ends here normally (not at a non-finite value): where the last batch
   * trained was, and the best so far.
   *
   * @param batches batches per epoch
   */
  TrainingEvent.Stopped stopped(String reason, int batches) {
    boolean boundary = batch == 0;                          // then the last batch was the previous epoch's last
    int stopEpoch = boundary ? epoch : epoch + 1;
    int lastBatch = boundary ? (epoch > 0 ? batches : 0) : batch;
    return new TrainingEvent.Stopped(reason, stopEpoch, lastBatch, step, epoch, bestEpoch + 1, bestValue);
  }

  /** Mean training loss of the epoch so far. */
  double epochLoss() {
    return lossWeight == 0 ? Double.NaN : lossSum / lossWeight;
  }
}
