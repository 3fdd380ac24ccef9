package org.recurrent.data.ehr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.recurrent.data.CsvReader;
import org.recurrent.data.DataFormatException;

/**
 * Reads the long format, one event per row, for EHR data in any other layout:
 * <pre>{@code
 * patient_id,timestamp,code_type,code[,value]
 * p1,2020-01-01T10:00:00Z,diagnosis,I50.9
 * p1,2020-01-01T10:00:00Z,medication,197591
 * p2,2020-03-05,procedure,430193006
 * }</pre>
 * A header row is required; columns are found by name (ignoring case), others are ignored. {@code value} is
 * optional and not used (visits are bags of codes; a lab value belongs in the code, e.g. {@code hba1c_high}).
 * Rows of a patient need not be contiguous or sorted. The events of a patient with the same timestamp form one
 * visit ({@code group_visits_by: day}: the same calendar day, UTC), whose id is {@code patient@time}; {@code code_type}
 * is any name ({@code diagnosis}, {@code medication}, {@code procedure} are the ones the tasks know).
 *
 * <p>Demographics come from the optional {@code patients_file}, {@code patient_id,birth_date,sex[,death_date]}; then
 * events of a patient not in it count as {@link IngestReport#rowsWithUnknownPatient}. Without it every patient has an
 * unknown birth date and sex {@link Sex#UNKNOWN} (so ages are NaN and controls cannot be age-matched), and the
 * report's notes say so.
 */
public final class LongEventReader {
  private static final char COMMA = ',';
  private final EhrReaderOptions options;

  public LongEventReader(EhrReaderOptions options) {
    if (options.source() != EhrReaderOptions.Source.LONG) {
      throw new IllegalArgumentException("LongEventReader needs source: long, got " + options.source());
    }
    this.options = options;
  }

  public EhrData read(Path events) throws IOException {
    return read(events, id -> true);
  }

  /** Reads the events file (and the patients file, if set), keeping only the patients {@code keep} accepts. */
  public EhrData read(Path events, Predicate<String> keep) throws IOException {
    Path base = events.toAbsolutePath().getParent();
    List<String> types = options.typesOrAll();
    VisitTable table = new VisitTable(EhrReaders.filter(options, keep), EhrReaders.grouping(options, base), types);
    Path patientsFile = options.patientsFile() == null ? null : base.resolve(options.patientsFile());
    if (patientsFile != null) readPatients(patientsFile, table);
    boolean byDay = options.groupVisitsBy() == EhrReaderOptions.VisitGrouping.DAY;
    try (CsvReader csv = CsvReader.open(events, COMMA, true)) {
      int patient = Tables.column(csv, "patient_id", "");
      int time = Tables.column(csv, "timestamp", "");
      int type = Tables.column(csv, "code_type", "");
      int code = Tables.column(csv, "code", "");
      long rows = 0;
      for (CsvReader.Row r = csv.next(); r != null; r = csv.next()) {
        rows++;
        String id = r.get(patient);
        if (id.isEmpty()) throw DataFormatException.at(events, r.line(), "a patient_id", "an empty field");
        int p = patientsFile != null ? table.patient(id) : table.patientOrAdd(id);
        if (p == IdIndex.ABSENT) {
          table.rowsWithUnknownPatient++;
          continue;
        }
        if (p == VisitTable.EXCLUDED) {
          table.rowsOfExcludedPatients++;
          continue;
        }
        String t = r.get(type);
        if (t.isEmpty()) throw DataFormatException.at(events, r.line(), "a code_type", "an empty field");
        String text = r.get(time);
        long second = Timestamps.parse(text);
        if (second == Timestamps.INVALID) {
          throw DataFormatException.at(events, r.line(), Timestamps.EXPECTED + " in column timestamp", "\"" + text + "\"");
        }
        if (types != null && !types.contains(t)) {
          table.rowsOfUnreadTypes++;
          continue;
        }
        String c = r.get(code);
        if (c.isEmpty()) {
          table.rowsWithoutCode++;
          continue;
        }
        if (byDay) second = Math.floorDiv(second, 86_400L) * 86_400L;
        String visitId = id + "@" + (byDay ? LocalDate.ofEpochDay(second / 86_400L) : Timestamps.toDateTime(second));
        int v = table.visit(visitId);
        if (v == IdIndex.ABSENT) v = table.addVisit(events, r.line(), visitId, p, second);
        table.addCode(v, t, c, 0);
      }
      table.rowsRead(events, rows);
    }
    if (patientsFile == null) {
      table.note("no patients_file: birth dates unknown and sex UNKNOWN for all " + table.patientCount()
          + " patients (ages are NaN; set patients_file for demographics)");
    }
    EhrReaders.noteMissingPatients(options, table, patientsFile == null ? "the events file" : "the patients file");
    return table.build();
  }

  private static void readPatients(Path file, VisitTable table) throws IOException {
    try (CsvReader csv = CsvReader.open(file, COMMA, true)) {
      int id = Tables.column(csv, "patient_id", "");
      int birth = Tables.column(csv, "birth_date", "");
      int sex = Tables.column(csv, "sex", "");
      int death = csv.header().stream().anyMatch(h -> h.trim().equalsIgnoreCase("death_date"))
          ? Tables.column(csv, "death_date", "") : -1;
      long rows = 0;
      for (CsvReader.Row r = csv.next(); r != null; r = csv.next()) {
        rows++;
        Sex s = Sex.parse(r.get(sex));
        if (s == null) {
          throw DataFormatException.at(file, r.line(), "a sex in column sex (F, M, U or empty)", "\"" + r.get(sex) + "\"");
        }
        table.addPatient(file, r.line(), r.get(id), date(file, r, birth, "birth_date"), s,
            death < 0 ? null : date(file, r, death, "death_date"));
      }
      table.rowsRead(file, rows);
    }
  }

  private static LocalDate date(Path file, CsvReader.Row r, int column, String name) throws DataFormatException {
    String text = r.get(column);
    if (text.isEmpty()) return null;
    LocalDate d = Timestamps.date(text);
    if (d == null) throw DataFormatException.at(file, r.line(), "a date in column " + name + " (2020-01-31)", "\"" + text + "\"");
    return d;
  }
}
