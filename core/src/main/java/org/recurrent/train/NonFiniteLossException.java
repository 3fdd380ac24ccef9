package org.recurrent.train;

/** Training met a NaN or infinite loss or gradient and stopped; the message says where and what was kept. */
public final class NonFiniteLossException extends ArithmeticException {
  public NonFiniteLossException(String message) {
    super(message);
  }
}
