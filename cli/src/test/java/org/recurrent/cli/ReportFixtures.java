package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.JSON;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.train;
import static org.recurrent.cli.TinyRuns.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code recurrent report} tests share: the binary run most of them report on, and reading the page a
 * report writes (its sections, values, tables, charts and embedded images).
 */
final class ReportFixtures {
  private ReportFixtures() {}

  // ---- the run ---------------------------------------------------------------------------------------------

  /** The wide-CSV binary task (TinyRuns), train.csv and a separate test.csv of 90 rows, clipping on. */
  static Path binaryRun(Path dir) throws IOException {
    write(dir.resolve("train.csv"), TinyRuns.wideCsvLines(TinyRuns.ROWS, 1, true));
    write(dir.resolve("valid.csv"), TinyRuns.wideCsvLines(60, 3, true));
    write(dir.resolve("test.csv"), TinyRuns.wideCsvLines(90, 2, true));
    Path config = write(dir.resolve("bin.yaml"), """
        name: bin
        seed: 7
        task: classification
        data:
          format: wide_csv
          train: train.csv
          validation: valid.csv
          test: test.csv
          options: {id_column: id, label_column: label}
          feature_scaling: zscore
        model: {cell: lstm, hidden_size: 8}
        training: {epochs: 3, batch_size: 32, optimizer: {name: adam, lr: 0.01}, clip_grad_norm: 0.2}
        """);
    Path model = dir.resolve("m");
    train(config, model);
    return model;
  }

  // ---- reading the page ------------------------------------------------------------------------------------

  /** {@code report --run model --quiet}, which must succeed; the page's text. */
  static String report(Path model) throws IOException {
    TinyRuns.Run r = run("report", "--run", model.toString(), "--quiet").expectExit(0);
    Path html = model.resolve("report").resolve("report.html");
    assertEquals(html.toString(), r.out().strip());
    return Files.readString(html);
  }

  static JsonNode metrics(Path model) throws IOException {
    return JSON.readTree(model.resolve("metrics.json").toFile());
  }

  static void assertSections(String html, String... titles) {
    for (String t : titles) assertTrue(html.contains("<h2>" + t + "</h2>"), "section " + t);
  }

  static void assertNoSections(String html, String... titles) {
    for (String t : titles) assertFalse(html.contains("<h2>" + t + "</h2>"), "no section " + t);
  }

  static String value(String html, String id) {
    Matcher m = Pattern.compile("<span class=\"value\" id=\"" + id + "\">([^<]*)</span>").matcher(html);
    assertTrue(m.find(), "value " + id);
    return m.group(1);
  }

  static List<String> samples(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<pre class=\"sample\"[^>]*>([^<]*)</pre>").matcher(html);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** Rows of a table's cells (th and td alike), header first. */
  static List<List<String>> cells(String table) {
    List<List<String>> rows = new ArrayList<>();
    Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(table);
    while (tr.find()) {
      List<String> row = new ArrayList<>();
      Matcher cell = Pattern.compile("<t[hd]>(.*?)</t[hd]>").matcher(tr.group(1));
      while (cell.find()) row.add(cell.group(1));
      rows.add(row);
    }
    return rows;
  }

  static long[][] confusion(String html) {
    Matcher table = Pattern.compile("<table id=\"confusion\">(.*?)</table>", Pattern.DOTALL).matcher(html);
    assertTrue(table.find(), "confusion table");
    List<List<String>> rows = cells(table.group(1));
    int K = rows.size() - 1;
    long[][] cm = new long[K][K];
    for (int r = 0; r < K; r++) {
      assertEquals(K + 1, rows.get(r + 1).size());
      for (int c = 0; c < K; c++) cm[r][c] = Long.parseLong(rows.get(r + 1).get(c + 1));
    }
    return cm;
  }

  static long sum(long[][] m) {
    long s = 0;
    for (long[] row : m) for (long v : row) s += v;
    return s;
  }

  static void assertPng(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " written");
    byte[] b = Files.readAllBytes(file);
    assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', file + " is a PNG");
    var image = javax.imageio.ImageIO.read(file.toFile());
    assertEquals(880, image.getWidth());
  }

  /** No script, no external address; every image a data: URI holding the same PNG as the file beside the page. */
  static void assertSelfContained(String html, Path folder) throws IOException {
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script");
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("//cdn"), "no external URL");
    Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]*)\"[^>]*><figcaption>[^<]*\\(<a href=\"([^\"]+)\">").matcher(html);
    int n = 0;
    while (img.find()) {
      n++;
      assertTrue(img.group(1).startsWith("data:image/png;base64,"), "embedded image");
      byte[] embedded = Base64.getDecoder().decode(img.group(1).substring("data:image/png;base64,".length()));
      assertTrue(java.util.Arrays.equals(embedded, Files.readAllBytes(folder.resolve(img.group(2)))),
          img.group(2) + " is the embedded image");
    }
    assertTrue(n >= 8, "images found: " + n);
    try (var files = Files.list(folder)) {
      assertEquals(n + 1, files.count(), "the page and one PNG per chart");
    }
  }
}
