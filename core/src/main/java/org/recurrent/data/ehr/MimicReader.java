package org.recurrent.data.ehr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.recurrent.data.ehr.TableLayout.CodeTable;
import org.recurrent.data.ehr.TableLayout.Table;

/**
 * Reads a folder of MIMIC-III tables: {@code PATIENTS} (SUBJECT_ID, GENDER, DOB, DOD), {@code ADMISSIONS} (the visits:
 * HADM_ID, SUBJECT_ID, ADMITTIME), {@code DIAGNOSES_ICD} (diagnosis: ICD9_CODE, ordered by SEQ_NUM),
 * {@code PROCEDURES_ICD} (procedure: ICD9_CODE, ordered by SEQ_NUM) and {@code PRESCRIPTIONS} (medication: the NDC or
 * DRUG column, in file order), each {@code NAME.csv} or {@code NAME.csv.gz} in upper or lower case. Column names match
 * ignoring case (the PhysioNet demo has lower-case headers, other copies upper-case). Codes are kept as MIMIC writes
 * them, without the ICD-9 dot ({@code 4280}); group them with {@link CodeGrouping}. An empty code, and an NDC of
 * {@code 0} (MIMIC's "no NDC"), count as {@link IngestReport#rowsWithoutCode}. Only the date of DOB and DOD is kept.
 */
public final class MimicReader {
  private final EhrReaderOptions options;

  public MimicReader(EhrReaderOptions options) {
    if (options.source() != EhrReaderOptions.Source.MIMIC3) {
      throw new IllegalArgumentException("MimicReader needs source: mimic3, got " + options.source());
    }
    this.options = options;
  }

  public EhrData read(Path folder) throws IOException {
    return read(folder, id -> true);
  }

  /** Reads the tables in {@code folder}, keeping only patients (SUBJECT_IDs) {@code keep} accepts. */
  public EhrData read(Path folder, Predicate<String> keep) throws IOException {
    boolean ndc = options.medicationCode() == EhrReaderOptions.MedicationCode.NDC;
    List<CodeTable> codes = List.of(
        new CodeTable(Visit.DIAGNOSIS, new Table("DIAGNOSES_ICD"), "SUBJECT_ID", "HADM_ID", "ICD9_CODE", "SEQ_NUM", Set.of()),
        new CodeTable(Visit.MEDICATION, new Table("PRESCRIPTIONS"), "SUBJECT_ID", "HADM_ID", ndc ? "NDC" : "DRUG", null,
            ndc ? Set.of("0") : Set.of()),
        new CodeTable(Visit.PROCEDURE, new Table("PROCEDURES_ICD"), "SUBJECT_ID", "HADM_ID", "ICD9_CODE", "SEQ_NUM", Set.of()));
    TableLayout layout = new TableLayout(new Table("PATIENTS"), "SUBJECT_ID", "DOB", "GENDER", "DOD",
        new Table("ADMISSIONS"), "HADM_ID", "SUBJECT_ID", "ADMITTIME", codes,
        Map.of(ndc ? "NDC" : "DRUG", "set medication_code: " + (ndc ? "drug" : "ndc") + " to use the other column"));
    return EhrReaders.readTables(folder, layout, options, keep);
  }
}
