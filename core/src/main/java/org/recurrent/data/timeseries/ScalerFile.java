package org.recurrent.data.timeseries;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.recurrent.data.DataFormatException;

/**
 * The JSON file of a {@link Scaler}:
 *
 * <pre>{@code
 * {
 *   "format": "recurrent-scaler",
 *   "version": 1,
 *   "kind": "none" | "min_max" | "z_score",
 *   "columns": [{"offset": 104.0, "scale": 518.0}, ...]   // one per column, z = (v - offset) / scale
 * }
 * }</pre>
 *
 * Doubles are written with full precision, so a loaded scaler transforms exactly like the saved one.
 */
final class ScalerFile {
  static final String FORMAT = "recurrent-scaler";
  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScalerFile() {}

  static void write(Scaler scaler, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("kind", scaler.kind().name().toLowerCase(Locale.ROOT));
    ArrayNode columns = root.putArray("columns");
    for (int c = 0; c < scaler.columns(); c++) {
      columns.addObject().put("offset", scaler.offset(c)).put("scale", scaler.scale(c));
    }
    writeAtomically(file, root);
  }

  static Scaler read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new DataFormatException(file + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new DataFormatException(file + ": expected a JSON object, found " + describe(root));
    }
    JsonNode format = field(file, root, "format");
    if (!format.isTextual() || !format.textValue().equals(FORMAT)) {
      throw new DataFormatException(file + ": expected format \"" + FORMAT + "\", found " + describe(format));
    }
    JsonNode version = field(file, root, "version");
    if (!version.isInt() || version.intValue() != VERSION) {
      throw new DataFormatException(file + ": expected version " + VERSION + ", found " + describe(version)
          + "; this library reads version " + VERSION + " only");
    }
    JsonNode kindNode = field(file, root, "kind");
    Scaler.Kind kind = null;
    for (Scaler.Kind k : Scaler.Kind.values()) {
      if (kindNode.isTextual() && k.name().toLowerCase(Locale.ROOT).equals(kindNode.textValue())) kind = k;
    }
    if (kind == null) {
      throw new DataFormatException(file + ": expected kind \"none\", \"min_max\" or \"z_score\", found "
          + describe(kindNode));
    }
    JsonNode columns = field(file, root, "columns");
    if (!columns.isArray() || columns.isEmpty()) {
      throw new DataFormatException(file + ": expected \"columns\" to be a non-empty array, found " + describe(columns));
    }
    double[] offset = new double[columns.size()];
    double[] scale = new double[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      offset[c] = parameter(file, columns.get(c), c, "offset");
      scale[c] = parameter(file, columns.get(c), c, "scale");
      if (scale[c] == 0) throw new DataFormatException(file + ": expected columns[" + c + "].scale non-zero, found 0");
    }
    return new Scaler(kind, offset, scale);
  }

  private static double parameter(Path file, JsonNode column, int c, String name) throws DataFormatException {
    JsonNode v = column.isObject() ? column.get(name) : null;
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw new DataFormatException(file + ": expected columns[" + c + "]." + name + " to be a number, found "
          + describe(v));
    }
    return v.doubleValue();
  }

  private static JsonNode field(Path file, JsonNode root, String name) throws DataFormatException {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) throw new DataFormatException(file + ": missing field \"" + name + "\"");
    return node;
  }

  /** A JSON value as a user would write it: strings quoted, numbers and booleans bare. */
  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) return "nothing";
    String s = node.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** Writes a temp file in the same folder, then renames it over {@code file}, so no reader sees half a file. */
  private static void writeAtomically(Path file, JsonNode content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, content);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
