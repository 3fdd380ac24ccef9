package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a many-to-one model summarises the top layer's outputs (T, B, D*H) into one vector per sequence (B, D*H):
 * <pre>{@code
 * last  the final hidden state of each direction (forward at t = len-1, backward at t = 0), concatenated
 * mean  mean over t < len of the outputs
 * }</pre>
 */
public enum Pooling {
  LAST, MEAN;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Pooling parse(String text) {
    if (text == null || text.isBlank()) return LAST;
    for (Pooling p : values()) if (p.configName().equals(text.trim().toLowerCase(Locale.ROOT))) return p;
    throw new IllegalArgumentException("unknown model.pooling '" + text + "'; expected one of "
        + Arrays.stream(values()).map(Pooling::configName).toList());
  }
}
