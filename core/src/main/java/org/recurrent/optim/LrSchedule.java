package org.recurrent.optim;

import java.util.Map;

/**
 * A learning-rate schedule, like {@code torch.optim.lr_scheduler}: it owns an optimizer's learning rate and sets
 * it with {@link Optimizer#setLearningRate}.
 *
 * <p>As in PyTorch, constructing a schedule takes the optimizer's current learning rate as the base and sets the
 * rate for the first epoch or step ({@code last_epoch = 0}); call the schedule's {@code step} <em>after</em>
 * {@link Optimizer#step()}. Each class says what one of its steps is:
 * <pre>{@code
 * StepLR, ConstantLR   step()             once per epoch
 * CosineWarmup         step()             once per optimizer step (batch)
 * ReduceLROnPlateau    step(metric)       once per epoch, with the validation metric
 * }</pre>
 * The step methods differ in signature (as in PyTorch) and so are not part of this interface; what all share is
 * the current rate and a small state for exact resume. Time-driven schedules compute the rate in closed form from
 * the base rate and the count, so a resumed schedule gives bit-identical rates and nothing drifts over long runs.
 */
public interface LrSchedule {
  /** The learning rate the schedule set last (the one the next optimizer step uses). */
  float lr();

  /** The counters and values needed to resume, by PyTorch's names ({@code last_epoch}, {@code base_lr}, ...). */
  Map<String, Double> stateDict();

  /**
   * Restores a state from {@link #stateDict()} of the same kind of schedule, and sets the optimizer's learning
   * rate to match it.
   *
   * @throws IllegalArgumentException naming the key when one is missing, unknown or holds an invalid value
   */
  void loadStateDict(Map<String, Double> state);
}
