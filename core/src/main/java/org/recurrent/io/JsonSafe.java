package org.recurrent.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one NaN policy of the JSON files a run writes for people and tools ({@code events.jsonl},
 * {@code metrics.json}, {@code provenance.json}, the output of {@code eval}). JSON has no NaN or infinity, so a
 * non-finite number is written as the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}: the file
 * stays valid JSON, the value is not lost (as it would be with {@code null}), and a reader turns the three strings
 * back into numbers with {@link #number}. Documented in {@code docs/events.md}.
 */
public final class JsonSafe {
  private JsonSafe() {}

  /** A copy of {@code m} with every non-finite number replaced by its string, recursively through maps and lists. */
  public static Map<String, Object> of(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  /** {@code v} as it is written: a non-finite double or float becomes "NaN", "Infinity" or "-Infinity". */
  public static Object value(Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) return d.toString();
    if (v instanceof Float f && !Float.isFinite(f)) return f.toString();
    if (v instanceof Map<?, ?> inner) {
      Map<String, Object> out = new LinkedHashMap<>();
      inner.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object x : list) out.add(value(x));
      return out;
    }
    return v;
  }

  /**
   * A number as written under this policy: a JSON number, or one of the strings "NaN", "Infinity", "-Infinity".
   *
   * @throws IllegalArgumentException for anything else
   */
  public static double number(JsonNode node) {
    if (node != null && node.isNumber()) return node.doubleValue();
    if (node != null && node.isTextual()) {
      switch (node.textValue()) {
        case "NaN": return Double.NaN;
        case "Infinity": return Double.POSITIVE_INFINITY;
        case "-Infinity": return Double.NEGATIVE_INFINITY;
        default: break;
      }
    }
    throw new IllegalArgumentException("expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got " + node);
  }
}
