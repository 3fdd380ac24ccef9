package org.recurrent.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a long CSV: one time step per row, {@code id,time,feature...[,label]}. Rows are grouped into one sequence
 * per id (the rows of an id need not be adjacent; sequences keep the order in which their ids first appear) and
 * each sequence is sorted by its time column: numerically if every time in the file is a number, else as text,
 * which is time order for ISO-8601 dates and times.
 *
 * <p>A label is either per sequence, and then must be the same on every row of the id, or per step
 * ({@link LongCsvOptions#perStepLabels()}), giving {@code PER_STEP_CLASS} or {@code PER_STEP_REGRESSION} targets
 * with {@code y[t]} for the step's row. Two rows of one id with the same time are an error naming both lines.
 *
 * <p>Grouping needs the whole file, so this reader is not streaming; memory is about that of the dataset.
 */
public final class LongCsvReader {

  /** One row: a time step of sequence {@code id}. */
  private record Step(long line, String time, double numericTime, float[] values, String label) {}

  private LongCsvReader() {}

  /** Reads and groups the whole file. */
  public static SequenceDataset read(Path file, LongCsvOptions options) throws IOException {
    try (CsvReader csv = CsvReader.open(file, options.delimiter(), options.header())) {
      int idColumn = csv.column(options.idColumn());
      int timeColumn = csv.column(options.timeColumn());
      TargetColumn target = options.labelColumn() == null ? null : new TargetColumn(csv, options.labelColumn(),
          options.labelKind(), options.positiveLabels(),
          options.classes() == null ? null : LabelEncoder.of(options.classes()));
      int[] featureColumns = select(csv, options);
      List<String> featureNames = new ArrayList<>();
      for (int c : featureColumns) featureNames.add(csv.header().get(c));

      Map<String, List<Step>> sequences = new LinkedHashMap<>();
      List<String> labels = new ArrayList<>();
      boolean numericTimes = true;
      for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
        String id = nonEmpty(row, idColumn, "an id", options.idColumn(), file);
        String time = nonEmpty(row, timeColumn, "a time", options.timeColumn(), file);
        double numericTime = number(time);
        numericTimes &= !Double.isNaN(numericTime);
        float[] values = new float[featureColumns.length];
        for (int i = 0; i < values.length; i++) {
          values[i] = NumericCell.parse(row.get(featureColumns[i]), file, row.line(),
              "column \"" + featureNames.get(i) + "\"");
        }
        String label = target == null ? null : target.text(row);
        if (label != null) labels.add(label);
        sequences.computeIfAbsent(id, k -> new ArrayList<>()).add(new Step(row.line(), time, numericTime, values, label));
      }
      if (sequences.isEmpty()) throw WideCsvReader.noRecords(file);
      if (target != null) target.fit(labels);

      Comparator<Step> order = numericTimes ? Comparator.comparingDouble(Step::numericTime)
          : Comparator.comparing(Step::time);
      int features = featureColumns.length;
      List<SequenceExample> examples = new ArrayList<>(sequences.size());
      for (Map.Entry<String, List<Step>> entry : sequences.entrySet()) {
        String id = entry.getKey();
        List<Step> steps = entry.getValue();
        long firstLine = steps.get(0).line();
        if (target != null && !options.perStepLabels()) checkOneLabel(file, id, steps);
        steps.sort(order); // stable: equal times stay in file order, so the duplicate check names them in order
        checkDistinctTimes(file, id, steps, order);
        float[] x = new float[steps.size() * features];
        for (int t = 0; t < steps.size(); t++) System.arraycopy(steps.get(t).values(), 0, x, t * features, features);
        float[] y;
        if (target == null) {
          y = new float[0];
        } else if (options.perStepLabels()) {
          y = new float[steps.size()];
          for (int t = 0; t < y.length; t++) y[t] = target.value(steps.get(t).label(), steps.get(t).line());
        } else {
          y = new float[] {target.value(steps.get(0).label(), steps.get(0).line())};
        }
        examples.add(new SequenceExample(id, steps.size(), features, x, y, file + ":" + firstLine));
      }
      return new SequenceDataset(examples, features, featureNames, target == null ? List.of() : target.classes(),
          kind(options, target), target == null ? 0 : 1);
    }
  }

  private static int[] select(CsvReader csv, LongCsvOptions options) throws DataFormatException {
    return FeatureColumns.select(csv, options.featureColumns(), options.dropColumns(),
        FeatureColumns.reserved(options.idColumn(), options.timeColumn(), options.labelColumn()));
  }

  /**
   * The names of the F feature columns {@code options} select in {@code csv}'s header, in order: those named, or
   * every column but the id, time, label and dropped ones. Reads nothing beyond the header.
   */
  public static List<String> featureColumns(CsvReader csv, LongCsvOptions options) throws DataFormatException {
    List<String> names = new ArrayList<>();
    for (int c : select(csv, options)) names.add(csv.header().get(c));
    return names;
  }

  private static TargetKind kind(LongCsvOptions options, TargetColumn target) {
    if (target == null) return TargetKind.NONE;
    boolean classes = !target.classes().isEmpty();
    if (options.perStepLabels()) return classes ? TargetKind.PER_STEP_CLASS : TargetKind.PER_STEP_REGRESSION;
    return classes ? TargetKind.CLASS : TargetKind.REGRESSION;
  }

  /** Steps in file order; every label must equal the first. */
  private static void checkOneLabel(Path file, String id, List<Step> steps) throws DataFormatException {
    Step first = steps.get(0);
    for (Step s : steps) {
      if (!s.label().equals(first.label())) {
        throw DataFormatException.at(file, s.line(), "label \"" + s.label() + "\" for id \"" + id + "\" differs from \""
            + first.label() + "\" at line " + first.line() + "; a sequence has one label (set perStepLabels for a "
            + "label per row)");
      }
    }
  }

  /** Steps sorted by time; equal neighbours are duplicates. */
  private static void checkDistinctTimes(Path file, String id, List<Step> steps, Comparator<Step> order)
      throws DataFormatException {
    for (int t = 1; t < steps.size(); t++) {
      Step a = steps.get(t - 1);
      Step b = steps.get(t);
      if (order.compare(a, b) == 0) {
        Step later = a.line() > b.line() ? a : b;
        Step earlier = later == a ? b : a;
        throw DataFormatException.at(file, later.line(), "duplicate time \"" + later.time() + "\" for id \"" + id
            + "\", also at line " + earlier.line());
      }
    }
  }

  private static String nonEmpty(CsvReader.Row row, int column, String what, String name, Path file)
      throws DataFormatException {
    String text = row.get(column).strip();
    if (text.isEmpty()) throw DataFormatException.at(file, row.line(), what + " in column \"" + name + "\"", "an empty cell");
    return text;
  }

  /** The time as a finite number, or NaN when it is not one (then times sort as text). */
  private static double number(String text) {
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
