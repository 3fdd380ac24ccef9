package org.recurrent.train;

/**
 * How {@link Trainer#fit} runs.
 *
 * @param epochs                 passes over the training data, >= 1
 * @param clipGradNorm           rescale gradients to this global L2 norm when above it; {@value #NO_CLIPPING} = off
 *                               (the library default, as in PyTorch; training configs default to
 *                               {@value #RECOMMENDED_CLIP_GRAD_NORM}, see there)
 * @param clipGradValue          clamp every gradient entry to [-v, v]; {@value #NO_CLIPPING} = off (the default)
 * @param tbptt                  truncated BPTT chunk length k for per-step tasks: long batches are cut into
 *                               chunks of k steps, the state carried across chunks and its gradient cut; 0 = off
 * @param patience               early stopping: stop after this many epochs without improvement of
 *                               {@code monitor}; 0 = never stop early
 * @param monitor                what decides "best": {@code loss} (validation loss, or training loss without
 *                               validation data; the default, also for null or blank) or a validation metric
 *                               name such as {@code roc_auc}
 * @param higherIsBetter         direction of {@code monitor}
 * @param checkpointEveryBatches also checkpoint every this many batches inside an epoch; 0 = only at epoch ends
 * @param seed                   the one seed every random choice of the run derives from
 * @param resume                 continue from the run directory's last checkpoint when there is one
 */
public record TrainerOptions(int epochs, double clipGradNorm, double clipGradValue, int tbptt, int patience,
                             String monitor, boolean higherIsBetter, int checkpointEveryBatches, long seed,
                             boolean resume) {

  /**
   * Gradient clipping off: the library default for {@code clipGradNorm} and {@code clipGradValue}. As in PyTorch,
   * where nothing is clipped unless the loop calls {@code clip_grad_norm_}, a {@code Trainer} built in code
   * clips only when asked ({@link #withClipGradNorm}).
   */
  public static final double NO_CLIPPING = 0;

  /**
   * The global gradient norm recurrent nets are clipped to unless told otherwise: the default of a training
   * config's {@code training.clip_grad_norm}, and a deliberate one. Backpropagation through time multiplies by the
   * recurrent Jacobian once per step, so a gradient can grow exponentially with the sequence length (Pascanu,
   * Mikolov and Bengio 2013, "On the difficulty of training recurrent neural networks"); a bound of a few units
   * stops such a step without touching normal ones (5 is what Zaremba, Sutskever and Vinyals 2014 use for their
   * small and medium LSTM language models). It is not the library default, so code that builds its own
   * {@code TrainerOptions} sees no hidden clipping.
   */
  public static final double RECOMMENDED_CLIP_GRAD_NORM = 5;

  /** What decides "best" unless told otherwise: the validation loss (training loss without validation data). */
  public static final String DEFAULT_MONITOR = "loss";

  public TrainerOptions {
    if (epochs < 1) throw new IllegalArgumentException("training.epochs must be >= 1, got " + epochs);
    if (!(clipGradNorm >= 0)) throw new IllegalArgumentException("training.clip_grad_norm must be >= 0, got " + clipGradNorm);
    if (!(clipGradValue >= 0)) throw new IllegalArgumentException("training.clip_grad_value must be >= 0, got " + clipGradValue);
    if (tbptt < 0) throw new IllegalArgumentException("training.tbptt must be >= 0, got " + tbptt);
    if (patience < 0) throw new IllegalArgumentException("training.patience must be >= 0, got " + patience);
    if (checkpointEveryBatches < 0) {
      throw new IllegalArgumentException("training.checkpoint_every_batches must be >= 0, got " + checkpointEveryBatches);
    }
    if (monitor == null || monitor.isBlank()) monitor = DEFAULT_MONITOR;
  }

  /**
   * The library defaults: no clipping ({@link #NO_CLIPPING}; a training config clips at
   * {@link #RECOMMENDED_CLIP_GRAD_NORM} unless told otherwise), no truncated BPTT, no early stopping, the
   * {@link #DEFAULT_MONITOR} monitor, checkpoints at epoch ends only, no resume.
   */
  public static TrainerOptions defaults(int epochs, long seed) {
    return new TrainerOptions(epochs, NO_CLIPPING, NO_CLIPPING, 0, 0, DEFAULT_MONITOR, false, 0, seed, false);
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
