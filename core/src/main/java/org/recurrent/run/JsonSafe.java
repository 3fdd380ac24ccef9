package org.recurrent.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON has no NaN or infinity: such values become null (NaN) or a string, recursively through maps. */
public final class JsonSafe {
  private JsonSafe() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v instanceof Double d && !Double.isFinite(d)) out.put(k, Double.isNaN(d) ? null : d.toString());
      else if (v instanceof Map<?, ?> inner) out.put(k, of((Map<String, ?>) inner));
      else out.put(k, v);
    });
    return out;
  }
}
