package org.recurrent.data.ehr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader read and what it could not use, so nothing is dropped silently: rows read per file, code rows
 * whose patient or visit is unknown, visits without codes, patients without visits.
 *
 * @param rowsRead             data rows read, by file name
 * @param rowsWithUnknownPatient code or visit rows naming a patient the demographics table does not have
 * @param rowsWithUnknownVisit code rows naming a visit (encounter, admission) that no visit row has
 * @param visitsWithoutCodes   visits at which no code of a read type was recorded (left out of the histories)
 * @param patientsWithoutVisits patients with no visit that has codes (left out of the histories)
 * @param codesRead            code occurrences kept, by code type
 * @param rowsWithoutCode      code rows of a known visit whose code is empty (MIMIC NDC {@code 0} too), skipped
 * @param rowsOfExcludedPatients rows of patients the {@code patients} filter left out, skipped unread
 * @param rowsOfUnreadTypes    long format: event rows of a {@code code_type} not in {@code types}, skipped
 * @param notes                what else the reader wants said (a missing optional table, no demographics file,
 *                             codes without a group), one sentence each
 */
public record IngestReport(Map<String, Long> rowsRead, long rowsWithUnknownPatient, long rowsWithUnknownVisit,
                           long visitsWithoutCodes, long patientsWithoutVisits, Map<String, Long> codesRead,
                           long rowsWithoutCode, long rowsOfExcludedPatients, long rowsOfUnreadTypes,
                           List<String> notes) {
  public IngestReport {
    rowsRead = Collections.unmodifiableMap(new LinkedHashMap<>(rowsRead));
    codesRead = Collections.unmodifiableMap(new LinkedHashMap<>(codesRead));
    notes = List.copyOf(notes);
  }

  /** The first six counts only (no empty codes, filter or unread types, no notes). */
  public IngestReport(Map<String, Long> rowsRead, long rowsWithUnknownPatient, long rowsWithUnknownVisit,
                      long visitsWithoutCodes, long patientsWithoutVisits, Map<String, Long> codesRead) {
    this(rowsRead, rowsWithUnknownPatient, rowsWithUnknownVisit, visitsWithoutCodes, patientsWithoutVisits, codesRead,
        0, 0, 0, List.of());
  }

  /** One line per count, then the notes, for a log or a cohort report. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    rowsRead.forEach((file, n) -> s.append("rows read from ").append(file).append(": ").append(n).append('\n'));
    codesRead.forEach((type, n) -> s.append(type).append(" codes kept: ").append(n).append('\n'));
    s.append("rows with an unknown patient: ").append(rowsWithUnknownPatient).append('\n');
    s.append("code rows with an unknown visit: ").append(rowsWithUnknownVisit).append('\n');
    s.append("code rows without a code: ").append(rowsWithoutCode).append('\n');
    if (rowsOfExcludedPatients > 0) s.append("rows of patients left out by the filter: ").append(rowsOfExcludedPatients).append('\n');
    if (rowsOfUnreadTypes > 0) s.append("rows of code types not read: ").append(rowsOfUnreadTypes).append('\n');
    s.append("visits without codes (left out): ").append(visitsWithoutCodes).append('\n');
    s.append("patients without visits (left out): ").append(patientsWithoutVisits).append('\n');
    for (String n : notes) s.append("note: ").append(n).append('\n');
    return s.toString();
  }
}
