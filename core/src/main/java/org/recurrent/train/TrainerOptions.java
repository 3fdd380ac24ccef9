package org.recurrent.train;

/**
 * How {@link Trainer#fit} runs.
 *
 * @param epochs                 passes over the training data, >= 1
 * @param clipGradNorm           rescale gradients to this global L2 norm when above it; 0 = off
 * @param clipGradValue          clamp every gradient entry to [-v, v]; 0 = off
 * @param tbptt                  truncated BPTT chunk length k for per-step tasks: long batches are cut into
 *                               chunks of k steps, the state carried across chunks and its gradient cut; 0 = off
 * @param patience               early stopping: stop after this many epochs without improvement of
 *                               {@code monitor}; 0 = never stop early
 * @param monitor                what decides "best": {@code loss} (validation loss, or training loss without
 *                               validation data) or a validation metric name such as {@code roc_auc}
 * @param higherIsBetter         direction of {@code monitor}
 * @param checkpointEveryBatches also checkpoint every this many batches inside an epoch; 0 = only at epoch ends
 * @param seed                   the one seed every random choice of the run derives from
 * @param resume                 continue from the run directory's last checkpoint when there is one
 */
public record TrainerOptions(int epochs, double clipGradNorm, double clipGradValue, int tbptt, int patience,
                             String monitor, boolean higherIsBetter, int checkpointEveryBatches, long seed,
                             boolean resume) {

  public TrainerOptions {
    if (epochs < 1) throw new IllegalArgumentException("training.epochs must be >= 1, got " + epochs);
    if (!(clipGradNorm >= 0)) throw new IllegalArgumentException("training.clip_grad_norm must be >= 0, got " + clipGradNorm);
    if (!(clipGradValue >= 0)) throw new IllegalArgumentException("training.clip_grad_value must be >= 0, got " + clipGradValue);
    if (tbptt < 0) throw new IllegalArgumentException("training.tbptt must be >= 0, got " + tbptt);
    if (patience < 0) throw new IllegalArgumentException("training.patience must be >= 0, got " + patience);
    if (checkpointEveryBatches < 0) {
      throw new IllegalArgumentException("training.checkpoint_every_batches must be >= 0, got " + checkpointEveryBatches);
    }
    if (monitor == null || monitor.isBlank()) monitor = "loss";
  }

  public static TrainerOptions defaults(int epochs, long seed) {
    return new TrainerOptions(epochs, 0, 0, 0, 0, "loss", false, 0, seed, false);
  }

  public TrainerOptions withClipGradNorm(double v) {
    return new TrainerOptions(epochs, v, clipGradValue, tbptt, patience, monitor, higherIsBetter, checkpointEveryBatches, seed, resume);
  }

  public TrainerOptions withTbptt(int k) {
    return new TrainerOptions(epochs, clipGradNorm, clipGradValue, k, patience, monitor, higherIsBetter, checkpointEveryBatches, seed, resume);
  }

  public TrainerOptions withEarlyStopping(int patienceEpochs, String metric, boolean higher) {
    return new TrainerOptions(epochs, clipGradNorm, clipGradValue, tbptt, patienceEpochs, metric, higher, checkpointEveryBatches, seed, resume);
  }

  public TrainerOptions withCheckpointEveryBatches(int n) {
    return new TrainerOptions(epochs, clipGradNorm, clipGradValue, tbptt, patience, monitor, higherIsBetter, n, seed, resume);
  }

  public TrainerOptions withResume(boolean r) {
    return new TrainerOptions(epochs, clipGradNorm, clipGradValue, tbptt, patience, monitor, higherIsBetter, checkpointEveryBatches, seed, r);
  }

  public TrainerOptions withEpochs(int n) {
    return new TrainerOptions(n, clipGradNorm, clipGradValue, tbptt, patience, monitor, higherIsBetter, checkpointEveryBatches, seed, resume);
  }
}
