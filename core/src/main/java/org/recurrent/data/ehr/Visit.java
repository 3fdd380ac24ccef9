package org.recurrent.data.ehr;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One visit (an encounter, an admission): when it started and the codes recorded at it, by code type
 * ({@value #DIAGNOSIS}, {@value #MEDICATION}, {@value #PROCEDURE}, or a type of the long format). Immutable; codes
 * keep the order in which the source listed them and may repeat (a count is information).
 */
public record Visit(String id, LocalDateTime start, Map<String, List<String>> codes) {
  public static final String DIAGNOSIS = "diagnosis";
  public static final String MEDICATION = "medication";
  public static final String PROCEDURE = "procedure";

  public Visit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    codes.forEach((type, list) -> {
      if (!list.isEmpty()) copy.put(type, List.copyOf(list));
    });
    codes = java.util.Collections.unmodifiableMap(copy);
  }

  /** The codes of one type, empty when there are none. */
  public List<String> codes(String type) {
    return codes.getOrDefault(type, List.of());
  }

  /** Every code of the given types, typed as {@code type:code} so equal codes of two types stay apart. */
  public List<String> typedCodes(Set<String> types) {
    List<String> out = new ArrayList<>();
    codes.forEach((type, list) -> {
      if (types.contains(type)) for (String c : list) out.add(type + ":" + c);
    });
    return out;
  }

  public boolean hasCodes() {
    return !codes.isEmpty();
  }

  public int codeCount() {
    int n = 0;
    for (List<String> l : codes.values()) n += l.size();
    return n;
  }
}
