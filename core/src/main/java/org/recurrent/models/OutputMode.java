package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Whether a model answers once per sequence (many-to-one, (B, K)) or at every step (many-to-many, (T, B, K)). */
public enum OutputMode {
  SEQUENCE, PER_STEP;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static OutputMode parse(String text) {
    if (text == null || text.isBlank()) return null;
    for (OutputMode m : values()) if (m.configName().equals(text.trim().toLowerCase(Locale.ROOT))) return m;
    throw new IllegalArgumentException("unknown model.output '" + text + "'; expected one of "
        + Arrays.stream(values()).map(OutputMode::configName).toList());
  }
}
