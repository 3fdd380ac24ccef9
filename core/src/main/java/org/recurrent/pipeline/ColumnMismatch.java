package org.recurrent.pipeline;

import java.util.List;

/**
 * The message for a file whose columns are not a model's: what the model expects, what the file has, and the first
 * difference in the user's words (an extra column, a missing one, a renamed one, another order; by position when
 * the file has no header). Apart from {@link ModelData} because its two column checks (a CSV file's feature
 * columns, a forecast file's series columns) share it, and telling the cases apart is a job of its own.
 */
final class ColumnMismatch {
  private ColumnMismatch() {}

  /**
   * {@code expected the model's N <kind> columns [..], found M [..]: <the first difference>}; {@code header} is
   * the file's column names (for column numbers), {@code named} false when they are only positions (no header).
   */
  static String message(String kind, List<String> expected, List<String> found, List<String> header, boolean named) {
    String what = named ? kind + " columns" : kind + " values per line, in columns";
    StringBuilder m = new StringBuilder("expected the model's " + expected.size() + " " + what + " "
        + shortList(expected) + ", found " + found.size() + (named ? " " + shortList(found) : " in columns "
        + shortList(found)) + ": ");
    if (!named) {
      int extra = found.size() - expected.size();
      return m.append(extra == 0 ? "the columns are not where the model's training files had them"
          : Math.abs(extra) + (Math.abs(extra) == 1 ? " value " : " values ") + (extra > 0 ? "too many" : "too few"))
          .append("; a file without a header must have exactly the training files' columns").toString();
    }
    int i = 0;
    while (i < Math.min(expected.size(), found.size()) && expected.get(i).equals(found.get(i))) i++;
    if (i == expected.size()) {
      return m.append("column \"" + found.get(i) + "\" (column " + (header.indexOf(found.get(i)) + 1) + " of the file) "
          + "is not one of them").toString();
    }
    if (i == found.size() || !found.contains(expected.get(i))) {
      m.append("the model's column \"" + expected.get(i) + "\" is missing");
      if (i < found.size() && !expected.contains(found.get(i))) {
        m.append("; the file has \"" + found.get(i) + "\" in its place (column " + (header.indexOf(found.get(i)) + 1)
            + "): was it renamed?");
      }
      return m.toString();
    }
    if (!expected.contains(found.get(i))) {
      return m.append("column \"" + found.get(i) + "\" (column " + (header.indexOf(found.get(i)) + 1) + " of the file) "
          + "is not one of them").toString();
    }
    return m.append("the columns are in another order: column " + (header.indexOf(found.get(i)) + 1) + " of the file is \""
        + found.get(i) + "\" where the model's has \"" + expected.get(i) + "\"").toString();
  }

  /** {@code [a, b, c]}, or {@code [a, b, c, ..., y, z]} for more than six names. */
  private static String shortList(List<String> names) {
    if (names.size() <= 6) return names.toString();
    return "[" + String.join(", ", names.subList(0, 3)) + ", ..., "
        + String.join(", ", names.subList(names.size() - 2, names.size())) + "]";
  }
}
