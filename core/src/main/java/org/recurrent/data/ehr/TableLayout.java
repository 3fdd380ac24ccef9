package org.recurrent.data.ehr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent.data.CsvReader;
import org.recurrent.data.DataFormatException;

/**
 * The tables of a visit-keyed EHR source (Synthea, MIMIC-III) and the columns read from each: a patients table, a
 * visits table (id, patient, start) and code tables that name the visit of each code. Reading streams every table
 * once, in that order, keeping only what {@link VisitTable} needs.
 *
 * @param hints     per column name, how to name another column (for the missing-column error); may be empty
 */
record TableLayout(Table patients, String patientId, String birthDate, String sex, String deathDate,
                   Table visits, String visitId, String visitPatient, String visitStart,
                   List<CodeTable> codeTables, Map<String, String> hints) {

  /** A table's file name without {@code .csv[.gz]}. */
  record Table(String name) {}

  /**
   * A table of codes of one type.
   *
   * @param order    the column whose integer orders codes within a visit (MIMIC's SEQ_NUM), or null for file order
   * @param noCode   values of the code column that mean "no code" besides the empty string
   */
  record CodeTable(String type, Table table, String patient, String visit, String code, String order, Set<String> noCode) {}

  private static final char COMMA = ',';

  /** Reads the tables under {@code folder} into {@code out}; code tables of {@code requested} types must exist. */
  void read(Path folder, VisitTable out, List<String> types, boolean typesRequested) throws IOException {
    Path patientsFile = Tables.require(folder, patients.name());
    Path visitsFile = Tables.require(folder, visits.name());
    readPatients(patientsFile, out);
    readVisits(visitsFile, out);
    for (CodeTable t : codeTables) {
      if (!types.contains(t.type())) continue;
      Path file = Tables.find(folder, t.table().name());
      if (file == null) {
        if (typesRequested) Tables.require(folder, t.table().name()); // throws, naming what is missing
        out.note("no " + t.table().name() + " table (" + t.table().name() + ".csv[.gz]) in " + folder + ": no "
            + t.type() + " codes read");
        continue;
      }
      readCodes(file, t, out);
    }
  }

  private void readPatients(Path file, VisitTable out) throws IOException {
    try (CsvReader csv = CsvReader.open(file, COMMA, true)) {
      int id = column(csv, patientId);
      int birth = column(csv, birthDate);
      int gender = column(csv, sex);
      int death = column(csv, deathDate);
      long rows = 0;
      for (CsvReader.Row r = csv.next(); r != null; r = csv.next()) {
        rows++;
        String g = r.get(gender);
        Sex s = Sex.parse(g);
        if (s == null) {
          throw DataFormatException.at(file, r.line(), "a sex in column " + sex + " (F, M or empty)", "\"" + g + "\"");
        }
        out.addPatient(file, r.line(), r.get(id), date(file, r, birth, birthDate), s, date(file, r, death, deathDate));
      }
      out.rowsRead(file, rows);
    }
  }

  private void readVisits(Path file, VisitTable out) throws IOException {
    try (CsvReader csv = CsvReader.open(file, COMMA, true)) {
      int id = column(csv, visitId);
      int patient = column(csv, visitPatient);
      int start = column(csv, visitStart);
      long rows = 0;
      for (CsvReader.Row r = csv.next(); r != null; r = csv.next()) {
        rows++;
        int p = out.patient(r.get(patient));
        if (p == IdIndex.ABSENT) {
          out.rowsWithUnknownPatient++;
        } else if (p == VisitTable.EXCLUDED) {
          out.rowsOfExcludedPatients++;
        } else {
          String text = r.get(start);
          long second = Timestamps.parse(text);
          if (second == Timestamps.INVALID) {
            throw DataFormatException.at(file, r.line(), Timestamps.EXPECTED + " in column " + visitStart, quote(text));
          }
          out.addVisit(file, r.line(), r.get(id), p, second);
        }
      }
      out.rowsRead(file, rows);
    }
  }

  private void readCodes(Path file, CodeTable t, VisitTable out) throws IOException {
    try (CsvReader csv = CsvReader.open(file, COMMA, true)) {
      int patient = column(csv, t.patient());
      int visit = column(csv, t.visit());
      int code = column(csv, t.code());
      int order = t.order() == null ? -1 : column(csv, t.order());
      long rows = 0;
      for (CsvReader.Row r = csv.next(); r != null; r = csv.next()) {
        rows++;
        String patientId = r.get(patient);
        int p = out.patient(patientId);
        if (p == IdIndex.ABSENT) {
          out.rowsWithUnknownPatient++;
          continue;
        }
        if (p == VisitTable.EXCLUDED) {
          out.rowsOfExcludedPatients++;
          continue;
        }
        int v = out.visit(r.get(visit));
        if (v == IdIndex.ABSENT) {
          out.rowsWithUnknownVisit++;
          continue;
        }
        if (out.visitPatient(v) != p) {
          throw DataFormatException.at(file, r.line(), "patient \"" + out.patientId(out.visitPatient(v))
              + "\" of visit \"" + r.get(visit) + "\" in column " + t.patient(), quote(patientId));
        }
        String c = r.get(code);
        if (c.isEmpty() || t.noCode().contains(c)) {
          out.rowsWithoutCode++;
          continue;
        }
        out.addCode(v, t.type(), c, order < 0 ? 0 : order(file, r, order, t.order()));
      }
      out.rowsRead(file, rows);
    }
  }

  private int column(CsvReader csv, String name) throws DataFormatException {
    return Tables.column(csv, name, hints.getOrDefault(name, ""));
  }

  /** An empty order sorts last. */
  private static int order(Path file, CsvReader.Row r, int column, String name) throws DataFormatException {
    String text = r.get(column);
    if (text.isEmpty()) return Integer.MAX_VALUE;
    try {
      int v = Integer.parseInt(text);
      if (v >= 0) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DataFormatException.at(file, r.line(), "a non-negative integer in column " + name, quote(text));
  }

  private static LocalDate date(Path file, CsvReader.Row r, int column, String name) throws DataFormatException {
    String text = r.get(column);
    if (text.isEmpty()) return null;
    LocalDate d = Timestamps.date(text);
    if (d == null) throw DataFormatException.at(file, r.line(), "a date in column " + name + " (2020-01-31)", quote(text));
    return d;
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }
}
