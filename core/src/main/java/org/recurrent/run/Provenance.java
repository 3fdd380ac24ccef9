package org.recurrent.run;

import static org.recurrent.run.JsonFields.instant;
import static org.recurrent.run.JsonFields.int32;
import static org.recurrent.run.JsonFields.integer;
import static org.recurrent.run.JsonFields.number;
import static org.recurrent.run.JsonFields.object;
import static org.recurrent.run.JsonFields.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.recurrent.io.JsonSafe;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.models.ModelDirectory;

/**
 * {@code provenance.json}: how a model came to be, so a result can be traced and repeated: library version, JDK,
 * operating system, cores, kernels, the seed, the training config as given, every data file with its size and
 * SHA-256, and the run's timing and outcome. Written in component order with snake_case names
 * ({@code configFile} -> {@code config_file}), the times as ISO-8601 UTC; the schema is in
 * {@code docs/model-format.md}.
 *
 * @param name        the run's name
 * @param environment what it ran on
 * @param seed        the run's one seed
 * @param configFile  the training config's absolute path
 * @param config      the config file's text as given
 * @param overrides   the {@code --set} overrides applied to it, {@code path=value} each, in order (empty: none)
 * @param dataFiles   every data file read (split files included), in the order read
 * @param started     when the run began (before the config was read)
 * @param finished    when the model directory was complete but for this file
 * @param seconds     wall time from {@code started} to {@code finished}, in milliseconds' precision
 * @param stopReason  as in the {@code stop} event
 * @param epochs      epochs complete
 * @param bestEpoch   epoch of the best monitored value, from 1 (0 before any evaluation)
 * @param parameters  the model's trainable parameter count
 */
public record Provenance(String name, Environment environment, long seed, String configFile, String config,
                         List<String> overrides, List<DataFile> dataFiles, Instant started, Instant finished, double seconds,
                         String stopReason, int epochs, int bestEpoch, long parameters) {

  public Provenance {
    Objects.requireNonNull(environment, "environment");
    overrides = List.copyOf(overrides);
    dataFiles = List.copyOf(dataFiles);
  }

  /**
   * Where the run ran.
   *
   * @param library {@code recurrent <version>} ({@code dev} outside a built jar)
   * @param jdk     the Java runtime's version and VM name
   * @param os      name, version and architecture
   * @param cores   available processors
   * @param kernels the numerical kernels in use, e.g. {@code vector(16 lanes, 2 threads)}
   */
  public record Environment(String library, String jdk, String os, int cores, String kernels) {

    /** This process's environment. */
    public static Environment current() {
      return new Environment("recurrent " + libraryVersion(),
          Runtime.version().toString() + " (" + System.getProperty("java.vm.name") + ")",
          System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
          Runtime.getRuntime().availableProcessors(), KernelProvider.get().name());
    }
  }

  /**
   * A data file the run read.
   *
   * @param path   absolute path
   * @param bytes  size
   * @param sha256 SHA-256 of its bytes, lower-case hex
   */
  public record DataFile(String path, long bytes, String sha256) {

    /** The file as it is now: its absolute path, size and hash. */
    public static DataFile of(Path file) throws IOException {
      return new DataFile(file.toAbsolutePath().toString(), Files.size(file), Provenance.sha256(file));
    }
  }

  /** The library's version from the jar manifest, {@code dev} when run from classes. */
  static String libraryVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Every file of {@code files}, hashed. */
  static List<DataFile> dataFiles(List<Path> files) throws IOException {
    List<DataFile> out = new ArrayList<>();
    for (Path f : files) out.add(DataFile.of(f));
    return out;
  }

  /** Lower-case hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The JSON object of {@code provenance.json}, keys in component order, in snake_case. */
  @JsonValue
  public Map<String, Object> json() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("library", environment.library());
    env.put("jdk", environment.jdk());
    env.put("os", environment.os());
    env.put("cores", environment.cores());
    env.put("kernels", environment.kernels());
    List<Map<String, Object>> files = new ArrayList<>();
    for (DataFile f : dataFiles) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.path());
      m.put("bytes", f.bytes());
      m.put("sha256", f.sha256());
      files.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("environment", env);
    m.put("seed", seed);
    m.put("config_file", configFile);
    m.put("config", config);
    m.put("overrides", overrides);
    m.put("data_files", files);
    m.put("started", started.toString());
    m.put("finished", finished.toString());
    m.put("seconds", seconds);
    m.put("stop_reason", stopReason);
    m.put("epochs", epochs);
    m.put("best_epoch", bestEpoch);
    m.put("parameters", parameters);
    return JsonSafe.of(m);
  }

  /**
   * Reads the JSON of {@code provenance.json}.
   *
   * @throws IllegalArgumentException when a field is missing or mistyped
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Provenance fromJson(JsonNode node) {
    object(node, "provenance");
    JsonNode env = object(node.get("environment"), "environment");
    JsonNode files = node.get("data_files");
    if (files == null || !files.isArray()) throw new IllegalArgumentException("data_files: expected an array, got "
        + files);
    // absent in model directories written before --set existed: none then
    JsonNode sets = node.get("overrides");
    if (sets != null && !sets.isArray()) throw new IllegalArgumentException("overrides: expected an array, got " + sets);
    List<String> overrides = new ArrayList<>();
    if (sets != null) {
      for (int i = 0; i < sets.size(); i++) {
        if (!sets.get(i).isTextual()) throw new IllegalArgumentException("overrides[" + i + "]: expected a string, got "
            + sets.get(i));
        overrides.add(sets.get(i).textValue());
      }
    }
    List<DataFile> dataFiles = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String at = "data_files[" + i + "]";
      JsonNode f = object(files.get(i), at);
      dataFiles.add(new DataFile(text(f, "path", at + ".path"), integer(f, "bytes", at + ".bytes"),
          text(f, "sha256", at + ".sha256")));
    }
    Environment environment = new Environment(text(env, "library", "environment.library"),
        text(env, "jdk", "environment.jdk"), text(env, "os", "environment.os"),
        int32(env, "cores", "environment.cores"), text(env, "kernels", "environment.kernels"));
    return new Provenance(text(node, "name", "name"), environment, integer(node, "seed", "seed"),
        text(node, "config_file", "config_file"), text(node, "config", "config"), overrides, dataFiles,
        instant(node, "started", "started"), instant(node, "finished", "finished"),
        number(node.get("seconds"), "seconds"), text(node, "stop_reason", "stop_reason"),
        int32(node, "epochs", "epochs"), int32(node, "best_epoch", "best_epoch"),
        integer(node, "parameters", "parameters"));
  }

  /** Writes {@code provenance.json}, atomically. */
  public void write(Path file) throws IOException {
    ModelDirectory.writeJson(file, json());
  }

  /** Reads {@code provenance.json}. */
  public static Provenance read(Path file) throws IOException {
    JsonNode node = org.recurrent.io.JsonFiles.read(file, ModelDirectory.JSON);
    try {
      return fromJson(node);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
