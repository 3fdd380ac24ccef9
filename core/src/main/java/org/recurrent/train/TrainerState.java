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
 * @param lastEpochLoss mean training loss of the last complete epoch (NaN before the first), so that a run resumed
 *                     after its last epoch reports the same {@code train_loss} as one that never stopped
 */
public record TrainerState(int epoch, int batch, long step, double bestValue, int bestEpoch, int badEpochs,
                           double lossSum, double lossWeight, long records, double lastEpochLoss) {

  /** A state before any epoch has completed, or from a checkpoint written before {@code lastEpochLoss} existed. */
  public TrainerState(int epoch, int batch, long step, double bestValue, int bestEpoch, int badEpochs,
                      double lossSum, double lossWeight, long records) {
    this(epoch, batch, step, bestValue, bestEpoch, badEpochs, lossSum, lossWeight, records, Double.NaN);
  }

  public static TrainerState start() {
    return new TrainerState(0, 0, 0, Double.NaN, -1, 0, 0, 0, 0);
  }

  TrainerState afterBatch(int nextBatch, long steps, double loss, double weight, long batchRecords) {
    return new TrainerState(epoch, nextBatch, steps, bestValue, bestEpoch, badEpochs, lossSum + loss * weight,
        lossWeight + weight, records + batchRecords, lastEpochLoss);
  }

  TrainerState nextEpoch(double best, int bestAt, int bad) {
    return new TrainerState(epoch + 1, 0, step, best, bestAt, bad, 0, 0, 0, epochLoss());
  }

  /**
   * Null when this state can be where a run of {@code epochs} epochs of {@code batches} batches each stands, with
   * every number finite where it must be; else what is wrong, in words. Checked on resume: a checkpoint is a file,
   * and a damaged or edited one must not start a run at a position that does not exist.
   */
  public String problemFor(int epochs, int batches) {
    if (epoch < 0 || epoch > epochs) return "epoch " + (epoch + 1) + " is outside the run's " + epochs + " epochs"
        + (epoch > epochs ? " (resume with at least --epochs " + epoch + ")" : "");
    if (batch < 0 || batch >= Math.max(1, batches)) {
      return "batch " + batch + " is outside the epoch's " + batches + " batches";
    }
    if (epoch == epochs && batch != 0) return "batch " + batch + " is past the run's last epoch";
    if (step < 0) return "step " + step + " is negative";
    if (bestEpoch < -1 || bestEpoch >= Math.max(epoch, 0) && bestEpoch != -1) {
      return "best epoch " + (bestEpoch + 1) + " is not among the " + epoch + " epochs complete";
    }
    if (bestEpoch == -1 ? !Double.isNaN(bestValue) : !Double.isFinite(bestValue)) {
      return "best value " + bestValue + " does not fit best epoch " + (bestEpoch + 1);
    }
    if (badEpochs < 0 || badEpochs > epoch) return "epochs without improvement " + badEpochs + " is not within 0.." + epoch;
    if (!Double.isFinite(lossSum) || !(lossWeight >= 0) || !Double.isFinite(lossWeight)) {
      return "the epoch's loss sums " + lossSum + " / " + lossWeight + " are not finite and non-negative";
    }
    if (records < 0) return "records " + records + " is negative";
    if (batch == 0 && (lossWeight != 0 || records != 0)) return "an epoch at batch 0 has loss sums or records";
    if (Double.isInfinite(lastEpochLoss)) return "last epoch loss " + lastEpochLoss + " is not finite";
    return null;
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
