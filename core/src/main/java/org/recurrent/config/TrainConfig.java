package org.recurrent.config;

import org.recurrent.models.ModelSection;
import org.recurrent.models.SequenceModelSection;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskRegistry;

/**
 * A training run as written in a config file (YAML or JSON, snake_case keys). See {@code docs/user-guide.md} for
 * every field with an example; the records below are the single source of the defaults.
 *
 * @param name      a label for the run (default: the config file's name)
 * @param seed      the one seed for initialisation, shuffling, dropout and splits (default {@value #DEFAULT_SEED})
 * @param task      a task of {@link TaskRegistry#standard()}: {@code classification}, {@code multilabel},
 *                  {@code regression}, {@code forecast}, {@code tagging} or {@code language_model}
 * @param data      where the data are and how to read and split them
 * @param model     the architecture: {@code kind} (default {@code sequence}) and the kind's choices; sizes
 *                  come from the data
 * @param training  epochs, batch size, optimizer, schedule, clipping, early stopping, checkpoints
 * @param initFrom  a model directory whose weights start this run (warm start / fine-tuning); tensors whose
 *                  names and shapes match are copied, the others (e.g. a new head) keep their fresh values
 * @param output    the model directory to write (relative to the config file); the command line may override
 */
public record TrainConfig(String name, Long seed, String task, DataConfig data, ModelSection model,
                          TrainingSection training, String initFrom, String output) {

  /** The seed of a run whose config names none; the command line's {@code --seed} defaults to it too. */
  public static final long DEFAULT_SEED = 42;

  public TrainConfig {
    if (seed == null) seed = DEFAULT_SEED;
    if (data == null) throw new IllegalArgumentException("the config has no 'data' section");
    TaskRegistry.standard().get(task);
    if (model == null) model = SequenceModelSection.defaults();
    if (training == null) training = TrainingSection.defaults();
  }

  public Task parsedTask() {
    return TaskRegistry.standard().get(task);
  }
}
