package org.recurrent.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON Lines: one JSON object per line, e.g. {@code {"id": "a", "x": [[1, 2], [3, 4]], "y": "cat"}}. Each
 * line is parsed on its own, so a broken line is reported at its line number with Jackson's reason, and the rest of
 * the file cannot be misread because of it. Blank lines are skipped.
 *
 * <p>{@code x} is {@code [[..F..], ...]} (T steps of F values) or {@code [v, ...]} (T steps of one value); every
 * step, and every record, must have the same F, and every value must be a finite number. The target {@code y} is
 * read as {@link JsonlOptions#target()} says; per-step targets must have one entry per step.
 *
 * <p>Class labels are fitted over the whole file unless the options fix them, so records are held until the end of
 * the file; memory is about that of the dataset.
 */
public final class JsonlReader {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{..} {..}" on one line is two records, not one
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);


  /** A record read but not yet encoded: its class labels wait for the encoder, numeric targets are done. */
  private record Pending(long line, String id, int length, Map<String, StepInput> inputs, List<String> labels,
                         float[] numbers, List<List<String>> stepLabels) {
    Pending(long line, String id, int length, Map<String, StepInput> inputs, List<String> labels, float[] numbers) {
      this(line, id, length, inputs, labels, numbers, null);
    }
  }

  private final Path file;
  private final JsonlOptions options;
  private int features = -1; // F, fixed by the first record
  private long featuresLine;
  private int width = -1; // K of REGRESSION, PER_STEP_REGRESSION and multi-hot MULTILABEL, fixed by the first record
  private long widthLine;
  private Boolean multiHot; // MULTILABEL form: null until a non-empty y is seen

  private final JsonlStepFields steps;

  private JsonlReader(Path file, JsonlOptions options, CodeIndex codes) {
    this.file = file;
    this.options = options;
    this.steps = new JsonlStepFields(file, options, codes);
  }

  /** Reads the whole file (bags of codes get provisional ids of their own). */
  public static SequenceDataset read(Path file, JsonlOptions options) throws IOException {
    return read(file, options, new CodeIndex());
  }

  /** Reads the whole file; bag codes get provisional ids from {@code codes}, shared with the run's other files. */
  public static SequenceDataset read(Path file, JsonlOptions options, CodeIndex codes) throws IOException {
    return new JsonlReader(file, options, codes).readAll();
  }

  private SequenceDataset readAll() throws IOException {
    List<Pending> records = new ArrayList<>();
    try (NumberedLines lines = new NumberedLines(file)) {
      for (String text = lines.next(); text != null; text = lines.next()) {
        if (!text.isBlank()) records.add(parse(text, lines.line(), records.size()));
      }
    }
    if (records.isEmpty()) throw DataFormatException.at(file, 1, "at least one JSON record", "none");
    LabelEncoder encoder = encoder(records);
    TargetKind kind = options.target();
    List<SequenceExample> examples = new ArrayList<>(records.size());
    for (Pending r : records) {
      float[] y = switch (kind) {
        case NONE -> new float[0];
        case REGRESSION, PER_STEP_REGRESSION -> r.numbers();
        case MULTILABEL -> r.numbers() != null ? r.numbers() : multiHot(r, encoder);
        case CLASS, PER_STEP_CLASS -> {
          float[] k = new float[r.labels().size()];
          for (int i = 0; i < k.length; i++) k[i] = encoder.encode(r.labels().get(i), file, r.line());
          yield k;
        }
        case PER_STEP_MULTILABEL -> {
          int K = encoder.size();
          float[] hot = new float[r.length() * K];
          for (int t = 0; t < r.length(); t++) {
            for (String label : r.stepLabels().get(t)) hot[t * K + encoder.encode(label, file, r.line())] = 1;
          }
          yield hot;
        }
      };
      examples.add(new SequenceExample(r.id(), r.length(), r.inputs(), y, file + ":" + r.line()));
    }
    if (features < 0) features = 1;   // bags: one bag per step
    List<String> names = new ArrayList<>();
    for (int f = 0; f < features; f++) names.add(options.xField() + f);
    int targetWidth = switch (kind) {
      case NONE -> 0;
      case MULTILABEL, PER_STEP_MULTILABEL -> encoder.size();
      case REGRESSION, PER_STEP_REGRESSION -> width;
      default -> 1;
    };
    return new SequenceDataset(examples, features, names, encoder == null ? List.of() : encoder.classes(), kind,
        targetWidth);
  }

  /** The classes: fixed by the options, {@code "0".."K-1"} for multi-hot arrays, else fitted on every label. */
  private LabelEncoder encoder(List<Pending> records) throws DataFormatException {
    if (!options.target().hasClasses()) return null;
    if (Boolean.TRUE.equals(multiHot)) {
      if (options.classes() != null) {
        if (options.classes().size() != width) {
          throw DataFormatException.at(file, widthLine, "multi-hot arrays of the " + options.classes().size()
              + " classes " + options.classes(), width + " values");
        }
        return LabelEncoder.of(options.classes());
      }
      List<String> indices = new ArrayList<>();
      for (int k = 0; k < width; k++) indices.add(Integer.toString(k));
      return LabelEncoder.of(indices);
    }
    if (options.classes() != null) return LabelEncoder.of(options.classes());
    List<String> labels = new ArrayList<>();
    for (Pending r : records) {
      labels.addAll(r.labels());
      if (r.stepLabels() != null) r.stepLabels().forEach(labels::addAll);
    }
    if (labels.isEmpty()) throw DataFormatException.at(file, records.get(0).line(), "some labels to fit the classes on", "none");
    return LabelEncoder.fit(labels);
  }

  private float[] multiHot(Pending r, LabelEncoder encoder) throws DataFormatException {
    float[] y = new float[encoder.size()];
    for (String label : r.labels()) y[encoder.encode(label, file, r.line())] = 1;
    return y;
  }

  private Pending parse(String text, long line, int index) throws DataFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw DataFormatException.at(file, line, "a JSON object", shorten(text) + " (" + reason(e) + ")");
    }
    if (!root.isObject()) throw DataFormatException.at(file, line, "a JSON object", describe(root));
    JsonNode idNode = root.get(options.idField());
    String id;
    if (idNode == null) {
      id = Integer.toString(index);
    } else if (idNode.isTextual() || idNode.isNumber()) {
      id = idNode.asText();
    } else {
      throw DataFormatException.at(file, line, "a string or number in \"" + options.idField() + "\"", describe(idNode));
    }
    Map<String, StepInput> x = new LinkedHashMap<>();
    if (options.xKind() == JsonlOptions.XKind.BAGS) {
      x.put(SequenceExample.PRIMARY, steps.bags(field(root, options.xField(), line), line));
    } else {
      float[][] steps = x(field(root, options.xField(), line), line);
      float[] values = new float[steps.length * features];
      for (int t = 0; t < steps.length; t++) System.arraycopy(steps[t], 0, values, t * features, features);
      x.put(SequenceExample.PRIMARY, new StepInput.Dense(features, values));
    }
    int length = x.get(SequenceExample.PRIMARY).length();
    if (options.sideField() != null) x.put(SequenceExample.SIDE, steps.side(field(root, options.sideField(), line), length, line));
    if (options.target() == TargetKind.NONE) return new Pending(line, id, length, x, List.of(), null);
    JsonNode y = field(root, options.yField(), line);
    String name = options.yField();
    return switch (options.target()) {
      case CLASS -> new Pending(line, id, length, x, List.of(label(y, name, line)), null);
      case PER_STEP_CLASS -> {
        perStep(y, length, line);
        List<String> labels = new ArrayList<>(length);
        for (int t = 0; t < length; t++) labels.add(label(y.get(t), name + "[" + t + "]", line));
        yield new Pending(line, id, length, x, labels, null);
      }
      case REGRESSION -> {
        float[] v = y.isArray() ? numbers(y, name, line) : new float[] {number(y, name, line)};
        checkWidth(v.length, line);
        yield new Pending(line, id, length, x, List.of(), v);
      }
      case PER_STEP_REGRESSION -> {
        perStep(y, length, line);
        float[][] v = new float[length][];
        for (int t = 0; t < length; t++) {
          JsonNode step = y.get(t);
          v[t] = step.isArray() ? numbers(step, name + "[" + t + "]", line) : new float[] {number(step, name + "[" + t + "]", line)};
          checkWidth(v[t].length, line);
        }
        float[] flat = new float[length * width];
        for (int t = 0; t < length; t++) System.arraycopy(v[t], 0, flat, t * width, width);
        yield new Pending(line, id, length, x, List.of(), flat);
      }
      case MULTILABEL -> multiLabel(y, line, id, length, x);
      case PER_STEP_MULTILABEL -> {
        perStep(y, length, line);
        List<List<String>> steps = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
          JsonNode step = y.get(t);
          if (!step.isArray()) {
            throw DataFormatException.at(file, line, "an array of label names at " + name + "[" + t + "]", describe(step));
          }
          List<String> own = new ArrayList<>();
          for (int i = 0; i < step.size(); i++) own.add(label(step.get(i), name + "[" + t + "][" + i + "]", line));
          steps.add(own);
        }
        yield new Pending(line, id, length, x, List.of(), null, steps);
      }
      case NONE -> throw new AssertionError();
    };
  }

  private Pending multiLabel(JsonNode y, long line, String id, int length, Map<String, StepInput> x) throws DataFormatException {
    String name = options.yField();
    if (!y.isArray()) {
      throw DataFormatException.at(file, line, "an array of label names or a multi-hot array in \"" + name + "\"",
          describe(y));
    }
    if (y.isEmpty()) {
      if (Boolean.TRUE.equals(multiHot)) checkWidth(0, line);
      return new Pending(line, id, length, x, List.of(), null);
    }
    boolean hot = y.get(0).isNumber();
    if (multiHot == null) multiHot = hot;
    if (hot != multiHot) {
      throw DataFormatException.at(file, line, (multiHot ? "a multi-hot array" : "an array of label names")
          + " in \"" + name + "\" like the records before", describe(y));
    }
    if (!hot) {
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < y.size(); i++) labels.add(label(y.get(i), name + "[" + i + "]", line));
      return new Pending(line, id, length, x, labels, null);
    }
    float[] v = numbers(y, name, line);
    for (float value : v) {
      if (value != 0 && value != 1) throw DataFormatException.at(file, line, "only 0 and 1 in the multi-hot \"" + name + "\"", describe(y));
    }
    checkWidth(v.length, line);
    return new Pending(line, id, length, x, List.of(), v);
  }

  /** T steps of F values from {@code [[..], ..]} or {@code [v, ..]}. */
  private float[][] x(JsonNode node, long line) throws DataFormatException {
    String name = options.xField();
    if (!node.isArray()) throw DataFormatException.at(file, line, "an array in \"" + name + "\"", describe(node));
    if (node.isEmpty()) throw DataFormatException.at(file, line, "at least one step in \"" + name + "\"", "[]");
    boolean nested = node.get(0).isArray();
    float[][] steps = new float[node.size()][];
    for (int t = 0; t < steps.length; t++) {
      JsonNode step = node.get(t);
      String where = name + "[" + t + "]";
      if (step.isArray() != nested) {
        throw DataFormatException.at(file, line, (nested ? "an array of " + steps[0].length + " values" : "a number")
            + " at " + where + " like " + name + "[0]", describe(step));
      }
      steps[t] = nested ? numbers(step, where, line) : new float[] {number(step, where, line)};
      if (steps[t].length != steps[0].length) {
        throw DataFormatException.at(file, line, steps[0].length + " values at " + where + " like " + name + "[0]",
            Integer.toString(steps[t].length));
      }
    }
    int f = steps[0].length;
    if (f == 0) throw DataFormatException.at(file, line, "at least one value per step in \"" + name + "\"", "[]");
    if (features < 0) {
      features = f;
      featuresLine = line;
    } else if (f != features) {
      throw DataFormatException.at(file, line, features + " values per step like line " + featuresLine,
          Integer.toString(f));
    }
    return steps;
  }

  private JsonNode field(JsonNode object, String name, long line) throws DataFormatException {
    JsonNode value = object.get(name);
    if (value == null) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      throw DataFormatException.at(file, line, "field \"" + name + "\"", "fields " + names);
    }
    return value;
  }

  private void perStep(JsonNode y, int length, long line) throws DataFormatException {
    String name = options.yField();
    if (!y.isArray()) throw DataFormatException.at(file, line, "an array with one entry per step in \"" + name + "\"", describe(y));
    if (y.size() != length) {
      throw DataFormatException.at(file, line, length + " entries in \"" + name + "\", one per step of \""
          + options.xField() + "\"", Integer.toString(y.size()));
    }
  }

  private void checkWidth(int k, long line) throws DataFormatException {
    if (width < 0) {
      width = k;
      widthLine = line;
    } else if (k != width) {
      throw DataFormatException.at(file, line, width + " target values in \"" + options.yField() + "\" like line "
          + widthLine, Integer.toString(k));
    }
  }

  /** A class label: a string, or an integer written as a number. */
  private String label(JsonNode node, String where, long line) throws DataFormatException {
    if (node.isTextual() || node.isIntegralNumber()) return node.asText();
    throw DataFormatException.at(file, line, "a label (string or integer) at " + where, describe(node));
  }

  private float[] numbers(JsonNode array, String where, long line) throws DataFormatException {
    return JsonlStepFields.numbers(file, array, where, line);
  }

  private float number(JsonNode node, String where, long line) throws DataFormatException {
    return JsonlStepFields.number(file, node, where, line);
  }

  /** Jackson's reason without its location and configuration hints, which mean nothing to the user. */
  private static String reason(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    for (String cut : new String[] {"\n", " (start marker at", ": enable `", " (bound as", ": not allowed as per"}) {
      int i = m.indexOf(cut);
      if (i >= 0) m = m.substring(0, i);
    }
    return m;
  }

  private static String describe(JsonNode node) {
    return JsonlStepFields.describe(node);
  }

  private static String shorten(String text) {
    return JsonlStepFields.shorten(text);
  }
}
