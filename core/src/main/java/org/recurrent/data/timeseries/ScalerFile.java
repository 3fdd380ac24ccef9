package org.recurrent.data.timeseries;

import static org.recurrent.data.VersionedJson.describe;
import static org.recurrent.data.VersionedJson.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.VersionedJson;

/**
 * The JSON file of a {@link Scaler}:
 *
 * <pre>{@code
 * {
 *   "format": "recurrent-scaler",
 *   "version": 1,
 *   "kind": "none" | "min_max" | "z_score" | "log_min_max",
 *   "columns": [{"offset": 104.0, "scale": 518.0}, ...]   // one per column, z = (v - offset) / scale
 * }
 * }</pre>
 *
 * Doubles are written with full precision, so a loaded scaler transforms exactly like the saved one.
 */
final class ScalerFile {
  static final String FORMAT = "recurrent-scaler";
  static final int VERSION = 1;

  private ScalerFile() {}

  static void write(Scaler scaler, Path file) throws IOException {
    ObjectNode root = VersionedJson.object(FORMAT, VERSION);
    root.put("kind", scaler.kind().name().toLowerCase(Locale.ROOT));
    ArrayNode columns = root.putArray("columns");
    for (int c = 0; c < scaler.columns(); c++) {
      columns.addObject().put("offset", scaler.offset(c)).put("scale", scaler.scale(c));
    }
    VersionedJson.write(file, root);
  }

  static Scaler read(Path file) throws IOException {
    JsonNode root = VersionedJson.read(file, FORMAT, VERSION);
    JsonNode kindNode = field(file, root, "kind");
    Scaler.Kind kind = null;
    for (Scaler.Kind k : Scaler.Kind.values()) {
      if (kindNode.isTextual() && k.name().toLowerCase(Locale.ROOT).equals(kindNode.textValue())) kind = k;
    }
    if (kind == null) {
      throw new DataFormatException(file + ": expected kind \"none\", \"min_max\", \"z_score\" or \"log_min_max\", found "
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
}
