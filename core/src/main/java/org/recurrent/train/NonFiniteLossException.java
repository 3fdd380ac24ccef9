package org.recurrent.train;

/**
 * Training met a NaN or infinite loss or gradient and stopped; the message says where and what was kept, and
 * {@link #stop()} is the {@code stop} event the listeners were given (same epoch, batch and step).
 */
public final class NonFiniteLossException extends ArithmeticException {
  private final transient TrainingEvent.Stopped stop;

  public NonFiniteLossException(String message, TrainingEvent.Stopped stop) {
    super(message);
    this.stop = stop;
  }

  public TrainingEvent.Stopped stop() {
    return stop;
  }
}
