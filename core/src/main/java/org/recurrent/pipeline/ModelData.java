package org.recurrent.pipeline;

import org.recurrent.config.ConfigFiles;
import org.recurrent.config.DataConfig;
import org.recurrent.config.ForecastOptions;
import org.recurrent.config.TextOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recurrent.data.CsvReader;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.tasks.DataPart;
import org.recurrent.models.DataSignature;
import org.recurrent.data.LongCsvOptions;
import org.recurrent.data.LongCsvReader;
import org.recurrent.data.NumberedLines;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.JsonlOptions;
import org.recurrent.data.SequenceDataset;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.WideCsvOptions;
import org.recurrent.data.WideCsvReader;
import org.recurrent.data.text.ClassLabels;
import org.recurrent.data.text.TextClassificationReader;
import org.recurrent.data.text.TextCorpus;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.timeseries.Scaler;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.Windowing;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.Model;
import org.recurrent.models.ModelManifest;

/**
 * Reads new data for a trained model (evaluation, prediction) exactly as its training data were read: the same
 * format and reader options (from {@code config.json}), the training class list, vocabulary and scalers.
 *
 * <p>A file's inputs must be the model's, or reading stops with a {@link DataFormatException} naming the file, the
 * line and what was expected and found, before any value is read: the feature columns of a CSV file
 * ({@link ModelManifest#featureNames}, every column of a wide CSV), in order; the series columns of a forecast
 * file; the values per step of JSON Lines; and no label column when the caller says there are no labels. A
 * mismatch is never read as other inputs (in a wide CSV an extra column would be one more time step); the message
 * says how the columns differ ({@link ColumnMismatch}). EHR tables are read by {@link EhrModelData}.
 */
public final class ModelData {
  private final ModelDirectory.Loaded model;
  private final ModelManifest manifest;
  private final String format;
  private final JsonNode options;

  /** Records read for a model; {@code windows} for forecasts, {@code corpus} for a language model. */
  public record Records(List<SequenceExample> examples, boolean labelled, List<ForecastWindow> windows, int[] corpus,
                        TimeSeries series) {
    /** These records as a data part for {@code model}: its input type and, when labelled, its target layout. */
    public DataPart part(String name, Model model) {
      boolean perStep = model.perStep();
      int width = 0;
      if (labelled && !examples.isEmpty()) {
        SequenceExample first = examples.get(0);
        width = perStep ? first.y().length / first.length() : first.y().length;
      }
      return new DataPart(name, examples, corpus, windows, model.signature().tokens(), perStep, width);
    }
  }

  public ModelData(ModelDirectory.Loaded model) {
    this.model = model;
    this.manifest = model.manifest();
    this.format = manifest.data().path("format").asText();
    this.options = manifest.data().path("options");
  }

  public String format() {
    return format;
  }

  /**
   * @param labels {@code yes}: the file must hold targets (evaluation); {@code no}: it holds none (a CSV file that
   *               still has the label column is an error); {@code auto}: CSV files are checked for the label
   *               column (by name, or for a file without a header by position), JSON Lines for the label field on
   *               the first line, text files for a readable label on every line
   */
  public Records read(Path file, String labels) throws IOException {
    return switch (format) {
      case "wide_csv", "long_csv", "jsonl" -> sequences(file, labels);
      case "text" -> text(file, labels);
      case "text_corpus" -> new Records(List.of(), true, null, vocabulary().encode(TextCorpus.readText(file)), null);
      case "timeseries_csv" -> labels.equals("yes") ? series(file) : forecastInputs(file);
      case "ehr" -> EhrModelData.read(model, file, labels);
      case "deid_notes" -> DeidPreparation.readForModel(file, labels, manifest.classes(), model.file("codes"));
      case "synthetic" -> throw new IOException(model.dir().resolve(ModelDirectory.CONFIG) + ": this model was trained on "
          + "generated records (data.format synthetic, task " + options.path("task").asText("?") + "), which have no "
          + "file format to read new data from; its test part is scored by train (metrics.json)");
      default -> throw new IOException(model.dir().resolve(ModelDirectory.CONFIG) + ": unknown data format '" + format + "'");
    };
  }

  public Vocabulary vocabulary() throws IOException {
    Path f = model.file("vocabulary");
    if (f == null) throw new IOException(model.dir() + ": this model has no vocabulary file");
    return Vocabulary.load(f);
  }

  private Records sequences(Path file, String labels) throws IOException {
    boolean labelled = hasLabels(file, labels);
    DataConfig layout = new DataConfig(format, file.toString(), null, null, null,
        labelled ? options : withoutLabel(), manifest.data().path("feature_scaling").asText(null));
    if (!format.equals("jsonl")) checkFeatureColumns(file, layout.options());
    CodeIndex index = new CodeIndex();
    SequenceDataset d = DataPreparation.readSequences(layout, file,
        manifest.classes().isEmpty() || !labelled ? null : manifest.classes(), index);
    DataSignature signature = model.model().signature();
    int inputSize = signature.features();
    if (d.features() != inputSize && !d.examples().isEmpty()) {
      throw new DataFormatException(d.examples().get(0).source() + ": expected " + inputSize + " values per step as the "
          + "model was trained on (" + String.join(", ", manifest.featureNames()) + "), found " + d.features());
    }
    List<SequenceExample> examples = d.examples();
    Path codesFile = model.file("codes");
    if (codesFile != null) {
      CodeVocabulary codes = CodeVocabulary.load(codesFile);
      examples = examples.stream().map(e -> codes.remap(e, index)).toList();
    }
    Path scalerFile = model.file("feature_scaler");
    if (scalerFile != null) {
      Scaler scaler = Scaler.load(scalerFile);
      examples = examples.stream().map(e -> FeatureScaling.scale(scaler, e)).toList();
    }
    return new Records(examples, labelled && d.targetKind() != TargetKind.NONE, null, null, null);
  }

  /** The training data's label column (CSV) or field (JSON Lines); null when they had none. */
  private String labelColumn() {
    return format.equals("jsonl") ? readerOptions(JsonlOptions.class).yField() : options.path("label_column").asText(null);
  }

  /** config.json's {@code data.options} as the reader's options record, so its defaults apply (not a copy here). */
  private <T> T readerOptions(Class<T> type) {
    return ConfigFiles.options(options.isMissingNode() ? null : options, type,
        model.dir().resolve(ModelDirectory.CONFIG) + " data.options");
  }

  /** Whether the training CSV had a header line, by the CSV reader's options (default true). */
  private boolean header() {
    return format.equals("wide_csv") ? readerOptions(WideCsvOptions.class).header()
        : readerOptions(LongCsvOptions.class).header();
  }

  /**
   * Whether to read {@code file}'s labels. {@code yes}: always (a missing label column is the reader's error);
   * {@code auto}: when the file has the training label column or field; {@code no}: never, and a CSV file that
   * still has the label column is an error, because its values would be read as features.
   */
  private boolean hasLabels(Path file, String labels) throws IOException {
    String column = labelColumn();
    if (labels.equals("yes") || column == null) return true;
    if (format.equals("jsonl")) {
      if (labels.equals("no")) return false;                     // the label is a field of its own, never an input
      try (NumberedLines r = new NumberedLines(file)) {
        String first = r.next();
        if (first == null) return false;
        try {
          return ModelDirectory.JSON.readTree(first).has(column);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          return true;                              // not JSON: the reader says where and why
        }
      }
    }
    boolean header = header();
    try (CsvReader csv = CsvReader.open(file, delimiter(), header)) {
      boolean present = csv.header().contains(column);
      if (present && labels.equals("no")) {
        String where = header ? "the label column \"" + column + "\" (column " + (csv.header().indexOf(column) + 1) + ")"
            : csv.header().size() + " columns, and column " + column + " is the label in the model's layout "
            + "(label_column \"" + column + "\")";
        throw DataFormatException.at(file, csv.headerLine(), "no label column with --labels no", where
            + "; its values would be read as features: use --labels auto or yes, or remove the column");
      }
      return present;
    }
  }

  private char delimiter() {
    return format.equals("wide_csv") ? readerOptions(WideCsvOptions.class).delimiter()
        : readerOptions(LongCsvOptions.class).delimiter();
  }

  /** The reader options without the label column or field, for files that have none. */
  private JsonNode withoutLabel() {
    ObjectNode copy = options.deepCopy();
    if (format.equals("jsonl")) copy.put("target", "none");
    else copy.remove(List.of("label_column", "positive_labels", "classes", "label_kind", "per_step_labels"));
    return copy;
  }

  /**
   * The feature columns that {@code readerOptions} select in {@code file}'s header must be exactly the model's
   * ({@link ModelManifest#featureNames}), in order: an extra, missing, renamed or moved column would otherwise be
   * read as a different input without a word (in a wide CSV, as one more or one fewer time step).
   */
  private void checkFeatureColumns(Path file, JsonNode readerOptions) throws IOException {
    List<String> expected = manifest.featureNames();
    if (expected.isEmpty()) return;
    String where = model.dir().resolve(ModelDirectory.CONFIG) + " data.options";
    boolean header = header();
    try (CsvReader csv = CsvReader.open(file, delimiter(), header)) {
      List<String> found = format.equals("wide_csv")
          ? WideCsvReader.featureColumns(csv, ConfigFiles.options(readerOptions, WideCsvOptions.class, where))
          : LongCsvReader.featureColumns(csv, ConfigFiles.options(readerOptions, LongCsvOptions.class, where));
      int inputSize = model.model().signature().features();
      if (format.equals("wide_csv") && expected.size() == inputSize && found.size() > inputSize
          && found.size() % inputSize == 0) {
        // a model written before the manifest listed every column of a wide CSV names only the first step's F
        found = found.subList(0, inputSize);
      }
      if (!found.equals(expected)) {
        throw DataFormatException.at(file, csv.headerLine(),
            ColumnMismatch.message("feature", expected, found, csv.header(), header));
      }
    }
  }

  private Records text(Path file, String labels) throws IOException {
    TextOptions o = ConfigFiles.options(options, TextOptions.class, model.dir().resolve(ModelDirectory.CONFIG) + " data.options");
    TextClassificationReader reader = new TextClassificationReader(o.classification());
    Vocabulary vocabulary = vocabulary();
    ClassLabels classes = new ClassLabels(manifest.classes());
    if (!labels.equals("no")) {
      try {
        return new Records(reader.readExamples(file, vocabulary, classes), true, null, null, null);
      } catch (DataFormatException e) {
        if (labels.equals("yes")) throw e;
      }
    }
    // no labels: every non-blank line is a text, stripped like the text of a labelled line
    List<SequenceExample> out = new ArrayList<>();
    try (NumberedLines r = new NumberedLines(file)) {
      for (String line = r.next(); line != null; line = r.next()) {
        long n = r.line();
        if (line.isBlank()) continue;
        int[] ids = vocabulary.encode(line.strip());
        if (o.maxLength() != null && o.maxLength() > 0 && ids.length > o.maxLength()) ids = Arrays.copyOf(ids, o.maxLength());
        if (ids.length == 0) throw DataFormatException.at(file, n, "a text with tokens", "none");
        out.add(SequenceExample.tokens(Long.toString(n), ids, new float[0], file + ":" + n));
      }
    }
    if (out.isEmpty()) throw new DataFormatException(file + ": no texts to read (the file is empty)");
    return new Records(out, false, null, null, null);
  }

  private Records series(Path file) throws IOException {
    ForecastOptions o = ConfigFiles.options(options, ForecastOptions.class, model.dir().resolve(ModelDirectory.CONFIG) + " data.options");
    TimeSeries series = o.read(file);
    checkSeriesColumns(file, series, o);
    Scaler scaler = Scaler.load(model.file("series_scaler"));
    Windowing windowing = o.windowing(series.columns());
    List<ForecastWindow> windows = series.rows() >= windowing.lags() + windowing.horizon()
        ? windowing.apply(series, scaler) : List.of();
    return new Records(windows.stream().map(ForecastWindow::example).toList(), true, windows, null, series);
  }

  /**
   * Prediction inputs for a forecaster: the window ending at every row from the L-th on, the last row included,
   * so the last prediction is the forecast beyond the end of the file. Ids are the times of the windows' last rows.
   */
  private Records forecastInputs(Path file) throws IOException {
    ForecastOptions o = ConfigFiles.options(options, ForecastOptions.class, model.dir().resolve(ModelDirectory.CONFIG) + " data.options");
    TimeSeries series = o.read(file);
    checkSeriesColumns(file, series, o);
    Scaler scaler = Scaler.load(model.file("series_scaler"));
    Windowing windowing = o.windowing(series.columns());
    int lags = windowing.lags();
    if (series.rows() < lags) {
      throw new IllegalArgumentException(file + ": " + series.rows() + " rows are fewer than the " + lags
          + " lags the model reads; a forecast needs at least " + lags + " rows");
    }
    if (scaler.columns() != series.columns().size()) {
      throw new IllegalArgumentException(file + ": the series has columns " + series.columns() + " but the model was "
          + "trained on " + scaler.columns() + " columns " + manifest.data().path("series_columns"));
    }
    int[] inputs = windowing.inputIndices(series);
    float[][] scaled = scaler.transform(series.values());
    List<SequenceExample> out = new ArrayList<>();
    for (int t = lags - 1; t < series.rows(); t++) {
      float[] x = windowing.inputWindow(scaled, t, inputs, series.columns());   // (L, C)
      String id = series.times().isEmpty() ? Integer.toString(t) : series.times().get(t);
      out.add(windowing.example(id, x, inputs.length, new float[0], series.source(t), scaled, t,
          windowing.targetIndices(series)));
    }
    return new Records(out, false, null, null, series);
  }

  /**
   * A forecast file's value columns must be the training series' ({@code data.series_columns}), in order: the
   * scaler, the inputs and the targets are all by column position.
   */
  private void checkSeriesColumns(Path file, TimeSeries series, ForecastOptions o) throws IOException {
    List<String> expected = new ArrayList<>();
    manifest.data().path("series_columns").forEach(n -> expected.add(n.asText()));
    if (expected.isEmpty() || series.columns().equals(expected)) return;
    try (CsvReader csv = CsvReader.open(file, o.csv().delimiter(), true, CsvReader.QuotedLineBreaks.ALLOW)) {
      throw DataFormatException.at(file, csv.headerLine(),
          ColumnMismatch.message("series", expected, series.columns(), csv.header(), true));
    }
  }

  /** For forecasts: how the model's windows are made (strategy, horizon, targets), as config.json says. */
  public Windowing forecastWindowing() throws IOException {
    ForecastOptions o = ConfigFiles.options(options, ForecastOptions.class, "data.options");
    List<String> columns = new ArrayList<>();
    manifest.data().path("series_columns").forEach(n -> columns.add(n.asText()));
    return o.windowing(columns);
  }

  /** The time column of a forecaster's series, or null when its file has none. */
  public String timeColumn() throws IOException {
    return ConfigFiles.options(options, ForecastOptions.class, "data.options").timeColumn();
  }

  /** For forecasts: output k maps to series column targetColumns[k mod targets] (in the scaler's order). */
  public int[] targetColumns() throws IOException {
    ForecastOptions o = ConfigFiles.options(options, ForecastOptions.class, "data.options");
    List<String> columns = new ArrayList<>();
    manifest.data().path("series_columns").forEach(n -> columns.add(n.asText()));
    Windowing w = o.windowing(columns);
    return w.targetColumns().stream().mapToInt(columns::indexOf).toArray();
  }

  /**
   * Maps a row of K forecast outputs back to data units: output k belongs to series column
   * {@code columns[k mod targets]} (targets repeat per step in multi-step forecasts).
   */
  public static java.util.function.UnaryOperator<float[]> unscaler(Scaler scaler, int[] columns) {
    return row -> {
      float[] out = new float[row.length];
      for (int k = 0; k < row.length; k++) out[k] = scaler.inverseTransform(columns[k % columns.length], row[k]);
      return out;
    };
  }

  public Scaler seriesScaler() throws IOException {
    return Scaler.load(model.file("series_scaler"));
  }
}
