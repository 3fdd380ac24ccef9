package org.recurrent.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-step fields of a JSON Lines record other than dense numbers: bags of codes ({@code x_kind: bags}) and
 * the side field's values, with {@code file:line} messages; and the number parsing every field shares.
 */
final class JsonlStepFields {
  private static final int SHOWN = 60; // characters of a bad value quoted in a message

  private final Path file;
  private final JsonlOptions options;
  private final CodeIndex codes;
  private int sideWidth = -1;  // S of the side field, fixed by the first record
  private long sideLine;

  JsonlStepFields(Path file, JsonlOptions options, CodeIndex codes) {
    this.file = file;
    this.options = options;
    this.codes = codes;
  }

  /** T bags: {@code [["A", "B"], [], ...]} or {@code [{"A": 2.0}, ...]}. */
  StepInput.Bags bags(JsonNode node, long line) throws DataFormatException {
    String name = options.xField();
    if (!node.isArray()) throw DataFormatException.at(file, line, "an array of visits (arrays of codes) in \"" + name + "\"", describe(node));
    if (node.isEmpty()) throw DataFormatException.at(file, line, "at least one step in \"" + name + "\"", "[]");
    List<Integer> ids = new ArrayList<>();
    List<Float> weights = new ArrayList<>();
    boolean weighted = false;
    int[] offsets = new int[node.size()];
    for (int t = 0; t < offsets.length; t++) {
      offsets[t] = ids.size();
      JsonNode step = node.get(t);
      String where = name + "[" + t + "]";
      if (step.isArray()) {
        for (int i = 0; i < step.size(); i++) {
          JsonNode c = step.get(i);
          if (!c.isTextual() && !c.isIntegralNumber()) {
            throw DataFormatException.at(file, line, "a code (string or integer) at " + where + "[" + i + "]", describe(c));
          }
          ids.add(codes.id(c.asText()));
          weights.add(1f);
        }
      } else if (step.isObject()) {
        weighted = true;
        var fields = step.fields();
        while (fields.hasNext()) {
          var f = fields.next();
          ids.add(codes.id(f.getKey()));
          weights.add(number(file, f.getValue(), where + "." + f.getKey(), line));
        }
      } else {
        throw DataFormatException.at(file, line, "an array of codes or an object of weighted codes at " + where,
            describe(step));
      }
    }
    int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
    float[] w = null;
    if (weighted) {
      w = new float[weights.size()];
      for (int i = 0; i < w.length; i++) w[i] = weights.get(i);
    }
    return new StepInput.Bags(idArray, offsets, w);
  }

  /** T steps of S side values, {@code [v, ...]} or {@code [[..S..], ...]}. */
  StepInput.Dense side(JsonNode node, int length, long line) throws DataFormatException {
    String name = options.sideField();
    if (!node.isArray() || node.size() != length) {
      throw DataFormatException.at(file, line, length + " entries in \"" + name + "\", one per step of \""
          + options.xField() + "\"", node.isArray() ? Integer.toString(node.size()) : describe(node));
    }
    float[][] steps = new float[length][];
    for (int t = 0; t < length; t++) {
      JsonNode step = node.get(t);
      steps[t] = step.isArray() ? numbers(file, step, name + "[" + t + "]", line) : new float[] {number(file, step, name + "[" + t + "]", line)};
      if (sideWidth < 0) {
        sideWidth = steps[t].length;
        sideLine = line;
      }
      if (steps[t].length != sideWidth || sideWidth == 0) {
        throw DataFormatException.at(file, line, sideWidth + " values at " + name + "[" + t + "] like line " + sideLine,
            Integer.toString(steps[t].length));
      }
    }
    float[] v = new float[length * sideWidth];
    for (int t = 0; t < length; t++) System.arraycopy(steps[t], 0, v, t * sideWidth, sideWidth);
    return new StepInput.Dense(sideWidth, v);
  }

  static float[] numbers(Path file, JsonNode array, String where, long line) throws DataFormatException {
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) v[i] = number(file, array.get(i), where + "[" + i + "]", line);
    return v;
  }

  static float number(Path file, JsonNode node, String where, long line) throws DataFormatException {
    if (!node.isNumber()) throw DataFormatException.at(file, line, "a number at " + where, describe(node));
    float v = (float) node.asDouble();
    if (!Float.isFinite(v)) throw DataFormatException.at(file, line, "a finite float at " + where, node.toString());
    return v;
  }

  static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shorten(node.toString());
  }

  static String shorten(String text) {
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
  }
}
