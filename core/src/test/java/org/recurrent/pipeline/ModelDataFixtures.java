package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;

/**
 * What the {@link ModelData} tests share, as the class they extend: the small models they give new files to,
 * trained once per test class from a config for one epoch each (a wide CSV {@code id,v1..v6,y} with T = 6, F = 1;
 * the same without a header; a long CSV {@code id,time,a,b,label}; JSON Lines with F = 2; a forecaster over
 * {@code day,a,b}; text with max_length 3), the lines of their files, and reading a file for a model or the error
 * it gives.
 */
abstract class ModelDataFixtures {
  static final int STEPS = 6;
  @TempDir static Path shared;
  static Path wide, headerless, longCsv, jsonl, forecast, text;

  @BeforeAll
  static void trainModels() throws IOException {
    wide = train("wide", wideLines(40, true, true), """
        format: wide_csv
        options: {id_column: id, label_column: y}
        feature_scaling: zscore""");
    headerless = train("headerless", wideLines(40, true, false), """
        format: wide_csv
        options: {header: false, id_column: "1", label_column: "8"}""");
    longCsv = train("long", longLines(), """
        format: long_csv
        options: {id_column: id, time_column: time, label_column: label}""");
    jsonl = train("jsonl", jsonLines(30, 2), """
        format: jsonl""");
    List<String> series = new ArrayList<>(List.of("day,a,b"));
    for (int t = 0; t < 80; t++) series.add(t + "," + Math.sin(t / 5.0) + "," + Math.cos(t / 7.0));
    forecast = train("forecast", series, """
        format: timeseries_csv
        options: {time_column: day, lags: 4}
        split: {method: chronological, train: 0.8, validation: 0.1}""", "forecast");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20; i++) texts.add("alpha beta gamma delta epsilon\t" + (i % 2 == 0 ? "pos" : "neg"));
    text = train("text", texts, """
        format: text
        options: {max_length: 3}""");
  }

  private static Path train(String name, List<String> data, String dataSection) throws IOException {
    return train(name, data, dataSection, "classification");
  }

  private static Path train(String name, List<String> data, String dataSection, String task) throws IOException {
    Path dir = Files.createDirectories(shared.resolve(name));
    write(dir.resolve("train.csv"), data);
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, """
        seed: 3
        task: %s
        data:
          train: train.csv
        %s
        model: {cell: gru, hidden_size: 4}
        training: {epochs: 1, batch_size: 16, optimizer: {name: adam, lr: 0.01}}
        """.formatted(task, dataSection.indent(2).stripTrailing()));
    Path out = dir.resolve("model");
    TrainingRun.run(config, new TrainingRun.Options(out, false, false, null, Progress.quiet()));
    return out;
  }

  /** {@code id,v1..v6[,y]} (with {@code header}) and {@code rows} rows; y is 1 when the values sum above 0. */
  static List<String> wideLines(int rows, boolean labelled, boolean header) {
    Random r = new Random(5);
    List<String> lines = new ArrayList<>();
    if (header) {
      StringBuilder h = new StringBuilder("id");
      for (int t = 1; t <= STEPS; t++) h.append(",v").append(t);
      lines.add(h + (labelled ? ",y" : ""));
    }
    for (int i = 0; i < rows; i++) {
      StringBuilder row = new StringBuilder("r" + i);
      double sum = 0;
      for (int t = 0; t < STEPS; t++) {
        double v = r.nextGaussian();
        sum += v;
        row.append(String.format(Locale.ROOT, ",%.4f", v));
      }
      lines.add(row + (labelled ? (sum > 0 ? ",1" : ",0") : ""));                  // numeric, like EEG's y
    }
    return lines;
  }

  static List<String> longLines() {
    Random r = new Random(6);
    List<String> lines = new ArrayList<>(List.of("id,time,a,b,label"));
    for (int s = 0; s < 30; s++) {
      for (int t = 0; t < 4; t++) {
        lines.add(String.format(Locale.ROOT, "s%d,%d,%.3f,%.3f,%s", s, t, r.nextGaussian(), r.nextGaussian(),
            s % 2 == 0 ? "even" : "odd"));
      }
    }
    return lines;
  }

  /** {@code {"id": "j<i>", "x": [[..F..], [..F..], [..F..]], "y": "0" | "1"}} per line. */
  static List<String> jsonLines(int records, int features) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      List<String> steps = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        List<String> v = new ArrayList<>();
        for (int f = 0; f < features; f++) v.add(Integer.toString((i * 7 + t * 3 + f) % 5));
        steps.add("[" + String.join(", ", v) + "]");
      }
      lines.add("{\"id\": \"j" + i + "\", \"x\": [" + String.join(", ", steps) + "], \"y\": \"" + i % 2 + "\"}");
    }
    return lines;
  }

  static Path write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  /** {@code lines} with {@code edit} applied to every line (the header included). */
  static List<String> edited(List<String> lines, UnaryOperator<String> edit) {
    return lines.stream().map(edit).toList();
  }

  static ModelData.Records read(Path model, Path file, String labels) throws IOException {
    return new ModelData(ModelDirectory.read(model)).read(file, labels);
  }

  /** The error for reading {@code lines} as new.csv, without the file name in front. */
  static String rejection(Path model, Path dir, List<String> lines, String labels) throws IOException {
    return rejectionOf(model, dir.resolve("new.csv"), lines, labels);
  }

  /** The error for reading {@code lines} written to {@code file}, without the file name in front. */
  static String rejectionOf(Path model, Path file, List<String> lines, String labels) throws IOException {
    write(file, lines);
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(model, file, labels));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    return e.getMessage().substring(file.toString().length());
  }

  static void copy(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
