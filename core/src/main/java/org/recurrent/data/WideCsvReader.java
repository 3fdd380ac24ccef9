package org.recurrent.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a wide CSV: one sequence per row, its T*F values spread over the feature columns, an optional id and an
 * optional label column. The UCI epileptic-seizure file is this shape: {@code Unnamed,X1..X178,y} is a length-178
 * sequence of one feature with a class label.
 *
 * <p>Records stream one at a time ({@link #next()}, {@link #forEach}); {@link #read} collects them. Class labels
 * are encoded with a fixed class list when the options give one (evaluation data, binary positive labels);
 * otherwise the classes are fitted by a first, label-only pass over the file ({@link #encoder}), so that the
 * indices do not depend on which label happens to come first.
 *
 * <p>Every feature cell must be a finite number: an empty, non-numeric, NaN or infinite cell is an error naming
 * the file, line, column and text.
 */
public final class WideCsvReader implements Closeable {

  private final CsvReader csv;
  private final int idColumn; // -1: ids are data row indices
  private final TargetColumn target; // null: unlabelled
  private final int[] featureColumns; // (T*F) column indices, step-major
  private final int features;
  private final List<String> featureNames; // (T*F) names of featureColumns
  private final List<String> columnWhere; // "column \"X5\"" per feature column, built once for messages
  private long records;

  private WideCsvReader(CsvReader csv, WideCsvOptions options, LabelEncoder encoder) throws DataFormatException {
    this.csv = csv;
    this.idColumn = options.idColumn() == null ? -1 : csv.column(options.idColumn());
    this.target = options.labelColumn() == null ? null
        : new TargetColumn(csv, options.labelColumn(), options.labelKind(), options.positiveLabels(), encoder);
    this.featureColumns = select(csv, options);
    this.features = options.featuresPerStep();
    if (featureColumns.length % features != 0) {
      throw DataFormatException.at(csv.file(), 1, "a multiple of featuresPerStep = " + features + " feature columns",
          featureColumns.length + " (" + featureColumns.length / features + " steps and " + featureColumns.length % features
              + " left over); check featuresPerStep, featureColumns and dropColumns");
    }
    List<String> names = new ArrayList<>();
    for (int c : featureColumns) names.add(csv.header().get(c));
    this.featureNames = List.copyOf(names);
    List<String> where = new ArrayList<>();
    for (int c : featureColumns) where.add("column \"" + csv.header().get(c) + "\"");
    this.columnWhere = where;
  }

  private static int[] select(CsvReader csv, WideCsvOptions options) throws DataFormatException {
    return FeatureColumns.select(csv, options.featureColumns(), options.dropColumns(),
        FeatureColumns.reserved(options.idColumn(), options.labelColumn()));
  }

  /**
   * The names of the T*F feature columns {@code options} select in {@code csv}'s header, in file order: those named,
   * or every column but the id, the label and the dropped ones. Reads nothing beyond the header.
   */
  public static List<String> featureColumns(CsvReader csv, WideCsvOptions options) throws DataFormatException {
    List<String> names = new ArrayList<>();
    for (int c : select(csv, options)) names.add(csv.header().get(c));
    return names;
  }

  /** Opens {@code file}, fitting the classes first if the options do not fix them. */
  public static WideCsvReader open(Path file, WideCsvOptions options) throws IOException {
    return open(file, options, encoder(file, options));
  }

  /**
   * Opens {@code file} with the given classes (ignored unless the label is a class without positive labels).
   */
  public static WideCsvReader open(Path file, WideCsvOptions options, LabelEncoder encoder) throws IOException {
    CsvReader csv = CsvReader.open(file, options.delimiter(), options.header());
    try {
      return new WideCsvReader(csv, options, encoder);
    } catch (IOException | RuntimeException e) {
      csv.close();
      throw e;
    }
  }

  /**
   * The label encoder for {@code file}: built from {@code options.classes()} when set, else fitted on the label
   * column by reading the file once; null when there are no class labels to encode (unlabelled, regression or
   * positive labels).
   */
  public static LabelEncoder encoder(Path file, WideCsvOptions options) throws IOException {
    if (options.labelColumn() == null || options.labelKind() != TargetKind.CLASS || options.positiveLabels() != null) {
      return null;
    }
    if (options.classes() != null) return LabelEncoder.of(options.classes());
    List<String> labels = new ArrayList<>();
    try (CsvReader csv = CsvReader.open(file, options.delimiter(), options.header())) {
      TargetColumn labelOnly = new TargetColumn(csv, options.labelColumn(), TargetKind.CLASS, null, null);
      for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) labels.add(labelOnly.text(row));
    }
    if (labels.isEmpty()) throw noRecords(file);
    return LabelEncoder.fit(labels);
  }

  /** Reads the whole file into memory. */
  public static SequenceDataset read(Path file, WideCsvOptions options) throws IOException {
    try (WideCsvReader reader = open(file, options)) {
      List<SequenceExample> examples = new ArrayList<>();
      for (SequenceExample e = reader.next(); e != null; e = reader.next()) examples.add(e);
      return reader.dataset(examples);
    }
  }

  /** Streams the records of {@code file} to {@code action} one at a time, without holding them all. */
  public static void forEach(Path file, WideCsvOptions options, LabelEncoder encoder, Consumer<SequenceExample> action)
      throws IOException {
    try (WideCsvReader reader = open(file, options, encoder)) {
      for (SequenceExample e = reader.next(); e != null; e = reader.next()) action.accept(e);
    }
  }

  /** The next record, or null at the end; a file with no records at all is an error. */
  public SequenceExample next() throws IOException {
    CsvReader.Row row = csv.next();
    if (row == null) {
      if (records == 0) throw noRecords(csv.file());
      return null;
    }
    long line = row.line();
    float[] x = new float[featureColumns.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = NumericCell.parse(row.get(featureColumns[i]), csv.file(), line, columnWhere.get(i));
    }
    float[] y = target == null ? new float[0] : new float[] {target.value(target.text(row), line)};
    String id = idColumn < 0 ? Long.toString(records) : row.get(idColumn);
    records++;
    return new SequenceExample(id, x.length / features, features, x, y, csv.file() + ":" + line);
  }

  /** F. */
  public int features() {
    return features;
  }

  /**
   * The names of all T*F feature columns, in file order (step-major). The file names columns, not features, so
   * these are what a model records to check later files' headers against.
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /** A dataset of {@code examples} read by this reader, with its features, classes and target kind. */
  public SequenceDataset dataset(List<SequenceExample> examples) {
    if (target == null) return new SequenceDataset(examples, features, featureNames, List.of(), TargetKind.NONE, 0);
    List<String> classes = target.classes();
    TargetKind kind = classes.isEmpty() ? TargetKind.REGRESSION : TargetKind.CLASS;
    return new SequenceDataset(examples, features, featureNames, classes, kind, 1);
  }

  static DataFormatException noRecords(Path file) {
    return DataFormatException.at(file, 1, "at least one record", "none after the header");
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
