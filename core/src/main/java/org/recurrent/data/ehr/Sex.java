package org.recurrent.data.ehr;

import java.util.Locale;

/** A patient's recorded sex, used to match controls to cases; {@link #UNKNOWN} matches only itself. */
public enum Sex {
  FEMALE, MALE, UNKNOWN;

  /** {@code F}/{@code female} and {@code M}/{@code male} in any case; empty is {@link #UNKNOWN}; else null. */
  public static Sex parse(String s) {
    String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "f", "female" -> FEMALE;
      case "m", "male" -> MALE;
      case "", "u", "unknown" -> UNKNOWN;
      default -> null;
    };
  }
}
