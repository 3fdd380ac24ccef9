package org.recurrent.train;

import java.util.Locale;

/**
 * Tells a person how training goes through a {@link Progress}: a status after every batch (epoch, batch, the
 * epoch's running loss, throughput, the whole run's ETA), one summary line per epoch, and lines when the run resumes or stops early.
 */
public final class ProgressListener implements TrainingListener {
  private final Progress progress;
  private int epochs;
  private int batches;
  private String unit;
  // since the current epoch started (or the run resumed) in this process
  private long started;
  private long recordsAtStart;
  private int firstBatch;
  // for the run's ETA: timed from the end of the first batch in this process (so JIT warm-up and loading are not)
  private long timedFrom;
  private int timedBatches = -1;

  /** The ETA is shown once this many batches are timed, or {@link #MIN_TIMED_SECONDS} have passed. */
  static final int MIN_TIMED_BATCHES = 3;
  static final double MIN_TIMED_SECONDS = 2;

  public ProgressListener(Progress progress) {
    this.progress = progress;
  }

  @Override
  public void onStart(TrainingContext run, TrainingEvent.Started e) {
    epochs = e.epochs();
    batches = e.batches();
    unit = e.unit();
    restartClock(run);
  }

  @Override
  public void onResume(TrainingContext run, TrainingEvent.Resumed e) {
    progress.line("resumed from " + e.from() + " at epoch " + e.epoch() + ", batch " + e.batch());
    restartClock(run);
  }

  @Override
  public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
    TrainerState st = run.state();
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = (st.records() - recordsAtStart) / Math.max(seconds, 1e-9);
    long now = System.nanoTime();
    if (timedBatches < 0) timedFrom = now;
    timedBatches++;
    int remaining = (epochs - e.epoch()) * batches + (batches - e.batch());
    double eta = runEta(remaining, timedBatches, (now - timedFrom) / 1e9);
    progress.batch(e.epoch() - 1, epochs, e.batch() - 1, batches, st.epochLoss(), rate, unit, eta);
  }

  @Override
  public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) {
    progress.line(summary(e));
    restartClock(run);
  }

  @Override
  public void onStop(TrainingContext run, TrainingEvent.Stopped e) {
    if (e.reason().equals(EarlyStopping.REASON)) {
      progress.line("early stopping: no improvement of " + run.options().monitor() + " for "
          + run.state().badEpochs() + " epochs (best " + String.format(Locale.ROOT, "%.6g", e.bestValue())
          + " at epoch " + e.bestEpoch() + ")");
    }
  }

  /**
   * Seconds left in the whole run ({@code remainingBatches} more, validation included at the pace seen so far), or
   * NaN while there is too little to go on: fewer than {@link #MIN_TIMED_BATCHES} batches timed and less than
   * {@link #MIN_TIMED_SECONDS} seconds.
   */
  static double runEta(int remainingBatches, int timedBatches, double timedSeconds) {
    if (timedBatches < 1 || timedSeconds <= 0) return Double.NaN;
    if (timedBatches < MIN_TIMED_BATCHES && timedSeconds < MIN_TIMED_SECONDS) return Double.NaN;
    return remainingBatches * timedSeconds / timedBatches;
  }

  private void restartClock(TrainingContext run) {
    started = System.nanoTime();
    recordsAtStart = run.state().records();
    firstBatch = run.state().batch();
  }

  /** {@code epoch 3  train_loss 0.3442  val_loss 0.4823  val_accuracy 0.7683  lr 0.00200  seconds 4.1572  *}. */
  static String summary(TrainingEvent.EpochDone e) {
    StringBuilder sb = new StringBuilder("epoch ").append(e.epoch());
    sb.append(String.format(Locale.ROOT, "  train_loss %.4f", e.trainLoss()));
    e.val().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  val_%s %.4f", k, v)));
    sb.append(String.format(Locale.ROOT, "  lr %.3g  seconds %.4f", e.lr(), e.seconds()));
    return sb.append(e.improved() ? "  *" : "").toString();
  }
}
