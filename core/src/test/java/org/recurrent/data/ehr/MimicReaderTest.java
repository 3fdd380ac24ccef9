package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.data.ehr.EhrFixtures.copy;
import static org.recurrent.data.ehr.EhrFixtures.ids;
import static org.recurrent.data.ehr.EhrFixtures.patient;
import static org.recurrent.data.ehr.EhrFixtures.resource;
import static org.recurrent.data.ehr.EhrFixtures.visitIds;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.ehr.EhrReaderOptions.MedicationCode;

class MimicReaderTest {
  private static final Path FIXTURE = resource("mimic");

  @TempDir Path dir;

  @Test
  void readsAdmissionsWithCodesOrderedBySeqNum() throws IOException {
    // PATIENTS.csv has upper-case headers, the others lower-case; PROCEDURES_ICD is gzipped
    EhrData data = new MimicReader(EhrReaderOptions.mimic3()).read(FIXTURE);
    assertEquals(List.of("10"), ids(data)); // 20's only admission has no code (an empty ICD-9, an empty NDC)
    PatientHistory p = patient(data, "10");
    assertEquals(new Patient("10", LocalDate.of(2100, 1, 1), Sex.FEMALE, null), p.patient());
    assertEquals(List.of("101", "100"), visitIds(p));
    Visit v = p.visits().get(1);
    assertEquals(LocalDateTime.of(2150, 1, 1, 10, 0), v.start());
    assertEquals(List.of("4280", "25000", "V5861"), v.codes(Visit.DIAGNOSIS)); // seq_num 1, 2, 3
    assertEquals(List.of("00054829725"), v.codes(Visit.MEDICATION)); // NDC 0 is no code
    assertEquals(List.of("3722"), v.codes(Visit.PROCEDURE));
    IngestReport r = data.report();
    assertEquals(Map.of("PATIENTS.csv", 2L, "ADMISSIONS.csv", 4L, "DIAGNOSES_ICD.csv", 6L, "PRESCRIPTIONS.csv", 3L,
        "PROCEDURES_ICD.csv.gz", 1L), r.rowsRead());
    assertEquals(1, r.rowsWithUnknownPatient()); // admission 300 of subject 30
    assertEquals(1, r.rowsWithUnknownVisit()); // hadm 999
    assertEquals(3, r.rowsWithoutCode()); // an empty ICD-9, NDC 0, an empty NDC
    assertEquals(1, r.visitsWithoutCodes());
    assertEquals(1, r.patientsWithoutVisits());
    assertEquals(Map.of(Visit.DIAGNOSIS, 4L, Visit.MEDICATION, 1L, Visit.PROCEDURE, 1L), r.codesRead());
  }

  @Test
  void drugNamesCanBeTheMedicationCodes() throws IOException {
    EhrData data = new MimicReader(EhrReaderOptions.mimic3().withMedicationCode(MedicationCode.DRUG)).read(FIXTURE);
    assertEquals(List.of("10", "20"), ids(data));
    assertEquals(List.of("Furosemide", "Heparin, porcine"), patient(data, "10").visits().get(1).codes(Visit.MEDICATION));
    assertEquals(Map.of(Visit.MEDICATION, List.of("Aspirin")), patient(data, "20").visits().get(0).codes());
    assertEquals(new Patient("20", LocalDate.of(2090, 5, 5), Sex.MALE, LocalDate.of(2150, 1, 1)),
        patient(data, "20").patient());
  }

  @Test
  void groupsDiagnosesToThreeDigitCategories() throws IOException {
    EhrData data = new MimicReader(EhrReaderOptions.mimic3().withGrouping(CodeGroupingOptions.icd9())).read(FIXTURE);
    PatientHistory p = patient(data, "10");
    assertEquals(List.of("486"), p.visits().get(0).codes(Visit.DIAGNOSIS));
    assertEquals(List.of("428", "250", "V58"), p.visits().get(1).codes(Visit.DIAGNOSIS));
    assertEquals(List.of("3722"), p.visits().get(1).codes(Visit.PROCEDURE)); // procedures are not grouped
    assertEquals(List.of("grouping icd9_3digit: 4 of 4 diagnosis code occurrences grouped"), data.report().notes());
  }

  @Test
  void aBadAdmitTimeIsAnErrorAtItsLine() throws IOException {
    copy("mimic", dir, Map.of("ADMISSIONS.csv", "SUBJECT_ID,HADM_ID,ADMITTIME\n10,100,2150-01-01 10:00:00\n10,101,2150-01-01 25:00:00\n"));
    var e = assertThrows(DataFormatException.class, () -> new MimicReader(EhrReaderOptions.mimic3()).read(dir));
    assertEquals(dir.resolve("ADMISSIONS.csv") + ":3: expected " + Timestamps.EXPECTED + " in column ADMITTIME, found "
        + "\"2150-01-01 25:00:00\"", e.getMessage());
  }

  @Test
  void aBadSeqNumIsAnErrorAtItsLine() throws IOException {
    copy("mimic", dir, Map.of("DIAGNOSES_ICD.csv", "subject_id,hadm_id,seq_num,icd9_code\n10,100,first,4280\n"));
    var e = assertThrows(DataFormatException.class, () -> new MimicReader(EhrReaderOptions.mimic3()).read(dir));
    assertEquals(dir.resolve("DIAGNOSES_ICD.csv") + ":2: expected a non-negative integer in column SEQ_NUM, found \"first\"",
        e.getMessage());
  }

  @Test
  void aMissingMedicationColumnSaysHowToUseTheOther() throws IOException {
    copy("mimic", dir, Map.of("PRESCRIPTIONS.csv", "subject_id,hadm_id,drug\n10,100,Aspirin\n"));
    var e = assertThrows(DataFormatException.class, () -> new MimicReader(EhrReaderOptions.mimic3()).read(dir));
    assertEquals(dir.resolve("PRESCRIPTIONS.csv") + ":1: expected a column named \"NDC\" (set medication_code: drug to use "
        + "the other column), found columns [subject_id, hadm_id, drug]", e.getMessage());
  }
}
