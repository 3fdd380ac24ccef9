package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a model's primary input holds at each step, and how the sequence kind turns it into a vector:
 * <pre>{@code
 * dense   F real values                      used as they are                            (T, B, F)
 * tokens  one id in [0, V)                   Embedding(V, E) row                          (T, B, E)
 * bags    a set of ids (an EHR visit)        EmbeddingBag(V, E, sum | mean) of its rows   (T, B, E)
 * }</pre>
 */
public enum InputKind {
  DENSE, TOKENS, BAGS;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static InputKind parse(String text) {
    if (text == null || text.isBlank()) return null;
    for (InputKind k : values()) if (k.configName().equals(text.trim().toLowerCase(Locale.ROOT))) return k;
    throw new IllegalArgumentException("unknown input kind '" + text + "'; expected one of "
        + Arrays.stream(values()).map(InputKind::configName).toList());
  }

  /** Whether steps are looked up in an embedding table. */
  public boolean embedded() {
    return this != DENSE;
  }
}
