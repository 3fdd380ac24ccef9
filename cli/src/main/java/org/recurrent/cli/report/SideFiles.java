package org.recurrent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.io.JsonSafe;

/** Checks of the side files sections read; every message names the file and the field. */
final class SideFiles {
  private SideFiles() {}

  static void checkFormat(Path file, JsonNode root, String format, int version) throws IOException {
    if (!root.isObject() || !format.equals(root.path("format").asText(null))) {
      throw new IOException(file + ": expected \"format\": \"" + format + "\"");
    }
    if (root.path("version").asInt(-1) != version || !root.path("version").isInt()) {
      throw new IOException(file + ": format version " + root.path("version") + " is not supported; this build reads "
          + "version " + version);
    }
  }

  static List<String> strings(JsonNode node, String where) throws IOException {
    if (!node.isArray() || node.isEmpty()) throw new IOException(where + ": expected a non-empty array of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual()) throw new IOException(where + "[" + out.size() + "]: expected a string");
      out.add(n.textValue());
    }
    return out;
  }

  static double[] numbers(JsonNode node, String where) throws IOException {
    if (!node.isArray() || node.isEmpty()) throw new IOException(where + ": expected a non-empty array of numbers");
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = JsonSafe.number(node.get(i));
      } catch (IllegalArgumentException e) {
        throw new IOException(where + "[" + i + "]: expected a number");
      }
    }
    return out;
  }

  /** A rows x columns array of arrays of numbers. */
  static double[][] matrix(JsonNode node, int rows, int columns, String where) throws IOException {
    if (!node.isArray() || node.size() != rows) {
      throw new IOException(where + ": expected " + rows + " rows (one per target step), found "
          + (node.isArray() ? node.size() : "no array"));
    }
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = numbers(node.get(r), where + "[" + r + "]");
      if (out[r].length != columns) {
        throw new IOException(where + "[" + r + "]: expected " + columns + " values (one per source step), found "
            + out[r].length);
      }
    }
    return out;
  }
}
