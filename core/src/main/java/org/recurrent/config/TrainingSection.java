package org.recurrent.config;

/**
 * The {@code training} section of a training config.
 *
 * @param epochs                 default 10
 * @param batchSize              default 32 (for a language model: the number of parallel streams)
 * @param optimizer              default adam, lr 0.001
 * @param schedule               default none
 * @param clipGradNorm           default 5 (0 = off): recurrent nets need it against exploding gradients
 * @param clipGradValue          default 0 (off)
 * @param tbptt                  truncated BPTT chunk length (default 0 = off; language models: 64)
 * @param patience               early stopping patience in epochs (default 0 = off)
 * @param monitor                loss (default) or a validation metric name, e.g. roc_auc, macro_f1, rmse
 * @param checkpointEveryBatches default 0: checkpoint at epoch ends only
 * @param bucketByLength         batch records of similar length together (default true)
 */
public record TrainingSection(Integer epochs, Integer batchSize, OptimizerConfig optimizer, ScheduleConfig schedule,
                              Double clipGradNorm, Double clipGradValue, Integer tbptt, Integer patience,
                              String monitor, Integer checkpointEveryBatches, Boolean bucketByLength) {

  public TrainingSection {
    if (epochs == null) epochs = 10;
    if (batchSize == null) batchSize = 32;
    if (batchSize < 1) throw new IllegalArgumentException("training.batch_size must be >= 1, got " + batchSize);
    if (optimizer == null) optimizer = OptimizerConfig.adam(0.001);
    if (schedule == null) schedule = ScheduleConfig.none();
    if (clipGradNorm == null) clipGradNorm = 5.0;
    if (clipGradValue == null) clipGradValue = 0.0;
    if (patience == null) patience = 0;
    if (monitor == null) monitor = "loss";
    if (checkpointEveryBatches == null) checkpointEveryBatches = 0;
    if (bucketByLength == null) bucketByLength = true;
  }

  public static TrainingSection defaults() {
    return new TrainingSection(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Whether a larger value of {@link #monitor()} is better. */
  public boolean higherIsBetter() {
    return switch (monitor) {
      case "loss", "rmse", "mae", "mape", "smape", "cross_entropy", "perplexity", "bits_per_character" -> false;
      default -> true;
    };
  }
}
