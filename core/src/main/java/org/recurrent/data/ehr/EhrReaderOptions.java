package org.recurrent.data.ehr;

import java.util.List;
import java.util.Set;

/**
 * How to read EHR data ({@link EhrReaders#read}): which source layout, which code types, which patients, optional
 * code grouping, and the few per-source settings. Every field but {@code source} may be left out (null) in a YAML
 * or JSON config and takes the default below; a per-source field given for another source is an error (it would be
 * silently ignored otherwise), and stays null when it does not apply.
 *
 * @param source            {@code SYNTHEA} (a folder of Synthea's CSV export), {@code MIMIC3} (a folder of
 *                          MIMIC-III tables) or {@code LONG} (one file of the long format, see {@link LongEventReader})
 * @param types             the code types to read (default: every type the source has: diagnosis, medication,
 *                          procedure for Synthea and MIMIC-III; every {@code code_type} in a long file); a type asked
 *                          for by name whose table is missing is an error, a missing table of a default type a note
 * @param patients          keep only these patient ids (default: all); rows of other patients are skipped as they
 *                          stream past (counted in {@link IngestReport#rowsOfExcludedPatients}), so memory is
 *                          bounded by the cohort
 * @param grouping          map codes to groups as they are read (default: none), see {@link CodeGroupingOptions}
 * @param patientIdColumn   Synthea: the patient id column of {@code patients.csv} (default {@code Id})
 * @param encounterIdColumn Synthea: the encounter id column of {@code encounters.csv} (default {@code Id})
 * @param patientColumn     Synthea: the patient column of {@code encounters.csv} and the code tables (default
 *                          {@code PATIENT})
 * @param encounterColumn   Synthea: the encounter column of the code tables (default {@code ENCOUNTER}); the
 *                          re-encoded {@code synthea-cohort} set needs {@code pid, eid, pid, eid} for these four
 * @param medicationCode    MIMIC-III: the {@code PRESCRIPTIONS} column used as the medication code, {@code NDC}
 *                          (default; an empty NDC or {@code 0} counts as a row without a code) or {@code DRUG}
 * @param patientsFile      long format: the demographics file {@code patient_id,birth_date,sex[,death_date]}
 *                          (default: none, then birth dates are unknown and every sex is UNKNOWN); a relative path
 *                          is resolved against the events file's folder
 * @param groupVisitsBy     long format: events of a patient form one visit when they share a {@code TIMESTAMP}
 *                          (default) or a calendar {@code DAY} (UTC; the visit then starts at the day's 00:00)
 */
public record EhrReaderOptions(Source source, List<String> types, List<String> patients, CodeGroupingOptions grouping,
                               String patientIdColumn, String encounterIdColumn, String patientColumn,
                               String encounterColumn, MedicationCode medicationCode, String patientsFile,
                               VisitGrouping groupVisitsBy) {

  /** The layout of the input. */
  public enum Source { SYNTHEA, MIMIC3, LONG }

  /** The MIMIC-III {@code PRESCRIPTIONS} column that holds the medication code. */
  public enum MedicationCode { NDC, DRUG }

  /** Which events of a patient in the long format form one visit. */
  public enum VisitGrouping { TIMESTAMP, DAY }

  /** The code types of the Synthea and MIMIC-III readers. */
  static final List<String> TABLE_TYPES = List.of(Visit.DIAGNOSIS, Visit.MEDICATION, Visit.PROCEDURE);

  public EhrReaderOptions {
    if (source == null) throw new IllegalArgumentException("source is required: synthea, mimic3 or long");
    if (types != null) {
      types = List.copyOf(types);
      if (types.isEmpty()) throw new IllegalArgumentException("types is empty; leave it out to read every type");
      if (Set.copyOf(types).size() != types.size()) throw new IllegalArgumentException("types " + types + " repeat a type");
      if (source != Source.LONG && !TABLE_TYPES.containsAll(types)) {
        throw new IllegalArgumentException("types of source " + name(source) + " are " + TABLE_TYPES + ", got " + types);
      }
    }
    if (patients != null) patients = List.copyOf(patients);
    onlyFor(Source.SYNTHEA, source, "patient_id_column", patientIdColumn);
    onlyFor(Source.SYNTHEA, source, "encounter_id_column", encounterIdColumn);
    onlyFor(Source.SYNTHEA, source, "patient_column", patientColumn);
    onlyFor(Source.SYNTHEA, source, "encounter_column", encounterColumn);
    onlyFor(Source.MIMIC3, source, "medication_code", medicationCode);
    onlyFor(Source.LONG, source, "patients_file", patientsFile);
    onlyFor(Source.LONG, source, "group_visits_by", groupVisitsBy);
    switch (source) {
      case SYNTHEA -> {
        patientIdColumn = column("patient_id_column", patientIdColumn, "Id");
        encounterIdColumn = column("encounter_id_column", encounterIdColumn, "Id");
        patientColumn = column("patient_column", patientColumn, "PATIENT");
        encounterColumn = column("encounter_column", encounterColumn, "ENCOUNTER");
      }
      case MIMIC3 -> {
        if (medicationCode == null) medicationCode = MedicationCode.NDC;
      }
      case LONG -> {
        if (groupVisitsBy == null) groupVisitsBy = VisitGrouping.TIMESTAMP;
        if (patientsFile != null && patientsFile.isBlank()) {
          throw new IllegalArgumentException("patients_file is blank; leave it out to read without demographics");
        }
      }
    }
  }

  /** Synthea's CSV export with its own column names, every code type, all patients. */
  public static EhrReaderOptions synthea() {
    return of(Source.SYNTHEA);
  }

  /** MIMIC-III tables, every code type, NDC medication codes, all patients. */
  public static EhrReaderOptions mimic3() {
    return of(Source.MIMIC3);
  }

  /** The long format, visits by timestamp, no demographics file. */
  public static EhrReaderOptions longFormat() {
    return of(Source.LONG);
  }

  public static EhrReaderOptions of(Source source) {
    return new EhrReaderOptions(source, null, null, null, null, null, null, null, null, null, null);
  }

  public EhrReaderOptions withTypes(String... t) {
    return new EhrReaderOptions(source, List.of(t), patients, grouping, patientIdColumn, encounterIdColumn,
        patientColumn, encounterColumn, medicationCode, patientsFile, groupVisitsBy);
  }

  public EhrReaderOptions withPatients(java.util.Collection<String> ids) {
    return new EhrReaderOptions(source, types, List.copyOf(ids), grouping, patientIdColumn, encounterIdColumn,
        patientColumn, encounterColumn, medicationCode, patientsFile, groupVisitsBy);
  }

  public EhrReaderOptions withGrouping(CodeGroupingOptions g) {
    return new EhrReaderOptions(source, types, patients, g, patientIdColumn, encounterIdColumn,
        patientColumn, encounterColumn, medicationCode, patientsFile, groupVisitsBy);
  }

  /** Synthea: the four key columns (see the record's fields), e.g. {@code ("pid", "eid", "pid", "eid")}. */
  public EhrReaderOptions withColumns(String patientId, String encounterId, String patient, String encounter) {
    return new EhrReaderOptions(source, types, patients, grouping, patientId, encounterId, patient, encounter,
        medicationCode, patientsFile, groupVisitsBy);
  }

  public EhrReaderOptions withMedicationCode(MedicationCode m) {
    return new EhrReaderOptions(source, types, patients, grouping, patientIdColumn, encounterIdColumn,
        patientColumn, encounterColumn, m, patientsFile, groupVisitsBy);
  }

  public EhrReaderOptions withPatientsFile(String file) {
    return new EhrReaderOptions(source, types, patients, grouping, patientIdColumn, encounterIdColumn,
        patientColumn, encounterColumn, medicationCode, file, groupVisitsBy);
  }

  public EhrReaderOptions withGroupVisitsBy(VisitGrouping g) {
    return new EhrReaderOptions(source, types, patients, grouping, patientIdColumn, encounterIdColumn,
        patientColumn, encounterColumn, medicationCode, patientsFile, g);
  }

  /** The code types to read: {@code types}, or null for every type the source has. */
  List<String> typesOrAll() {
    return types != null ? types : source == Source.LONG ? null : TABLE_TYPES;
  }

  private static void onlyFor(Source wanted, Source source, String field, Object value) {
    if (value != null && source != wanted) {
      throw new IllegalArgumentException(field + " applies to source: " + name(wanted) + ", not " + name(source));
    }
  }

  private static String column(String field, String value, String fallback) {
    if (value == null) return fallback;
    if (value.isBlank()) throw new IllegalArgumentException(field + " is blank; leave it out for \"" + fallback + "\"");
    return value;
  }

  private static String name(Source s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }
}
