package org.recurrent.data.ehr;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.recurrent.data.CsvReader;
import org.recurrent.data.DataFormatException;

/** Finding a table's file in a folder and its columns by header name, the same way for every EHR source. */
final class Tables {
  private Tables() {}

  /**
   * The file of table {@code name} in {@code folder}: {@code name.csv} or {@code name.csv.gz}, the name as given,
   * in lower or in upper case; null when there is none. Two candidates (say both {@code .csv} and {@code .csv.gz})
   * are an error, since either could be the stale one.
   */
  static Path find(Path folder, String name) throws IOException {
    Set<String> stems = new LinkedHashSet<>(List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)));
    List<Path> found = new ArrayList<>();
    for (String stem : stems) {
      for (String ext : List.of(".csv", ".csv.gz")) {
        Path p = folder.resolve(stem + ext);
        if (Files.isRegularFile(p) && found.stream().noneMatch(f -> sameFile(f, p))) found.add(p);
      }
    }
    if (found.size() > 1) {
      throw new IOException(folder + ": both " + found.get(0).getFileName() + " and " + found.get(1).getFileName()
          + " exist for table " + name + "; keep one");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** As {@link #find}, but a missing table is an error that says what was looked for. */
  static Path require(Path folder, String name) throws IOException {
    if (!Files.isDirectory(folder)) throw new FileNotFoundException("not a folder: " + folder);
    Path p = find(folder, name);
    if (p == null) throw new FileNotFoundException(folder + ": no " + name + ".csv or " + name + ".csv.gz");
    return p;
  }

  /**
   * The 0-based index of column {@code name}, matched ignoring case (MIMIC-III exists with upper- and lower-case
   * headers); an error naming the file, the column and the header found when there is none, or more than one.
   * {@code hint} (may be empty) says how to name another column.
   */
  static int column(CsvReader csv, String name, String hint) throws DataFormatException {
    int found = -1;
    List<String> header = csv.header();
    for (int i = 0; i < header.size(); i++) {
      if (!header.get(i).trim().equalsIgnoreCase(name)) continue;
      if (found >= 0) {
        throw DataFormatException.at(csv.file(), csv.headerLine(), "one column named \"" + name + "\"",
            "columns " + (found + 1) + " and " + (i + 1) + " with that name (ignoring case)");
      }
      found = i;
    }
    if (found < 0) {
      throw DataFormatException.at(csv.file(), csv.headerLine(),
          "a column named \"" + name + "\"" + (hint.isEmpty() ? "" : " (" + hint + ")"), "columns " + header);
    }
    return found;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b); // a case-insensitive file system finds PATIENTS.csv as patients.csv
    } catch (IOException e) {
      return false;
    }
  }
}
