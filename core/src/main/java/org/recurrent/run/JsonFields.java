package org.recurrent.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.recurrent.io.JsonSafe;

/**
 * Typed reads of the fields of the JSON files a run writes ({@code metrics.json}, {@code provenance.json}); a
 * missing or mistyped field is an {@link IllegalArgumentException} naming it as {@code where} says
 * ({@code test.records}, {@code data_files[0]}).
 */
final class JsonFields {
  private JsonFields() {}

  static JsonNode object(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object, got " + node);
    }
    return node;
  }

  static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException(where + ": expected a string, got " + v);
    return v.textValue();
  }

  static long integer(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(where + ": expected an integer, got " + v);
    }
    return v.longValue();
  }

  static int int32(JsonNode node, String field, String where) {
    long v = integer(node, field, where);
    if (v != (int) v) throw new IllegalArgumentException(where + ": " + v + " is too large");
    return (int) v;
  }

  /** A number under the NaN policy of {@link JsonSafe}: a JSON number or "NaN", "Infinity", "-Infinity". */
  static double number(JsonNode v, String where) {
    try {
      return JsonSafe.number(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  static Instant instant(JsonNode node, String field, String where) {
    String s = text(node, field, where);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": expected an ISO-8601 instant, got \"" + s + "\"", e);
    }
  }
}
