package org.recurrent.data;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The label column of a CSV and how its text becomes a target value: a class index (fitted, fixed, or binary via
 * positive labels) or a real number. Shared by the wide and long CSV readers so both treat labels alike.
 */
final class TargetColumn {

  /** Classes of a binary task made with positive labels: 0 = not positive, 1 = positive. */
  static final List<String> BINARY = List.of("0", "1");

  private final Path file;
  private final int column;
  private final String name;
  private final TargetKind kind;
  private final Set<String> positive;
  private LabelEncoder encoder;

  /**
   * @param encoder the classes for a CLASS label without positive labels (ignored otherwise); null to
   *                {@link #fit} them once all labels are read
   */
  TargetColumn(CsvReader csv, String name, TargetKind kind, List<String> positiveLabels, LabelEncoder encoder)
      throws DataFormatException {
    this.file = csv.file();
    this.column = csv.column(name);
    this.name = name;
    this.kind = kind;
    this.positive = positiveLabels == null ? null : Set.copyOf(positiveLabels);
    this.encoder = positive != null ? LabelEncoder.of(BINARY) : encoder;
  }

  /** Fits the classes on {@code labels} unless they were given (fixed classes, positive labels, regression). */
  void fit(Collection<String> labels) {
    if (kind == TargetKind.CLASS && encoder == null) encoder = LabelEncoder.fit(labels);
  }

  /** Rejects option combinations that cannot mean anything, in the options' compact constructors. */
  static void checkOptions(String labelColumn, TargetKind labelKind, List<String> positiveLabels,
                           List<String> classes) {
    if (labelKind != TargetKind.CLASS && labelKind != TargetKind.REGRESSION) {
      throw new IllegalArgumentException("labelKind must be CLASS or REGRESSION, got " + labelKind);
    }
    if (labelColumn == null && (positiveLabels != null || classes != null)) {
      throw new IllegalArgumentException("positiveLabels and classes need a labelColumn");
    }
    if (labelKind == TargetKind.REGRESSION && (positiveLabels != null || classes != null)) {
      throw new IllegalArgumentException("positiveLabels and classes apply to CLASS labels, not REGRESSION");
    }
    if (positiveLabels != null && classes != null) {
      throw new IllegalArgumentException("set positiveLabels (binary task, classes [0, 1]) or classes, not both");
    }
    if (positiveLabels != null && positiveLabels.isEmpty()) {
      throw new IllegalArgumentException("positiveLabels is empty; list the labels of the positive class");
    }
  }

  /** The column's index in the file. */
  int column() {
    return column;
  }

  /** The label text of a record, stripped of surrounding spaces; an empty cell is an error. */
  String text(CsvReader.Row row) throws DataFormatException {
    String text = row.get(column).strip();
    if (text.isEmpty()) throw DataFormatException.at(file, row.line(), "a label in column \"" + name + "\"", "an empty cell");
    return text;
  }

  /** The target value of label {@code text} read at {@code line}. */
  float value(String text, long line) throws DataFormatException {
    if (kind == TargetKind.REGRESSION) return NumericCell.parse(text, file, line, "column \"" + name + "\"");
    if (positive != null) return positive.contains(text) ? 1 : 0;
    if (encoder == null) throw new IllegalStateException("class labels need an encoder: fit them or give the classes");
    return encoder.encode(text, file, line);
  }

  /** The class list, empty for regression. */
  List<String> classes() {
    return kind == TargetKind.REGRESSION ? List.of() : encoder.classes();
  }
}
