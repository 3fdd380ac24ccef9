package org.recurrent.train;

/**
 * Stops the run when the monitored value has not improved for {@code patience} epochs in a row: with patience p,
 * after the p-th epoch without improvement (an improvement on that epoch resets the count, and the run goes on).
 * The trainer decides what "improved" means ({@code training.monitor}, its direction) and counts the epochs
 * ({@link TrainingEvent.EpochDone#epochsWithoutImprovement()}, saved in checkpoints); this decides when to stop.
 */
public final class EarlyStopping implements TrainingListener {
  public static final String REASON = "early_stopping";
  private final int patience;

  public EarlyStopping(int patience) {
    if (patience < 1) throw new IllegalArgumentException("patience must be >= 1 epoch, got " + patience);
    this.patience = patience;
  }

  @Override
  public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) {
    if (e.epochsWithoutImprovement() >= patience) run.requestStop(REASON);
  }
}
