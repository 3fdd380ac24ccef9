package org.recurrent.models;

/**
 * A model kind's architecture record, stored as the {@code model} object of {@code config.json} (with the
 * kind's name under {@code "kind"}). Records implementing it validate themselves in their compact constructor.
 */
public interface ModelSpec {
}
