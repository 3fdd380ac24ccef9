package org.recurrent.data;

import java.util.List;

/**
 * How to read a long CSV, one time step per row (see {@link LongCsvReader}). Every field may be left out (null)
 * in a YAML or JSON config and takes the default below; start from {@link #defaults()} in code and use the withers.
 *
 * @param header         the first line names the columns (default true); without one, columns are {@code "1".."N"}
 * @param delimiter      the field separator (default {@code ','})
 * @param idColumn       the column naming the sequence a row belongs to (default {@code "id"})
 * @param timeColumn     the column that orders the rows of a sequence (default {@code "time"}): numbers, or text that
 *                       sorts in time order such as ISO-8601 dates
 * @param featureColumns the feature columns, in order; null (default): every column except id, time, label and
 *                       {@code dropColumns}
 * @param dropColumns    columns to leave out of the features (default none)
 * @param labelColumn    the column holding the target; null (default): unlabelled
 * @param labelKind      {@code CLASS} (default) or {@code REGRESSION}
 * @param perStepLabels  false (default): one label per sequence, the same on all its rows; true: a label per row
 * @param positiveLabels if set, a binary task: class 1 for these labels, class 0 for the rest, classes {@code ["0", "1"]}
 * @param classes        the fixed class list for evaluation data; null (default): fitted on the file's labels
 */
public record LongCsvOptions(Boolean header, Character delimiter, String idColumn, String timeColumn,
                             List<String> featureColumns, List<String> dropColumns, String labelColumn,
                             TargetKind labelKind, Boolean perStepLabels, List<String> positiveLabels,
                             List<String> classes) {

  public LongCsvOptions {
    if (header == null) header = true;
    if (delimiter == null) delimiter = ',';
    if (idColumn == null) idColumn = "id";
    if (timeColumn == null) timeColumn = "time";
    if (labelKind == null) labelKind = TargetKind.CLASS;
    if (perStepLabels == null) perStepLabels = false;
    dropColumns = dropColumns == null ? List.of() : List.copyOf(dropColumns);
    featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
    positiveLabels = positiveLabels == null ? null : List.copyOf(positiveLabels);
    classes = classes == null ? null : List.copyOf(classes);
    if (delimiter == '"') throw new IllegalArgumentException("delimiter cannot be the quote character '\"'");
    if (idColumn.equals(timeColumn)) throw new IllegalArgumentException("idColumn and timeColumn are both " + idColumn);
    if (featureColumns != null && !dropColumns.isEmpty()) {
      throw new IllegalArgumentException("set featureColumns or dropColumns, not both");
    }
    if (perStepLabels && labelColumn == null) throw new IllegalArgumentException("perStepLabels needs a labelColumn");
    TargetColumn.checkOptions(labelColumn, labelKind, positiveLabels, classes);
  }

  /** Header, comma-separated, columns {@code id} and {@code time}, all others features, unlabelled. */
  public static LongCsvOptions defaults() {
    return new LongCsvOptions(null, null, null, null, null, null, null, null, null, null, null);
  }

  public LongCsvOptions withHeader(boolean h) {
    return new LongCsvOptions(h, delimiter, idColumn, timeColumn, featureColumns, dropColumns, labelColumn,
        labelKind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withDelimiter(char d) {
    return new LongCsvOptions(header, d, idColumn, timeColumn, featureColumns, dropColumns, labelColumn,
        labelKind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withIdColumn(String name) {
    return new LongCsvOptions(header, delimiter, name, timeColumn, featureColumns, dropColumns, labelColumn,
        labelKind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withTimeColumn(String name) {
    return new LongCsvOptions(header, delimiter, idColumn, name, featureColumns, dropColumns, labelColumn,
        labelKind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withFeatureColumns(List<String> names) {
    return new LongCsvOptions(header, delimiter, idColumn, timeColumn, names, dropColumns, labelColumn,
        labelKind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withDropColumns(List<String> names) {
    return new LongCsvOptions(header, delimiter, idColumn, timeColumn, featureColumns, names, labelColumn,
        labelKind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withLabelColumn(String name) {
    return new LongCsvOptions(header, delimiter, idColumn, timeColumn, featureColumns, dropColumns, name,
        labelKind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withLabelKind(TargetKind kind) {
    return new LongCsvOptions(header, delimiter, idColumn, timeColumn, featureColumns, dropColumns, labelColumn,
        kind, perStepLabels, positiveLabels, classes);
  }

  public LongCsvOptions withPerStepLabels(boolean perStep) {
    return new LongCsvOptions(header, delimiter, idColumn, timeColumn, featureColumns, dropColumns, labelColumn,
        labelKind, perStep, positiveLabels, classes);
  }

  public LongCsvOptions withPositiveLabels(List<String> labels) {
    return new LongCsvOptions(header, delimiter, idColumn, timeColumn, featureColumns, dropColumns, labelColumn,
        labelKind, perStepLabels, labels, classes);
  }

  public LongCsvOptions withClasses(List<String> fixed) {
    return new LongCsvOptions(header, delimiter, idColumn, timeColumn, featureColumns, dropColumns, labelColumn,
        labelKind, perStepLabels, positiveLabels, fixed);
  }
}
