package org.recurrent.config;

import org.recurrent.train.TrainerOptions;

/**
 * The {@code training} section of a training config.
 *
 * @param epochs                 default 10
 * @param batchSize              default 32 (for a language model: the number of parallel streams)
 * @param optimizer              default adam with PyTorch's defaults ({@link OptimizerConfig#defaults()})
 * @param schedule               default none
 * @param clipGradNorm           default {@value TrainerOptions#RECOMMENDED_CLIP_GRAD_NORM} (0 = off): recurrent nets
 *                               need it against exploding gradients, so the config clips although the library's
 *                               {@link TrainerOptions#defaults} do not (see {@link TrainerOptions#RECOMMENDED_CLIP_GRAD_NORM})
 * @param clipGradValue          default 0 (off)
 * @param tbptt                  truncated BPTT chunk length (default 0 = off; language models are cut into
 *                               streams of {@value #DEFAULT_LM_TBPTT} steps then)
 * @param patience               early stopping patience in epochs (default 0 = off)
 * @param monitor                {@value TrainerOptions#DEFAULT_MONITOR} (default) or a validation metric name, e.g.
 *                               roc_auc, macro_f1, rmse
 * @param checkpointEveryBatches default 0: checkpoint at epoch ends only
 * @param bucketByLength         batch records of similar length together (default true)
 */
public record TrainingSection(Integer epochs, Integer batchSize, OptimizerConfig optimizer, ScheduleConfig schedule,
                              Double clipGradNorm, Double clipGradValue, Integer tbptt, Integer patience,
                              String monitor, Integer checkpointEveryBatches, Boolean bucketByLength) {

  /**
   * Language models without {@code tbptt}: the steps per stream batch, in training and evaluation. Also what
   * {@code eval} assumes for a model directory whose config.json does not say.
   */
  public static final int DEFAULT_LM_TBPTT = 64;

  /** The largest {@code batch_size}: beyond a million records (or streams) per batch is a typo, whatever the heap. */
  public static final int MAX_BATCH_SIZE = 1 << 20;

  public TrainingSection {
    if (epochs == null) epochs = 10;
    if (batchSize == null) batchSize = 32;
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("training.batch_size must be in 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
    }
    if (optimizer == null) optimizer = OptimizerConfig.defaults();
    if (schedule == null) schedule = ScheduleConfig.none();
    // Deliberately not the library's NO_CLIPPING: a recurrent net trained from a config is clipped by default.
    if (clipGradNorm == null) clipGradNorm = TrainerOptions.RECOMMENDED_CLIP_GRAD_NORM;
    if (clipGradValue == null) clipGradValue = TrainerOptions.NO_CLIPPING;
    if (tbptt == null) tbptt = 0;
    if (patience == null) patience = 0;
    if (monitor == null) monitor = TrainerOptions.DEFAULT_MONITOR;
    if (checkpointEveryBatches == null) checkpointEveryBatches = 0;
    if (bucketByLength == null) bucketByLength = true;
  }

  public static TrainingSection defaults() {
    return new TrainingSection(null, null, null, null, null, null, null, null, null, null, null);
  }

}
