package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a {@code seq2seq} decoder reads the encoder ({@code model.attention}). */
public enum AttentionKind {
  /** No attention: the decoder sees the source only through the bridged final state (the bottleneck). */
  NONE,
  /** Bahdanau's additive attention, queried by the previous decoder state before each step. */
  ADDITIVE,
  /** Luong's dot attention, queried by the current decoder state after each step, with input feeding. */
  DOT,
  /** Luong's general (bilinear) attention, otherwise as {@link #DOT}. */
  GENERAL;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static AttentionKind parse(String text) {
    if (text == null || text.isBlank()) return ADDITIVE;
    for (AttentionKind a : values()) if (a.configName().equals(text.trim().toLowerCase(Locale.ROOT))) return a;
    throw new IllegalArgumentException("unknown model.attention '" + text + "'; expected one of " + names());
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(AttentionKind::configName).toList();
  }

  /** Luong-style: attention after the recurrent step, its output fed into the next step's input. */
  public boolean luong() {
    return this == DOT || this == GENERAL;
  }
}
