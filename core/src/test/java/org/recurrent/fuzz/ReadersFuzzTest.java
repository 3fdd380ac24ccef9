package org.recurrent.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.recurrent.config.ConfigFiles;
import org.recurrent.data.JsonlOptions;
import org.recurrent.data.JsonlReader;
import org.recurrent.data.LongCsvOptions;
import org.recurrent.data.LongCsvReader;
import org.recurrent.data.PrintableText;
import org.recurrent.data.SequenceDataset;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.WideCsvOptions;
import org.recurrent.data.WideCsvReader;
import org.recurrent.data.text.TextClassificationOptions;
import org.recurrent.data.text.TextClassificationReader;
import org.recurrent.data.text.TextCorpus;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.TimeSeriesCsvOptions;
import org.recurrent.data.timeseries.TimeSeriesCsvReader;

/**
 * The fuzz corpus of issue 15 as properties: for every reader (wide, long and time-series CSV, JSON Lines,
 * labelled text, a text corpus, a YAML and a JSON training config), a valid generated file reads back exactly, and
 * the same file broken (truncated, a byte flipped or inserted, a row with a column too many or too few, a huge
 * number, NaN, emptied, a byte-order mark, control characters, a NUL) gives either a one-line error naming the
 * file, or a result whose values are all finite and whose size fits the file; never a hang (each read runs under a
 * {@value #TIMEOUT_SECONDS} s timeout), an OutOfMemoryError, or an exception of another type (a stack trace for
 * the user).
 *
 * <p>Fixed seeds and tries, so CI time is bounded and a failure repeats: {@value #TRIES} tries per property.
 */
class ReadersFuzzTest {

  static final int TRIES = 1000;
  static final String SEED = "15";
  static final int TIMEOUT_SECONDS = 10;

  private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fuzz-reader");
    t.setDaemon(true);
    return t;
  });
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("recurrent-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.list(DIR)) {
      for (Path f : files.toList()) Files.deleteIfExists(f);
    }
    Files.deleteIfExists(DIR);
  }

  // ---- the generated inputs ------------------------------------------------------------------------------------

  /** A number as a CSV or JSON file would spell it, and the float it means. */
  record Num(String text, float value) {}

  static Arbitrary<Num> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-1000, 1000).map(i -> new Num(Integer.toString(i), i)),
        Arbitraries.floats().between(-1e6f, 1e6f).map(f -> new Num(Float.toString(f), f)),
        Arbitraries.doubles().between(-10, 10).ofScale(3).map(d -> new Num(String.format(Locale.ROOT, "%.3f", d),
            Float.parseFloat(String.format(Locale.ROOT, "%.3f", d)))));
  }

  /** Rows of numbers, all the same width. */
  static Arbitrary<List<List<Num>>> table() {
    return Arbitraries.integers().between(1, 6).flatMap(width ->
        numbers().list().ofSize(width).list().ofMinSize(1).ofMaxSize(12));
  }

  /** How a valid file is broken. */
  enum Damage { NONE, TRUNCATE, FLIP_BYTE, INSERT_BYTE, EXTRA_COLUMN, MISSING_COLUMN, HUGE_NUMBER, NAN, EMPTY, BOM,
    CONTROL, NUL, HEADER_ONLY, NOT_UTF8, DUPLICATE_LINE }

  record Broken(Damage damage, int where, int value) {}

  @Provide
  Arbitrary<Broken> damage() {
    return Combinators.combine(Arbitraries.of(Damage.class), Arbitraries.integers().between(0, 1_000_000),
        Arbitraries.integers().between(0, 255)).as(Broken::new);
  }

  /** {@code text} broken as {@code b} says; lines are {@code \n}-separated, the first is the header if any. */
  static byte[] apply(String text, Broken b) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int row = lines.size() <= 1 ? 0 : 1 + b.where() % Math.max(1, lines.size() - 2);
    int at = bytes.length == 0 ? 0 : b.where() % bytes.length;
    switch (b.damage()) {
      case NONE -> { return bytes; }
      case TRUNCATE -> { return java.util.Arrays.copyOf(bytes, at); }
      case FLIP_BYTE -> {
        byte[] c = bytes.clone();
        if (c.length > 0) c[at] ^= (byte) (1 + b.value() % 255);
        return c;
      }
      case INSERT_BYTE -> {
        byte[] c = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, c, 0, at);
        c[at] = (byte) b.value();
        System.arraycopy(bytes, at, c, at + 1, bytes.length - at);
        return c;
      }
      case EXTRA_COLUMN -> lines.set(row, lines.get(row) + ",1");
      case MISSING_COLUMN -> lines.set(row, lines.get(row).replaceFirst(",[^,]*$", ""));
      case HUGE_NUMBER -> lines.set(row, lines.get(row).replaceFirst("-?[0-9][0-9.]*(E-?[0-9]+)?", "1e39"));
      case NAN -> lines.set(row, lines.get(row).replaceFirst("-?[0-9][0-9.]*(E-?[0-9]+)?", "NaN"));
      case EMPTY -> { return new byte[0]; }
      case BOM -> { return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8); }
      case CONTROL -> lines.set(row, lines.get(row).replaceFirst(",", ",\u001b[31m"));
      case NUL -> lines.set(row, lines.get(row) + "\0");
      case HEADER_ONLY -> { return (lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8); }
      case NOT_UTF8 -> {
        byte[] c = bytes.clone();
        if (c.length > 0) c[at] = (byte) 0xff;
        return c;
      }
      case DUPLICATE_LINE -> lines.add(row, lines.get(row));
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  // ---- the oracle ----------------------------------------------------------------------------------------------

  private static int fileCounter;

  static synchronized Path write(String name, byte[] bytes) throws IOException {
    Path f = DIR.resolve((fileCounter++) + "-" + name);
    Files.write(f, bytes);
    return f;
  }

  /**
   * Runs {@code read} under the timeout. Returns its result, or null when it failed as it should: an IOException or
   * IllegalArgumentException whose message names the file and is one line without raw control characters. Any other
   * outcome fails the property.
   */
  static <T> T readOrCleanError(Path file, Callable<T> read) throws Exception {
    Future<T> f = READER.submit(read);
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      fail(file + ": the read did not finish in " + TIMEOUT_SECONDS + " s");
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (!(cause instanceof IOException || cause instanceof IllegalArgumentException)) {
        throw new AssertionError(file + ": " + cause.getClass().getName() + " is not a clean error", cause);
      }
      String message = cause.getMessage();
      assertTrue(message != null && message.contains(file.getFileName().toString()),
          "the error names no file: " + message);
      assertEquals(PrintableText.escape(message), message, "raw control characters in: " + message);
      return null;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static void assertFinite(Path file, float[] values) {
    for (float v : values) assertTrue(Float.isFinite(v), file + ": a non-finite value was read: " + v);
  }

  static float[] dense(SequenceExample e) {
    return ((StepInput.Dense) e.primary()).values();
  }

  static String csv(List<String> header, List<List<Num>> rows, java.util.function.IntFunction<String> prefix) {
    StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
    for (int r = 0; r < rows.size(); r++) {
      s.append(prefix.apply(r));
      s.append(String.join(",", rows.get(r).stream().map(Num::text).toList())).append('\n');
    }
    return s.toString();
  }

  static List<String> names(String stem, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(stem + i);
    return out;
  }

  // ---- one property per reader ---------------------------------------------------------------------------------

  @Property(tries = TRIES, seed = SEED)
  void wideCsv(@ForAll("tables") List<List<Num>> rows, @ForAll("damage") Broken b) throws Exception {
    int width = rows.get(0).size();
    List<String> header = new ArrayList<>(List.of("id", "label"));
    header.addAll(names("x", width));
    String text = csv(header, rows, r -> "r" + r + "," + (r % 2) + ",");
    Path file = write("wide.csv", apply(text, b));
    WideCsvOptions options = new WideCsvOptions(null, null, "id", "label", null, null, null, null, null, null);
    SequenceDataset d = readOrCleanError(file, () -> WideCsvReader.read(file, options));
    if (d == null) return;
    assertTrue(d.size() <= rows.size() + 1, "more records than rows");
    for (SequenceExample e : d.examples()) assertFinite(file, dense(e));
    if (b.damage() == Damage.NONE || b.damage() == Damage.BOM) {
      assertEquals(rows.size(), d.size());
      for (int r = 0; r < rows.size(); r++) {
        float[] expected = new float[width];
        for (int c = 0; c < width; c++) expected[c] = rows.get(r).get(c).value();
        assertArrayEquals(expected, dense(d.examples().get(r)), "record " + r);
        assertEquals("r" + r, d.examples().get(r).id());
      }
    }
  }

  @Property(tries = TRIES, seed = SEED)
  void longCsv(@ForAll("tables") List<List<Num>> rows, @ForAll("damage") Broken b) throws Exception {
    int width = rows.get(0).size();
    List<String> header = new ArrayList<>(List.of("id", "time"));
    header.addAll(names("f", width));
    String text = csv(header, rows, r -> "s" + (r % 3) + "," + r + ",");
    Path file = write("long.csv", apply(text, b));
    SequenceDataset d = readOrCleanError(file, () -> LongCsvReader.read(file, LongCsvOptions.defaults()));
    if (d == null) return;
    int steps = 0;
    for (SequenceExample e : d.examples()) {
      assertFinite(file, dense(e));
      steps += e.length();
    }
    assertTrue(steps <= rows.size() + 1, "more steps than rows");
    if (b.damage() == Damage.NONE || b.damage() == Damage.BOM) {
      assertEquals(rows.size(), steps);
      assertEquals(Math.min(3, rows.size()), d.size());
    }
  }

  @Property(tries = TRIES, seed = SEED)
  void timeSeriesCsv(@ForAll("tables") List<List<Num>> rows, @ForAll("damage") Broken b,
                     @ForAll boolean quoted) throws Exception {
    int width = rows.get(0).size();
    List<String> header = new ArrayList<>(List.of("date"));
    header.addAll(names("v", width));
    String text = csv(header, rows, r -> "d" + r + ",");
    if (quoted) text = text.replaceAll("([^,\n]+)", "\"$1\"");       // every field quoted, as spreadsheets write it
    Path file = write("series.csv", apply(text, b));
    TimeSeries s = readOrCleanError(file,
        () -> new TimeSeriesCsvReader(new TimeSeriesCsvOptions("date", List.of(), ',')).read(file));
    if (s == null) return;
    assertTrue(s.rows() <= rows.size() + 1, "more rows than written");
    for (float[] v : s.values()) assertFinite(file, v);
    if (b.damage() == Damage.NONE || b.damage() == Damage.BOM) {
      assertEquals(rows.size(), s.rows());
      assertEquals(names("v", width), s.columns());
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < width; c++) assertEquals(rows.get(r).get(c).value(), s.values()[r][c]);
      }
    }
  }

  @Property(tries = TRIES, seed = SEED)
  void jsonLines(@ForAll("tables") List<List<Num>> rows, @ForAll("damage") Broken b) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      text.append("{\"id\": \"r").append(r).append("\", \"x\": [")
          .append(String.join(", ", rows.get(r).stream().map(n -> "[" + n.text() + "]").toList()))
          .append("], \"y\": \"").append(r % 2).append("\"}\n");
    }
    Broken onJson = b.damage() == Damage.HEADER_ONLY ? new Broken(Damage.TRUNCATE, b.where(), b.value()) : b;
    Path file = write("records.jsonl", apply(text.toString(), onJson));
    SequenceDataset d = readOrCleanError(file, () -> JsonlReader.read(file, JsonlOptions.defaults()));
    if (d == null) return;
    assertTrue(d.size() <= rows.size() + 1, "more records than lines");
    for (SequenceExample e : d.examples()) assertFinite(file, dense(e));
    if (b.damage() == Damage.NONE || b.damage() == Damage.BOM) {
      assertEquals(rows.size(), d.size());
      for (int r = 0; r < rows.size(); r++) {
        float[] expected = new float[rows.get(r).size()];
        for (int c = 0; c < expected.length; c++) expected[c] = rows.get(r).get(c).value();
        assertArrayEquals(expected, dense(d.examples().get(r)), "record " + r);
      }
    }
  }

  @Provide
  Arbitrary<List<List<Num>>> tables() {
    return table();
  }

  @Provide
  Arbitrary<List<String>> texts() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', 'é', '中').ofMinLength(1).ofMaxLength(30)
        .filter(s -> !s.isBlank()).list().ofMinSize(1).ofMaxSize(10);
  }

  @Property(tries = TRIES, seed = SEED)
  void labelledText(@ForAll("texts") List<String> texts, @ForAll("damage") Broken b) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) text.append(texts.get(i).strip()).append('\t').append(i % 3).append('\n');
    Path file = write("texts.tsv", apply(text.toString(), b));
    var reader = new TextClassificationReader(TextClassificationOptions.labelLast());
    var read = readOrCleanError(file, () -> reader.read(file));
    if (read == null) return;
    assertTrue(read.size() <= texts.size() + 1, "more texts than lines");
    if (b.damage() == Damage.NONE || b.damage() == Damage.BOM) {
      assertEquals(texts.size(), read.size());
      for (int i = 0; i < texts.size(); i++) {
        assertEquals(texts.get(i).strip(), read.get(i).text());
        assertEquals(Integer.toString(i % 3), read.get(i).label());
      }
    }
  }

  @Property(tries = TRIES, seed = SEED)
  void textCorpus(@ForAll("texts") List<String> texts, @ForAll("damage") Broken b) throws Exception {
    String text = String.join("\n", texts) + "\n";
    Path file = write("corpus.txt", apply(text, b));
    String read = readOrCleanError(file, () -> TextCorpus.readText(file));
    if (read == null) return;
    if (b.damage() == Damage.NONE || b.damage() == Damage.BOM) assertEquals(text, read);
  }

  // ---- configs -------------------------------------------------------------------------------------------------

  record ConfigValues(int hidden, int epochs, double lr, long seed) {}

  @Provide
  Arbitrary<ConfigValues> configs() {
    return Combinators.combine(Arbitraries.integers().between(1, 64), Arbitraries.integers().between(1, 50),
        Arbitraries.doubles().between(1e-5, 1).ofScale(5), Arbitraries.longs().between(0, 1L << 40))
        .as(ConfigValues::new);
  }

  /** Damage that suits a config: the CSV-specific kinds become a fractional integer or a non-finite rate. */
  static String configText(ConfigValues v, boolean json, Broken b) {
    String hidden = Integer.toString(v.hidden());
    String lr = Double.toString(v.lr());
    switch (b.damage()) {
      case EXTRA_COLUMN, HUGE_NUMBER -> hidden = v.hidden() + ".7";
      case MISSING_COLUMN -> hidden = "99999999999";
      case NAN -> lr = json ? "\"NaN\"" : ".nan";
      case CONTROL -> lr = json ? "\"Infinity\"" : ".inf";
      default -> { }
    }
    if (json) {
      return "{\"seed\": " + v.seed() + ", \"task\": \"classification\",\n \"data\": {\"format\": \"wide_csv\", "
          + "\"train\": \"d.csv\"},\n \"model\": {\"cell\": \"gru\", \"hidden_size\": " + hidden + "},\n \"training\": "
          + "{\"epochs\": " + v.epochs() + ", \"optimizer\": {\"name\": \"adam\", \"lr\": " + lr + "}}}\n";
    }
    return "seed: " + v.seed() + "\ntask: classification\ndata:\n  format: wide_csv\n  train: d.csv\nmodel:\n"
        + "  cell: gru\n  hidden_size: " + hidden + "\ntraining:\n  epochs: " + v.epochs() + "\n  optimizer: {name: adam, "
        + "lr: " + lr + "}\n";
  }

  @Property(tries = TRIES, seed = SEED)
  void yamlConfig(@ForAll("configs") ConfigValues v, @ForAll("damage") Broken b) throws Exception {
    config(v, b, false);
  }

  @Property(tries = TRIES, seed = SEED)
  void jsonConfig(@ForAll("configs") ConfigValues v, @ForAll("damage") Broken b) throws Exception {
    config(v, b, true);
  }

  private static void config(ConfigValues v, Broken b, boolean json) throws Exception {
    String text = configText(v, json, b);
    boolean numberDamage = switch (b.damage()) {
      case EXTRA_COLUMN, HUGE_NUMBER, MISSING_COLUMN, NAN, CONTROL -> true;
      default -> false;
    };
    byte[] bytes = numberDamage ? text.getBytes(StandardCharsets.UTF_8) : apply(text, b);
    Path file = write(json ? "run.json" : "run.yaml", bytes);
    var config = readOrCleanError(file, () -> ConfigFiles.readTrainConfig(file));
    if (numberDamage) {
      assertEquals(null, config, "a broken number was accepted: " + text);
      return;
    }
    if (config == null) return;
    var model = (org.recurrent.models.SequenceModelSection) config.model();
    assertTrue(model.hiddenSize() >= 1 && config.training().epochs() >= 0, "nonsense accepted");
    if (config.training().optimizer().lr() != null) {
      assertTrue(Double.isFinite(config.training().optimizer().lr()), "a non-finite rate was accepted");
    }
    if (b.damage() == Damage.NONE || b.damage() == Damage.BOM) {
      assertEquals(v.hidden(), model.hiddenSize());
      assertEquals(v.epochs(), config.training().epochs());
      assertEquals(v.lr(), config.training().optimizer().lr());
      assertEquals(v.seed(), config.seed());
    }
  }
}
