package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the command tests share: tiny generated data sets and configs (each trains in about a second), running the
 * command in-process, and byte-for-byte snapshots of model directories.
 *
 * <p>The wide CSV task: 12 values per row (one per step, T = 12, F = 1), label 1 when their mean is above 0.
 */
final class TinyRuns {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int STEPS = 12;
  static final int ROWS = 300;

  /** The files every trained numeric model directory holds (feature_scaler.json: the configs use zscore). */
  static final List<String> MODEL_FILES = List.of("config.json", "model.safetensors", "metrics.json",
      "provenance.json", "events.jsonl", "checkpoints/last.safetensors", "checkpoints/best.safetensors",
      "feature_scaler.json", "baselines.json");

  private TinyRuns() {}

  /** Exit code and what the command printed. */
  record Run(int exit, String out, String err) {
    /** The error line, checked to be exactly one {@code recurrent: error:} line before the --stacktrace hint. */
    String errorLine() {
      List<String> lines = err.lines().filter(l -> l.startsWith("recurrent: error: ")).toList();
      assertEquals(1, lines.size(), "expected one error line, stderr was:\n" + err);
      assertTrue(err.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace without --stacktrace:\n" + err);
      return lines.get(0);
    }

    Run expectExit(int code) {
      assertEquals(code, exit, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
      return this;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int exit = RecurrentCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  /** {@code train CONFIG -o DIR --quiet} plus {@code extra}, which must succeed. */
  static JsonNode train(Path config, Path dir, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("train", config.toString(), "-o", dir.toString(), "--quiet"));
    args.addAll(List.of(extra));
    Run r = run(args.toArray(String[]::new)).expectExit(0);
    return JSON.readTree(r.out());
  }

  // ---- data -------------------------------------------------------------------------------------------------

  /** Ids in a scrambled (not sorted) order, so "input order" means something: r037, r074, ... */
  static String id(int i) {
    return String.format(Locale.ROOT, "r%03d", (i * 37) % ROWS);
  }

  /** Header {@code id,v1..v12[,label]} and {@code rows} rows. */
  static List<String> wideCsvLines(int rows, long seed, boolean labelled) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder("id");
    for (int t = 1; t <= STEPS; t++) header.append(",v").append(t);
    lines.add(header + (labelled ? ",label" : ""));
    for (int i = 0; i < rows; i++) {
      StringBuilder row = new StringBuilder(id(i));
      double sum = 0;
      for (int t = 0; t < STEPS; t++) {
        double v = r.nextGaussian() + 0.3 * (r.nextBoolean() ? 1 : -1);
        sum += v;
        row.append(String.format(Locale.ROOT, ",%.4f", v));
      }
      lines.add(row + (labelled ? (sum > 0 ? ",1" : ",0") : ""));
    }
    return lines;
  }

  static Path write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  static Path wideCsv(Path dir, String name) throws IOException {
    return write(dir.resolve(name), wideCsvLines(ROWS, 1, true));
  }

  /**
   * A wide-CSV classification config over {@code data} (relative to the config's folder): LSTM H = 8, adam,
   * z-scored features; {@code model} and {@code training} are the YAML bodies of those sections (2-space indent).
   */
  static String wideCsvConfig(String data, String model, String training) {
    return """
        name: tiny
        seed: 7
        task: classification
        data:
          format: wide_csv
          train: %s
          options:
            id_column: id
            label_column: label
          feature_scaling: zscore
        model:
        %s
        training:
        %s
        """.formatted(data, model.indent(2).stripTrailing(), training.indent(2).stripTrailing());
  }

  static final String TINY_MODEL = "cell: lstm\nhidden_size: 8";
  static final String TWO_EPOCHS = "epochs: 2\nbatch_size: 32\noptimizer: {name: adam, lr: 0.01}";

  /** train.csv and tiny.yaml (2 epochs) in {@code dir}; returns the config. */
  static Path tinyWideCsvRun(Path dir) throws IOException {
    wideCsv(dir, "train.csv");
    return write(dir.resolve("tiny.yaml"), wideCsvConfig("train.csv", TINY_MODEL, TWO_EPOCHS));
  }

  /** Records {"id", "x": [[a, b], ...] with 3..6 steps of F = 2, "y": "up" | "down"} (sign of the sum of a). */
  static List<String> jsonlLines(int n, long seed) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 3 + r.nextInt(4);
      StringBuilder x = new StringBuilder();
      double sum = 0;
      for (int t = 0; t < T; t++) {
        double a = r.nextGaussian(), b = r.nextGaussian();
        sum += a;
        x.append(t == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.4f, %.4f]", a, b));
      }
      lines.add("{\"id\": \"j" + i + "\", \"x\": [" + x + "], \"y\": \"" + (sum > 0 ? "up" : "down") + "\"}");
    }
    return lines;
  }

  static String jsonlConfig(String data, String cell) {
    return """
        seed: 3
        task: classification
        data:
          format: jsonl
          train: %s
          feature_scaling: zscore
        model: {cell: %s, hidden_size: 8}
        training: {epochs: 1, batch_size: 16}
        """.formatted(data, cell);
  }

  // ---- model directories ------------------------------------------------------------------------------------

  /** Every regular file under {@code dir} by relative path (with '/'), with its bytes. */
  static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  static void assertUnchanged(Map<String, byte[]> before, Path dir) throws IOException {
    Map<String, byte[]> after = snapshot(dir);
    assertEquals(before.keySet(), after.keySet(), "files in " + dir);
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
  }

  static void copyDirectory(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(p -> {
        try {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) Files.createDirectories(target);
          else Files.copy(p, target);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  static void assertContainsAll(String text, String... parts) {
    for (String p : parts) assertTrue(text.contains(p), "expected \"" + p + "\" in: " + text);
  }
}
