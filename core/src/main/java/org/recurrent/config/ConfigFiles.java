package org.recurrent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.recurrent.data.DataFiles;
import org.recurrent.data.PrintableText;
import org.recurrent.models.ModelRegistry;

/**
 * Reads training configs (YAML, or JSON for {@code .json} files) and reader option blocks into records, with
 * messages that name the file, the line and the field: {@code run.yaml:12: unknown field "hiden_size" in model;
 * expected one of [cell, hidden_size, ...]}. Unknown fields are errors, because a misspelt option silently
 * falling back to its default is worse than stopping.
 *
 * <p>Numbers are strict: an integer field given {@code 8.7} (or {@code 1e9}) is an error naming the field and the
 * value, never truncated; a non-finite number ({@code .inf}, {@code .nan}, {@code "NaN"}) is an error in every
 * field, since none of the config's rates, fractions or thresholds means anything at infinity. The file must be
 * a regular file of UTF-8 text (a byte-order mark is allowed and skipped; other bytes are an error at their line
 * and byte offset) of at most {@value #MAX_CONFIG_BYTES} bytes.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** The largest config file read: configs are a few hundred bytes; anything near this is not a config. */
  public static final int MAX_CONFIG_BYTES = 1 << 20;

  private static ObjectMapper configure(com.fasterxml.jackson.core.JsonFactory factory) {
    ObjectMapper mapper = JsonMapper.builder(factory)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .addModule(FINITE_NUMBERS)
        .build();
    // the model section is one record per kind, chosen by its `kind` field
    ModelRegistry.standard().sectionTypes().forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
    return mapper;
  }

  /** Double and float fields (boxed or not) refuse NaN and infinities, naming the field. */
  private static final SimpleModule FINITE_NUMBERS = new SimpleModule("finite-numbers")
      .addDeserializer(Double.class, new FiniteNumber<>(Double.class))
      .addDeserializer(double.class, new FiniteNumber<>(double.class))
      .addDeserializer(Float.class, new FiniteNumber<>(Float.class))
      .addDeserializer(float.class, new FiniteNumber<>(float.class));

  /** Jackson's own number deserializer for {@code type}, then a finiteness check. */
  private static final class FiniteNumber<T extends Number> extends StdScalarDeserializer<T> {
    private final JsonDeserializer<T> standard;

    @SuppressWarnings("unchecked") // NumberDeserializers.find returns the deserializer of exactly this type
    FiniteNumber(Class<T> type) {
      super(type);
      this.standard = (JsonDeserializer<T>) NumberDeserializers.find(type, type.getName());
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      T value = standard.deserialize(p, ctxt);
      if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
        throw InvalidFormatException.from(p, "a finite number", n, handledType());
      }
      return value;
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      return standard.getNullValue(ctxt);
    }
  }

  static final ObjectMapper YAML = configure(new YAMLFactory());
  static final ObjectMapper JSON = configure(new com.fasterxml.jackson.core.JsonFactory());

  public static TrainConfig readTrainConfig(Path file) throws IOException {
    String text = readText(file);
    if (text.isBlank()) throw new IOException(file + ": the config file is empty");
    ObjectMapper mapper = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    try {
      return mapper.readValue(text, TrainConfig.class);
    } catch (JsonProcessingException e) {
      throw new IOException(describe(file.toString(), e, text), e);
    }
  }

  /**
   * A config file's text: a regular file of at most {@value #MAX_CONFIG_BYTES} bytes of UTF-8, without its
   * byte-order mark ({@link DataFiles#readUtf8}).
   */
  public static String readText(Path file) throws IOException {
    try {
      return DataFiles.readUtf8(file, MAX_CONFIG_BYTES);
    } catch (java.io.FileNotFoundException e) {
      throw new IOException("config file not found: " + file, e);
    }
  }

  /** Converts an options block (from a config) to the reader's options record. */
  public static <T> T options(JsonNode node, Class<T> type, String where) {
    try {
      return JSON.treeToValue(node == null || node.isNull() ? JSON.createObjectNode() : node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(where, e, null), e);
    }
  }

  /** One line: where, and what is wrong, without Jackson's class names and source dumps. */
  static String describe(String where, JsonProcessingException e, String text) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    JsonLocation loc = e.getLocation();
    int line = loc != null ? loc.getLineNr() : -1;
    if (e instanceof UnrecognizedPropertyException u) {
      // the parser has moved past the value by now; the key's own line is the useful one
      int keyLine = lineOf(text, u.getPropertyName());
      if (keyLine > 0) line = keyLine;
      String known = u.getKnownPropertyIds() == null ? "" : "; expected one of " + u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.toList());
      return at(where, line) + "unknown field \"" + u.getPropertyName() + "\" in " + path(u, false) + known;
    }
    // the parser has moved past the value, often to the end of its object: the field's own line says more
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
      int fieldLine = field == null ? -1 : lineOf(text, field);
      if (fieldLine > 0) line = fieldLine;
    }
    if (root instanceof NumberFormatException n && e instanceof JsonMappingException m) {   // YAML's .inf, .nan
      String value = n.getMessage() == null ? "?" : n.getMessage().replaceFirst("^For input string: ", "");
      return at(where, line) + path(m, true) + ": expected a finite number, found " + PrintableText.of(value);
    }
    if (root instanceof IllegalArgumentException iae && root != e) {
      return at(where, line) + PrintableText.escape(iae.getMessage());
    }
    if (e instanceof InvalidFormatException f && f.getValue() instanceof Number n && !Double.isFinite(n.doubleValue())) {
      return at(where, line) + path(f, true) + ": expected a finite number, found " + n;
    }
    if (e instanceof InvalidFormatException f) {
      return at(where, line) + path(f, true) + ": expected " + article(f.getTargetType().getSimpleName()) + ", found \""
          + PrintableText.of(String.valueOf(f.getValue())) + "\"";
    }
    String path = e instanceof JsonMappingException m ? " (at " + path(m, true) + ")" : "";
    return at(where, line) + PrintableText.escape(e.getOriginalMessage()).replaceAll(" \\(class [^)]*\\)", "")
        .replaceAll("`[a-z.]+\\.([A-Za-z]+)`", "$1") + path;
  }

  private static String at(String where, int line) {
    return where + (line > 0 ? ":" + line : "") + ": ";
  }

  private static String article(String type) {
    return switch (type) {
      case "Integer", "Long", "int", "long" -> "an integer";
      case "Double", "Float", "double", "float" -> "a number";
      case "Boolean", "boolean" -> "true or false";
      default -> "a " + type;
    };
  }

  private static int lineOf(String text, String key) {
    if (text == null) return -1;
    String[] lines = text.split("\n", -1);
    java.util.regex.Pattern p = java.util.regex.Pattern.compile("(^|[\\s{,])[\"']?" + java.util.regex.Pattern.quote(key)
        + "[\"']?\\s*:");
    for (int i = 0; i < lines.length; i++) if (p.matcher(lines[i]).find()) return i + 1;
    return -1;
  }

  /** The dotted path of the failing field; with {@code includeLast} false, of the object holding it. */
  private static String path(JsonMappingException m, boolean includeLast) {
    int n = m.getPath().size() - (includeLast ? 0 : 1);
    String p = m.getPath().stream().limit(Math.max(0, n))
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    return p.isEmpty() ? "the top level" : p;
  }
}
