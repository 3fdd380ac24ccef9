package org.recurrent.models;

/**
 * A model kind's architecture record, stored as the {@code model} object of {@code config.json} (with the
 * kind's name under {@code "kind"}). Records implementing it validate themselves in their compact constructor.
 */
public interface ModelSpec {

  /**
   * How many parameters the model will have, as a double so that absurd sizes do not overflow; checked against the
   * heap ({@link org.recurrent.io.MemoryBudget}) before the model is built. 0 when a kind does not say.
   */
  default double parameterCount() {
    return 0;
  }
}
