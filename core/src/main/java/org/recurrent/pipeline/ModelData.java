package org.recurrent.pipeline;

import org.recurrent.config.ConfigFiles;
import org.recurrent.config.DataConfig;
import org.recurrent.config.ForecastOptions;
import org.recurrent.config.TextOptions;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recurrent.data.CsvReader;
import org.recurrent.data.DataPart;
import org.recurrent.data.DataFiles;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceDataset;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.text.ClassLabels;
import org.recurrent.data.text.LabelledText;
import org.recurrent.data.text.TextClassificationReader;
import org.recurrent.data.text.TextCorpus;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.timeseries.Scaler;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.TimeSeriesCsvReader;
import org.recurrent.data.timeseries.Windowing;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.Model;
import org.recurrent.models.ModelManifest;

/**
 * Reads new data for a trained model (evaluation, prediction) exactly as its training data were read: the same
 * format and reader options (from {@code config.json}), the training class list, vocabulary and scalers.
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
   * @param labels {@code yes}: the file must hold targets (evaluation); {@code no}: it holds none; {@code auto}:
   *               CSV files are checked for the label column, text files for a readable label on every line
   */
  public Records read(Path file, String labels) throws IOException {
    return switch (format) {
      case "wide_csv", "long_csv", "jsonl" -> sequences(file, labels);
      case "text" -> text(file, labels);
      case "text_corpus" -> new Records(List.of(), true, null, vocabulary().encode(TextCorpus.readText(file)), null);
      case "timeseries_csv" -> labels.equals("yes") ? series(file) : forecastInputs(file);
      default -> throw new IOException(model.dir().resolve(ModelDirectory.CONFIG) + ": unknown data format '" + format + "'");
    };
  }

  public Vocabulary vocabulary() throws IOException {
    Path f = model.file("vocabulary");
    if (f == null) throw new IOException(model.dir() + ": this model has no vocabulary file");
    return Vocabulary.load(f);
  }

  private Records sequences(Path file, String labels) throws IOException {
    JsonNode readerOptions = withoutLabel(file, labels);
    boolean labelled = readerOptions.equals(options);
    DataConfig layout = new DataConfig(format, file.toString(), null, null, null, readerOptions,
        manifest.data().path("feature_scaling").asText("none"));
    SequenceDataset d = DataPreparation.readSequences(layout, file,
        manifest.classes().isEmpty() || !labelled ? null : manifest.classes());
    int expected = model.model().signature().features();
    if (d.features() != expected) {
      throw new IllegalArgumentException(file + ": records have " + d.features() + " features per step, the model "
          + "was trained on " + expected);
    }
    List<SequenceExample> examples = d.examples();
    Path scalerFile = model.file("feature_scaler");
    if (scalerFile != null) {
      Scaler scaler = Scaler.load(scalerFile);
      examples = examples.stream().map(e -> FeatureScaling.scale(scaler, e)).toList();
    }
    return new Records(examples, labelled && d.targetKind() != TargetKind.NONE, null, null, null);
  }

  /** The reader options, with the label column/field removed when the file has no labels. */
  private JsonNode withoutLabel(Path file, String labels) throws IOException {
    String key = format.equals("jsonl") ? "y_field" : "label_column";
    String column = options.path(key).asText(format.equals("jsonl") ? "y" : null);
    if (labels.equals("yes") || column == null) return options;
    boolean present;
    if (labels.equals("no")) {
      present = false;
    } else if (format.equals("jsonl")) {
      try (BufferedReader r = DataFiles.open(file)) {
        String first = r.readLine();
        present = first != null && ModelDirectory.JSON.readTree(first).has(column);
      }
    } else {
      try (CsvReader csv = CsvReader.open(file, options.path("delimiter").asText(",").charAt(0),
          options.path("header").asBoolean(true))) {
        present = csv.header().contains(column);
      }
    }
    if (present) return options;
    var copy = options.deepCopy();
    if (format.equals("jsonl")) ((com.fasterxml.jackson.databind.node.ObjectNode) copy).put("target", "none");
    else {
      ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("label_column", "positive_labels", "classes",
          "label_kind", "per_step_labels"));
    }
    return copy;
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
    // no labels: every non-blank line is a text
    List<SequenceExample> out = new ArrayList<>();
    try (BufferedReader r = DataFiles.open(file)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        int[] ids = vocabulary.encode(line);
        if (o.maxLength() != null && o.maxLength() > 0 && ids.length > o.maxLength()) ids = Arrays.copyOf(ids, o.maxLength());
        if (ids.length == 0) throw DataFormatException.at(file, n, "a text with tokens", "none");
        float[] x = new float[ids.length];
        for (int t = 0; t < ids.length; t++) x[t] = ids[t];
        out.add(new SequenceExample(Long.toString(n), ids.length, 1, x, new float[0], file + ":" + n));
      }
    }
    if (out.isEmpty()) throw new DataFormatException(file + ": no texts to read (the file is empty)");
    return new Records(out, false, null, null, null);
  }

  private Records series(Path file) throws IOException {
    ForecastOptions o = ConfigFiles.options(options, ForecastOptions.class, model.dir().resolve(ModelDirectory.CONFIG) + " data.options");
    TimeSeries series = new TimeSeriesCsvReader(o.csv()).read(file);
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
    TimeSeries series = new TimeSeriesCsvReader(o.csv()).read(file);
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
      float[] x = new float[lags * inputs.length];                               // (L, C)
      for (int s = 0; s < lags; s++) {
        for (int c = 0; c < inputs.length; c++) x[s * inputs.length + c] = scaled[t - lags + 1 + s][inputs[c]];
      }
      String id = series.times().isEmpty() ? Integer.toString(t) : series.times().get(t);
      out.add(new SequenceExample(id, lags, inputs.length, x, new float[0], series.source(t)));
    }
    return new Records(out, false, null, null, series);
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
