package org.recurrent.train;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Training met a NaN or infinite loss or gradient and stopped; the message says where and what was kept, and
 * {@link #stop()} is the {@code stop} event the listeners were given (same epoch, batch and step).
 */
public final class NonFiniteLossException extends ArithmeticException {
  /** How the reasons of the NaN guard's {@code stop} events begin ({@code non_finite_loss}, ...). */
  public static final String REASON_PREFIX = "non_finite_";
  private final transient TrainingEvent.Stopped stop;

  public NonFiniteLossException(String message, TrainingEvent.Stopped stop) {
    super(message);
    this.stop = stop;
  }

  /**
   * The NaN guard's exception, numbered as the events are.
   *
   * @param what      what is not finite: {@code loss}, {@code gradient norm} or {@code validation loss}
   * @param state     where the run stands (its epoch, best value)
   * @param batch     the batch being trained, or the epoch's last for a validation loss (0-based)
   * @param step      the refused step for a loss or gradient, the last step taken for a validation loss
   * @param lastGood  the last checkpoint written or resumed from, or null if none
   */
  static NonFiniteLossException at(String what, double value, TrainerState state, int batch, long step, Path lastGood) {
    String kept = lastGood != null
        ? "the last good checkpoint is " + lastGood + " (left unchanged)"
        : "no checkpoint had been written yet";
    String message = String.format(Locale.ROOT, "training stopped: %s is %s at epoch %d, batch %d (step %d); %s. "
        + "Try a lower learning rate or training.clip_grad_norm.", what, value, state.epoch() + 1, batch + 1, step, kept);
    TrainingEvent.Stopped stop = new TrainingEvent.Stopped(REASON_PREFIX + what.replace(' ', '_'), state.epoch() + 1,
        batch + 1, step, state.epoch(), state.bestEpoch() + 1, state.bestValue());
    return new NonFiniteLossException(message, stop);
  }

  public TrainingEvent.Stopped stop() {
    return stop;
  }
}
