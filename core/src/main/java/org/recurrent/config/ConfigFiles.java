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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.recurrent.models.ModelRegistry;

/**
 * Reads training configs (YAML, or JSON for {@code .json} files) and reader option blocks into records, with
 * messages that name the file, the line and the field: {@code run.yaml:12: unknown field "hiden_size" in model;
 * expected one of [cell, hidden_size, ...]}. Unknown fields are errors, because a misspelt option silently
 * falling back to its default is worse than stopping.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  private static ObjectMapper configure(com.fasterxml.jackson.core.JsonFactory factory) {
    ObjectMapper mapper = JsonMapper.builder(factory)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
    // the model section is one record per kind, chosen by its `kind` field
    ModelRegistry.standard().sectionTypes().forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
    return mapper;
  }

  static final ObjectMapper YAML = configure(new YAMLFactory());
  static final ObjectMapper JSON = configure(new com.fasterxml.jackson.core.JsonFactory());

  public static TrainConfig readTrainConfig(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("config file not found: " + file);
    }
    if (text.isBlank()) throw new IOException(file + ": the config file is empty");
    ObjectMapper mapper = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    try {
      return mapper.readValue(text, TrainConfig.class);
    } catch (JsonProcessingException e) {
      throw new IOException(describe(file.toString(), e, text), e);
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
    if (root instanceof IllegalArgumentException iae && root != e) return at(where, line) + iae.getMessage();
    if (e instanceof InvalidFormatException f) {
      return at(where, line) + path(f, true) + ": expected " + article(f.getTargetType().getSimpleName()) + ", found \""
          + f.getValue() + "\"";
    }
    String path = e instanceof JsonMappingException m ? " (at " + path(m, true) + ")" : "";
    return at(where, line) + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "")
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
