package org.recurrent.models;

import org.recurrent.data.BatchSource;

/**
 * A model that is fitted in closed form rather than by gradient steps, e.g. the linear read-out of an echo-state
 * network (ridge regression on the reservoir's states, {@link EchoStateNetwork}). When the trained model implements
 * this, {@code train.Trainer.fit}
 * calls {@link #fit} once, as the run's one epoch, instead of the batch loop; then it validates, tells its
 * listeners (events, progress, checkpoints) and keeps the best model exactly as after an epoch of gradient steps.
 * No optimizer step is taken and no {@code batch} event is written.
 *
 * <p>It lives in {@code models}, not in {@code train}, because a model kind implements it and {@code models} may not
 * use {@code train} (ArchitectureTest): the trainer asks {@code model instanceof ClosedFormFit}.
 */
public interface ClosedFormFit {

  /**
   * Sets the model's parameters from the training data in one call.
   *
   * @param train      the training batches (epoch 0's order)
   * @param validation validation batches (e.g. to choose a ridge penalty), or null
   * @param seed       the run's seed, for anything random the fit does
   */
  void fit(BatchSource train, BatchSource validation, long seed);
}
