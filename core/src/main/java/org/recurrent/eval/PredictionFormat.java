package org.recurrent.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How predictions are written: CSV with a header row, or JSON Lines (one object per line). */
public enum PredictionFormat {
  CSV("csv"),
  JSONL("jsonl");

  private final String extension;

  PredictionFormat(String extension) {
    this.extension = extension;
  }

  /** The name on the command line and the file extension: {@code csv}, {@code jsonl}. */
  public String extension() {
    return extension;
  }

  /** The format a file's extension names ({@code .csv}, {@code .jsonl}, any case), if it names one. */
  public static Optional<PredictionFormat> byExtension(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> name.endsWith("." + f.extension)).findFirst();
  }

  /** The format named {@code csv} or {@code jsonl}. */
  public static PredictionFormat named(String name) {
    return Arrays.stream(values()).filter(f -> f.extension.equals(name.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--format must be " + choices() + ", got '" + name + "'"));
  }

  /** {@code "csv or jsonl"}. */
  public static String choices() {
    return String.join(" or ", Arrays.stream(values()).map(PredictionFormat::extension).toList());
  }

  /** One CSV cell: quoted (quotes doubled) when it holds a comma, a quote or a newline, as RFC 4180 reads it. */
  public static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
