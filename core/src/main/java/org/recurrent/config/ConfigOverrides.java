package org.recurrent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Command-line overrides of a training config, {@code --set model.hidden_size=256}: a dotted path into the config
 * and a value read as YAML reads a value ({@code 256}, {@code 0.003}, {@code true}, {@code null}, {@code gru},
 * {@code [1, 2]}, {@code "007"}). They are applied in order to the tree read from the file, before it is bound
 * to {@link TrainConfig}, so an overridden config is checked exactly as if the file said so. A path may name a
 * section the file leaves out ({@code training.optimizer.lr} creates {@code optimizer}); a key the config does not
 * have is an error naming the path and the keys valid there.
 */
public final class ConfigOverrides {

  /**
   * One {@code --set}.
   *
   * @param path  dotted keys from the top of the config, e.g. {@code training.optimizer.lr}
   * @param value the value as written, e.g. {@code 0.003}
   */
  public record Setting(String path, String value) {
    public Setting {
      if (path.isEmpty() || List.of(path.split("\\.", -1)).contains("")) {
        throw new IllegalArgumentException("--set " + path + "=" + value + ": expected a dotted path of config keys "
            + "such as model.hidden_size");
      }
    }

    /** {@code key.path=value}; the value may itself contain {@code =}. */
    public static Setting parse(String arg) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--set expects key.path=value (e.g. --set model.hidden_size=256), got '"
            + arg + "'");
      }
      String value = arg.substring(eq + 1);
      if (value.isBlank()) {
        throw new IllegalArgumentException("--set " + arg + ": no value after '='; write null for none, '' for an "
            + "empty text");
      }
      return new Setting(arg.substring(0, eq).trim(), value);
    }

    /** The value as a YAML value. */
    JsonNode node() {
      try {
        return ConfigFiles.YAML.readTree(value);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("--set " + this + ": the value is not valid YAML: "
            + e.getOriginalMessage().lines().findFirst().orElse(""), e);
      }
    }

    /** Puts the value at the path, making the sections on the way that the config leaves out. */
    void applyTo(ObjectNode root) {
      String[] keys = path.split("\\.");
      ObjectNode section = root;
      for (int i = 0; i < keys.length - 1; i++) {
        JsonNode child = section.get(keys[i]);
        if (child == null || child.isNull()) child = section.putObject(keys[i]);
        if (!child.isObject()) {
          throw new IllegalArgumentException("--set " + this + ": " + String.join(".", List.of(keys).subList(0, i + 1))
              + " is " + child.getNodeType().name().toLowerCase(Locale.ROOT) + " " + child + " in the config, not a "
              + "section with keys");
        }
        section = (ObjectNode) child;
      }
      section.set(keys[keys.length - 1], node());
    }

    /** Whether this setting wrote at {@code dotted} or inside it, or inside a section it created. */
    boolean touches(String dotted) {
      return dotted.isEmpty() || path.equals(dotted) || path.startsWith(dotted + ".") || dotted.startsWith(path + ".");
    }

    @Override
    public String toString() {
      return path + "=" + value;
    }
  }

  private final List<Setting> settings;

  private ConfigOverrides(List<Setting> settings) {
    this.settings = List.copyOf(settings);
  }

  public static ConfigOverrides none() {
    return new ConfigOverrides(List.of());
  }

  /** From the {@code --set} arguments, in order (later ones win where paths meet). */
  public static ConfigOverrides parse(List<String> args) {
    List<Setting> out = new ArrayList<>();
    for (String a : args) out.add(Setting.parse(a));
    return new ConfigOverrides(out);
  }

  public boolean isEmpty() {
    return settings.isEmpty();
  }

  /** As written on the command line, {@code path=value} each: what provenance records. */
  public List<String> asStrings() {
    return settings.stream().map(Setting::toString).toList();
  }

  /**
   * Reads {@code file} as {@link ConfigFiles#readTrainConfig} does, with these overrides applied before binding.
   * An error the file has by itself is reported as without overrides (with its line); an error the overrides
   * make names them.
   */
  public TrainConfig readTrainConfig(Path file) throws IOException {
    if (settings.isEmpty()) return ConfigFiles.readTrainConfig(file);
    ObjectMapper mapper = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? ConfigFiles.JSON : ConfigFiles.YAML;
    JsonNode tree;
    try {
      tree = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return ConfigFiles.readTrainConfig(file);            // the file's own error, as without overrides
    }
    if (!(tree instanceof ObjectNode root)) return ConfigFiles.readTrainConfig(file);
    for (Setting s : settings) s.applyTo(root);
    try {
      return mapper.treeToValue(root, TrainConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      ConfigFiles.readTrainConfig(file);                   // throws when the file is wrong by itself
      throw blame(e);
    }
  }

  /** The error of a config that is right by itself but not with the overrides, naming the ones concerned. */
  private IllegalArgumentException blame(Exception e) {
    String at = e instanceof JsonMappingException m ? dotted(m, false) : "";
    List<Setting> concerned = settings.stream().filter(s -> s.touches(at)).toList();
    if (concerned.isEmpty()) concerned = settings;
    String where = "--set " + concerned.stream().map(Setting::toString).collect(Collectors.joining(", --set "));
    if (e instanceof UnrecognizedPropertyException u) {
      String section = dotted(u, true);
      String valid = u.getKnownPropertyIds() == null ? "" : "; valid keys there: " + u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().toList();
      return new IllegalArgumentException(where + ": the config has no key \"" + (section.isEmpty() ? "" : section + ".")
          + u.getPropertyName() + "\" (unknown \"" + u.getPropertyName() + "\" in " + (section.isEmpty()
          ? "the top level" : section) + ")" + valid, e);
    }
    if (e instanceof JsonProcessingException j) {
      return new IllegalArgumentException(ConfigFiles.describe(where, j, null), e);
    }
    return new IllegalArgumentException(where + ": " + e.getMessage(), e);
  }

  /** The dotted path of the failing field; {@code holder}: of the section holding it. */
  private static String dotted(JsonMappingException m, boolean holder) {
    int n = m.getPath().size() - (holder ? 1 : 0);
    return m.getPath().stream().limit(Math.max(0, n))
        .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
        .collect(Collectors.joining("."));
  }
}
