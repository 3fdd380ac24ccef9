package org.recurrent.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.recurrent.io.AtomicFiles;
import org.recurrent.io.JsonFiles;
import org.recurrent.io.SafeTensors;
import org.recurrent.io.SafeTensorsFile;
import org.recurrent.tensor.Tensor;

/**
 * A model directory: the files a trained model is made of (format in {@code docs/model-format.md}).
 * <pre>
 *   config.json        {@link ModelManifest}: format, version, task, architecture, classes, data layout
 *   model.safetensors  the weights under PyTorch's state-dict names
 *   vocab.json, scaler.json, ...   side files named in config.json
 *   provenance.json    library version, JDK, seed, data files with SHA-256, the training config, timings
 *   metrics.json       final metrics
 *   events.jsonl       every logged scalar of the run
 *   checkpoints/       last.safetensors, best.safetensors
 * </pre>
 * Every file is written to a temporary file in the same folder and renamed into place, so a crash never leaves
 * a half-written file under a real name. {@link #read} checks the format, the version, the architecture, every
 * tensor's name and shape, and says what is wrong, naming the file. A model directory is untrusted
 * ({@code docs/security.md}): config.json names its side files by bare name only, and no file it reads may be a link
 * leading out of the directory ({@link #fileInside}).
 */
public final class ModelDirectory {
  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "model.safetensors";
  public static final String PROVENANCE = "provenance.json";
  public static final String METRICS = "metrics.json";
  public static final String EVENTS = "events.jsonl";
  public static final String CHECKPOINTS = "checkpoints";
  /**
   * {@code recurrent train --seeds} writes one model directory per seed, {@code seed-S}, beside its {@code seeds.json}:
   * a directory of such models is not a model, and a reader given one says which models it holds.
   */
  public static final String SEED_DIRECTORY_PREFIX = "seed-";

  /**
   * snake_case JSON, pretty-printed; unknown fields in config.json are an error (a typo must not pass), and so is
   * a fractional number in an integer field ({@code "hidden_size": 8.7} is not 8).
   */
  public static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private ModelDirectory() {}

  /** A model read back: its manifest and the model with its weights loaded. */
  public record Loaded(Path dir, ModelManifest manifest, Model model) {
    public Path file(String role) {
      String name = manifest.files().get(role);
      return name == null ? null : dir.resolve(name);
    }
  }

  /** Writes config.json and model.safetensors (atomically each) into {@code dir}, creating it if needed. */
  public static void write(Path dir, ModelManifest manifest, Model model) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");                     // what PyTorch's safetensors writer puts here
    meta.put("recurrent.task", manifest.task());
    SafeTensors.write(dir.resolve(WEIGHTS), model.stateDict(), meta);
    writeJson(dir.resolve(CONFIG), manifest);
  }

  /** Writes any value as pretty JSON, atomically. */
  public static void writeJson(Path file, Object value) throws IOException {
    writeAtomically(file, JSON.writeValueAsString(value) + "\n");
  }

  /** Writes {@code text} to {@code file} via a temp file and a rename (see {@link AtomicFiles}), creating its folder. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.writeString(file, text);
  }

  /**
   * Reads and checks {@code config.json}: a regular file inside {@code dir} (not a link leading out of it), UTF-8
   * JSON of this format and version, whose side files are bare names ({@link ModelManifest}). A message names the
   * file and the position or field, never the file's content.
   */
  public static ModelManifest readManifest(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) throw new IOException("model directory not found: " + dir);
    Path file = dir.resolve(CONFIG);
    JsonNode tree;
    try {
      tree = JsonFiles.read(fileInside(dir, CONFIG), JSON);
    } catch (NoSuchFileException e) {
      List<Path> seeds = seedModels(dir);
      if (!seeds.isEmpty()) {
        throw new IOException(dir + " holds one model per seed (recurrent train --seeds), not a model: give one of "
            + seeds.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
      }
      throw new IOException(file + ": not found; a model directory needs config.json and model.safetensors");
    }
    if (!tree.isObject()) throw new IOException(file + ": expected a JSON object, found a " + tree.getNodeType().name().toLowerCase());
    String format = tree.path("format").asText(null);
    if (!ModelManifest.FORMAT.equals(format)) {
      throw new IOException(file + ": expected \"format\": \"" + ModelManifest.FORMAT + "\", found "
          + (format == null ? "no format field" : "\"" + format + "\""));
    }
    int version = tree.path("version").asInt(-1);
    if (version != ModelManifest.VERSION) {
      throw new IOException(file + ": format version " + version + " is not supported; this build reads version "
          + ModelManifest.VERSION);
    }
    try {
      return JSON.treeToValue(tree, ModelManifest.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String why = cause instanceof IllegalArgumentException ? cause.getMessage() : JsonFiles.problem(e);
      throw new IOException(file + ": " + why);
    }
  }

  /** The {@code seed-S} subdirectories of {@code dir} that hold a config.json, by seed. */
  private static List<Path> seedModels(Path dir) throws IOException {
    List<Path> out = new java.util.ArrayList<>();
    try (var entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(SEED_DIRECTORY_PREFIX) && name.substring(SEED_DIRECTORY_PREFIX.length()).matches("-?[0-9]+")
            && Files.isRegularFile(p.resolve(CONFIG))) {
          out.add(p);
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString()
        .substring(SEED_DIRECTORY_PREFIX.length()))));
    return out;
  }

  /**
   * {@code dir/name}, checked to stay inside {@code dir}: {@code name} is a bare file name, and when the file exists
   * it is a regular file whose real path (symbolic links followed) is in {@code dir}'s real path. A model directory
   * is something people download and share; a link in it must not make the tool read, or quote, a file elsewhere.
   *
   * @throws IOException naming the file, when the name or the link leads out of the directory or it is no file
   */
  public static Path fileInside(Path dir, String name) throws IOException {
    String bad = ModelManifest.badFileName(name);
    if (bad != null) throw new IOException(dir + ": file name " + bad);
    Path file = dir.resolve(name);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return file;
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": a symbolic link to a file that does not exist");
    }
    if (!real.getParent().equals(dir.toRealPath())) {
      throw new IOException(file + ": a symbolic link to a file outside the model directory; refused (a model "
          + "directory may only hold its own files; see docs/security.md)");
    }
    if (!Files.isRegularFile(real)) throw new IOException(file + ": not a regular file");
    return file;
  }

  /** Reads and checks a model directory of a built-in kind and builds the model with its weights. */
  public static Loaded read(Path dir) throws IOException {
    return read(dir, ModelRegistry.standard());
  }

  /** Reads and checks a model directory, building the model of the kind config.json names from {@code kinds}. */
  public static Loaded read(Path dir, ModelRegistry kinds) throws IOException {
    ModelManifest manifest = readManifest(dir);
    Model model = build(manifest, kinds, dir.resolve(CONFIG));
    Path weights = fileInside(dir, WEIGHTS);
    if (!Files.exists(weights)) throw new IOException(weights + ": not found");
    SafeTensorsFile f = SafeTensors.read(weights);
    loadInto(model, f.tensors(), weights);
    for (Map.Entry<String, String> e : manifest.files().entrySet()) {
      Path side = fileInside(dir, e.getValue());
      if (!Files.exists(side)) {
        throw new IOException(side + ": not found; config.json names it as the " + e.getKey());
      }
    }
    model.eval();
    return new Loaded(dir, manifest, model);
  }

  /** The model config.json describes, with fresh weights; the message names the file. */
  static Model build(ModelManifest manifest, ModelRegistry kinds, Path file) throws IOException {
    try {
      ModelKind<?, ?> kind = kinds.get(manifest.kind());
      var fields = manifest.model().deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) fields).remove("kind");
      ModelSpec spec = JSON.treeToValue(fields, kind.specType());
      return kind.buildFrom(spec, new Random(0));
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
      String plain = cause instanceof IllegalArgumentException ? why : JsonFiles.problem(e);   // no content quoted
      java.util.regex.Matcher fraction = java.util.regex.Pattern.compile("^Cannot coerce Floating-point value \\(([^)]*)\\)")
          .matcher(why);
      if (fraction.find() && e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
        why = "model." + m.getPath().get(m.getPath().size() - 1).getFieldName() + ": expected an integer, found "
            + fraction.group(1);                              // "hidden_size": 8.7 is not 8
      } else {
        why = plain;
      }
      throw new IOException(file + ": model: " + why);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
  }

  /** Loads weights strictly, with the file named in any message. */
  public static void loadInto(org.recurrent.nn.Module model, Map<String, Tensor> tensors, Path source) throws IOException {
    try {
      model.loadStateDict(tensors, true);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage());
    }
  }
}
