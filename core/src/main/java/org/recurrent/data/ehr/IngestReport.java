package org.recurrent.data.ehr;

import java.util.LinkedHashMap;
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
 */
public record IngestReport(Map<String, Long> rowsRead, long rowsWithUnknownPatient, long rowsWithUnknownVisit,
                           long visitsWithoutCodes, long patientsWithoutVisits, Map<String, Long> codesRead) {
  public IngestReport {
    rowsRead = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rowsRead));
    codesRead = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codesRead));
  }
}
