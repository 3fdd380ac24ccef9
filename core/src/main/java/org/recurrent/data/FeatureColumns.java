package org.recurrent.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which columns of a CSV are features: those named, or every column not reserved (id, time, label) nor dropped. */
final class FeatureColumns {

  private FeatureColumns() {}

  /** The non-null names among {@code names}. */
  static Set<String> reserved(String... names) {
    Set<String> set = new HashSet<>();
    for (String n : names) if (n != null) set.add(n);
    return set;
  }

  /**
   * @param named    the feature columns in order, or null for all the others
   * @param dropped  columns to leave out (each must exist, to catch typos)
   * @param reserved the id, time and label column names in use (nulls allowed)
   * @return the 0-based column indices, in order
   */
  static int[] select(CsvReader csv, List<String> named, List<String> dropped, Set<String> reserved)
      throws DataFormatException {
    List<Integer> columns = new ArrayList<>();
    if (named != null) {
      for (String name : named) {
        if (reserved.contains(name)) {
          throw new IllegalArgumentException("column \"" + name + "\" is the id, time or label column; "
              + "it cannot also be a feature");
        }
        columns.add(csv.column(name));
      }
    } else {
      for (String name : dropped) csv.column(name);
      List<String> header = csv.header();
      for (int c = 0; c < header.size(); c++) {
        if (!reserved.contains(header.get(c)) && !dropped.contains(header.get(c))) columns.add(c);
      }
    }
    if (columns.isEmpty()) {
      throw DataFormatException.at(csv.file(), 1, "at least one feature column", "columns "
          + CsvReader.abbreviated(csv.header()) + ", all of them id, label or dropped");
    }
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }
}
