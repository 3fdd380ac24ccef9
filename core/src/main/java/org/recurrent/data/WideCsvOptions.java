package org.recurrent.data;

import java.util.List;

/**
 * How to read a wide CSV, one sequence per row (see {@link WideCsvReader}). Every field may be left out (null) in a
 * YAML or JSON config and takes the default below; start from {@link #defaults()} in code and use the withers.
 *
 * @param header          the first line names the columns (default true); without one, columns are named
 *                        {@code "1", "2", ...}
 * @param delimiter       the field separator (default {@code ','})
 * @param idColumn        the column holding each record's id; null (default): the 0-based data row index, as in
 *                        the {@code row} column of a splits file
 * @param labelColumn     the column holding the target; null (default): unlabelled data
 * @param labelKind       {@code CLASS} (default) or {@code REGRESSION} (one real value)
 * @param positiveLabels  if set, a binary task: the target is class 1 when the label is one of these, else class 0,
 *                        with classes {@code ["0", "1"]} (e.g. seizure {@code y == 1} against the rest)
 * @param classes         the fixed class list, for validation, test or prediction data (use the training classes);
 *                        null (default): fitted from the labels in the file
 * @param featureColumns  the feature columns, in order; null (default): every column except the id, the label and
 *                        {@code dropColumns}
 * @param dropColumns     columns to leave out of the features (default none)
 * @param featuresPerStep F, values per time step (default 1): the C feature columns of a row are a sequence of
 *                        T = C / F steps, step-major ({@code a1,b1,a2,b2,...} for F = 2); C must divide by F
 */
public record WideCsvOptions(Boolean header, Character delimiter, String idColumn, String labelColumn,
                             TargetKind labelKind, List<String> positiveLabels, List<String> classes,
                             List<String> featureColumns, List<String> dropColumns, Integer featuresPerStep) {

  public WideCsvOptions {
    if (header == null) header = true;
    if (delimiter == null) delimiter = ',';
    if (labelKind == null) labelKind = TargetKind.CLASS;
    if (featuresPerStep == null) featuresPerStep = 1;
    dropColumns = dropColumns == null ? List.of() : List.copyOf(dropColumns);
    positiveLabels = positiveLabels == null ? null : List.copyOf(positiveLabels);
    classes = classes == null ? null : List.copyOf(classes);
    featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
    if (delimiter == '"') throw new IllegalArgumentException("delimiter cannot be the quote character '\"'");
    if (featuresPerStep < 1) throw new IllegalArgumentException("featuresPerStep must be >= 1, got " + featuresPerStep);
    if (featureColumns != null && !dropColumns.isEmpty()) {
      throw new IllegalArgumentException("set featureColumns or dropColumns, not both");
    }
    TargetColumn.checkOptions(labelColumn, labelKind, positiveLabels, classes);
  }

  /** Header, comma-separated, no id column, unlabelled, all columns are features, one feature per step. */
  public static WideCsvOptions defaults() {
    return new WideCsvOptions(null, null, null, null, null, null, null, null, null, null);
  }

  public WideCsvOptions withHeader(boolean h) {
    return new WideCsvOptions(h, delimiter, idColumn, labelColumn, labelKind, positiveLabels, classes,
        featureColumns, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withDelimiter(char d) {
    return new WideCsvOptions(header, d, idColumn, labelColumn, labelKind, positiveLabels, classes,
        featureColumns, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withIdColumn(String name) {
    return new WideCsvOptions(header, delimiter, name, labelColumn, labelKind, positiveLabels, classes,
        featureColumns, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withLabelColumn(String name) {
    return new WideCsvOptions(header, delimiter, idColumn, name, labelKind, positiveLabels, classes,
        featureColumns, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withLabelKind(TargetKind kind) {
    return new WideCsvOptions(header, delimiter, idColumn, labelColumn, kind, positiveLabels, classes,
        featureColumns, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withPositiveLabels(List<String> labels) {
    return new WideCsvOptions(header, delimiter, idColumn, labelColumn, labelKind, labels, classes,
        featureColumns, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withClasses(List<String> fixed) {
    return new WideCsvOptions(header, delimiter, idColumn, labelColumn, labelKind, positiveLabels, fixed,
        featureColumns, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withFeatureColumns(List<String> names) {
    return new WideCsvOptions(header, delimiter, idColumn, labelColumn, labelKind, positiveLabels, classes,
        names, dropColumns, featuresPerStep);
  }

  public WideCsvOptions withDropColumns(List<String> names) {
    return new WideCsvOptions(header, delimiter, idColumn, labelColumn, labelKind, positiveLabels, classes,
        featureColumns, names, featuresPerStep);
  }

  public WideCsvOptions withFeaturesPerStep(int f) {
    return new WideCsvOptions(header, delimiter, idColumn, labelColumn, labelKind, positiveLabels, classes,
        featureColumns, dropColumns, f);
  }
}
