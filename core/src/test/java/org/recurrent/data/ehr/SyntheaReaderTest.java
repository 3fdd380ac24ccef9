package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.data.ehr.EhrFixtures.copy;
import static org.recurrent.data.ehr.EhrFixtures.ids;
import static org.recurrent.data.ehr.EhrFixtures.patient;
import static org.recurrent.data.ehr.EhrFixtures.resource;
import static org.recurrent.data.ehr.EhrFixtures.visitIds;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;

class SyntheaReaderTest {
  private static final Path FIXTURE = resource("synthea");

  @TempDir Path dir;

  private static EhrData read(Path folder) throws IOException {
    return new SyntheaReader(EhrReaderOptions.synthea()).read(folder);
  }

  @Test
  void readsVisitsWithTheirCodesInTimeOrder() throws IOException {
    EhrData data = read(FIXTURE);
    assertEquals(List.of("p1", "p2"), ids(data)); // p3 has visits, none with codes
    PatientHistory p1 = patient(data, "p1");
    assertEquals(new Patient("p1", LocalDate.of(1950, 1, 1), Sex.FEMALE, null), p1.patient());
    assertEquals(List.of("e3", "e1", "e2"), visitIds(p1)); // e3 is a date: 2009-02-02 00:00
    Visit e3 = p1.visits().get(0);
    assertEquals(LocalDateTime.of(2009, 2, 2, 0, 0), e3.start());
    Visit e1 = p1.visits().get(1);
    assertEquals(LocalDateTime.of(2010, 1, 1, 10, 0), e1.start());
    assertEquals(Map.of(Visit.DIAGNOSIS, List.of("88805009", "44054006"), Visit.MEDICATION, List.of("197591")), e1.codes());
    assertEquals(List.of(Visit.DIAGNOSIS, Visit.MEDICATION), List.copyOf(e1.codes().keySet()));
    assertEquals(Map.of(Visit.MEDICATION, List.of("313820")), p1.visits().get(2).codes());
    PatientHistory p2 = patient(data, "p2");
    assertEquals(new Patient("p2", LocalDate.of(1960, 6, 15), Sex.MALE, LocalDate.of(2020, 3, 1)), p2.patient());
    assertEquals(List.of("e4"), visitIds(p2)); // e5 has no codes
    assertEquals(Map.of(Visit.DIAGNOSIS, List.of("84114007"), Visit.MEDICATION, List.of("197591")),
        p2.visits().get(0).codes());
  }

  @Test
  void countsEverythingItCouldNotUse() throws IOException {
    IngestReport r = read(FIXTURE).report();
    assertEquals(Map.of("patients.csv", 3L, "encounters.csv", 7L, "conditions.csv.gz", 7L, "medications.csv", 3L),
        r.rowsRead());
    assertEquals(2, r.rowsWithUnknownPatient()); // encounter e7 and its condition, both of p9
    assertEquals(1, r.rowsWithUnknownVisit()); // e99
    assertEquals(1, r.rowsWithoutCode());
    assertEquals(2, r.visitsWithoutCodes()); // e5, e6
    assertEquals(1, r.patientsWithoutVisits()); // p3
    assertEquals(0, r.rowsOfExcludedPatients());
    assertEquals(Map.of(Visit.DIAGNOSIS, 4L, Visit.MEDICATION, 3L, Visit.PROCEDURE, 0L), r.codesRead());
    assertEquals(1, r.notes().size(), r.notes().toString());
    assertTrue(r.notes().get(0).startsWith("no procedures table"), r.notes().get(0));
  }

  @Test
  void readsOnlyTheTypesAskedFor() throws IOException {
    EhrData data = new SyntheaReader(EhrReaderOptions.synthea().withTypes(Visit.MEDICATION)).read(FIXTURE);
    assertEquals(Map.of("patients.csv", 3L, "encounters.csv", 7L, "medications.csv", 3L), data.report().rowsRead());
    assertEquals(List.of("e1", "e2"), visitIds(patient(data, "p1"))); // e3 has a diagnosis only
    assertEquals(List.of(), data.report().notes());
  }

  @Test
  void aRequestedTypeWithoutItsTableIsAnError() {
    var e = assertThrows(FileNotFoundException.class,
        () -> new SyntheaReader(EhrReaderOptions.synthea().withTypes(Visit.PROCEDURE)).read(FIXTURE));
    assertEquals(FIXTURE + ": no procedures.csv or procedures.csv.gz", e.getMessage());
  }

  @Test
  void keepsOnlyTheFilteredPatientsAndCountsTheRest() throws IOException {
    EhrData data = new SyntheaReader(EhrReaderOptions.synthea().withPatients(List.of("p2", "p7"))).read(FIXTURE);
    assertEquals(List.of("p2"), ids(data));
    IngestReport r = data.report();
    assertEquals(4 + 3 + 2, r.rowsOfExcludedPatients()); // encounters of p1 and p3, conditions and medications of p1
    assertEquals(1, r.visitsWithoutCodes()); // e5; p3's e6 was never stored
    assertEquals(0, r.patientsWithoutVisits());
    assertTrue(r.notes().contains("1 of the 2 requested patients are not in the patients table: p7"), r.notes().toString());
  }

  @Test
  void aBadTimestampIsAnErrorAtItsLine() throws IOException {
    copy("synthea", dir, Map.of("encounters.csv", """
        Id,START,STOP,PATIENT
        e1,2010-01-01T10:00:00Z,,p1
        e2,2010-13-01T10:00:00Z,,p1
        """));
    var e = assertThrows(DataFormatException.class, () -> read(dir));
    assertEquals(dir.resolve("encounters.csv") + ":3: expected " + Timestamps.EXPECTED + " in column START, found \"2010-13-01T10:00:00Z\"",
        e.getMessage());
  }

  @Test
  void aMissingColumnNamesTheFileTheColumnAndTheHeader() throws IOException {
    copy("synthea", dir, Map.of("medications.csv", """
        START,STOP,PATIENT,ENC,CODE
        2010-01-01,,p1,e1,197591
        """));
    var e = assertThrows(DataFormatException.class, () -> read(dir));
    assertEquals(dir.resolve("medications.csv") + ":1: expected a column named \"ENCOUNTER\" (set encounter_column if the "
        + "encounter column has another name), found columns [START, STOP, PATIENT, ENC, CODE]", e.getMessage());
  }

  @Test
  void renamedColumnsReadTheReEncodedLayout() throws IOException {
    copy("synthea", dir, Map.of(
        "patients.csv", "pid,BIRTHDATE,DEATHDATE,GENDER\n1,1950-01-01,,F\n",
        "encounters.csv", "eid,pid,START\n10,1,2010-01-01T10:00:00Z\n11,1,2011-01-01T10:00:00Z\n",
        "medications.csv", "pid,eid,START,CODE\n1,11,2011-01-01,197591\n"));
    EhrFixtures.delete(dir.resolve("conditions.csv.gz"));
    var wrong = assertThrows(DataFormatException.class, () -> read(dir));
    assertTrue(wrong.getMessage().startsWith(dir.resolve("patients.csv") + ":1: expected a column named \"Id\""), wrong.getMessage());
    EhrData data = new SyntheaReader(EhrReaderOptions.synthea().withColumns("pid", "eid", "pid", "eid")).read(dir);
    assertEquals(List.of("11"), visitIds(patient(data, "1")));
  }

  @Test
  void aRepeatedEncounterIdIsAnError() throws IOException {
    copy("synthea", dir, Map.of("encounters.csv", "Id,START,PATIENT\ne1,2010-01-01,p1\ne1,2011-01-01,p2\n"));
    var e = assertThrows(DataFormatException.class, () -> read(dir));
    assertEquals(dir.resolve("encounters.csv") + ":3: expected a new visit id, found \"e1\" again (ids must be unique)",
        e.getMessage());
  }

  @Test
  void aRepeatedPatientIdIsAnError() throws IOException {
    copy("synthea", dir, Map.of("patients.csv", "Id,BIRTHDATE,DEATHDATE,GENDER\np1,1950-01-01,,F\np1,1950-01-01,,F\n"));
    var e = assertThrows(DataFormatException.class, () -> read(dir));
    assertEquals(dir.resolve("patients.csv") + ":3: expected a new patient id, found \"p1\" again", e.getMessage());
  }

  @Test
  void aCodeOfAnotherPatientsEncounterIsAnError() throws IOException {
    copy("synthea", dir, Map.of("medications.csv", "PATIENT,ENCOUNTER,CODE\np2,e1,197591\n"));
    var e = assertThrows(DataFormatException.class, () -> read(dir));
    assertEquals(dir.resolve("medications.csv") + ":2: expected patient \"p1\" of visit \"e1\" in column PATIENT, found \"p2\"",
        e.getMessage());
  }

  @Test
  void aBadSexOrBirthDateIsAnErrorAtItsLine() throws IOException {
    copy("synthea", dir, Map.of("patients.csv", "Id,BIRTHDATE,DEATHDATE,GENDER\np1,1950-01-01,,X\n"));
    var sex = assertThrows(DataFormatException.class, () -> read(dir));
    assertEquals(dir.resolve("patients.csv") + ":2: expected a sex in column GENDER (F, M or empty), found \"X\"", sex.getMessage());
    copy("synthea", java.nio.file.Files.createDirectory(dir.resolve("b")), Map.of("patients.csv", "Id,BIRTHDATE,DEATHDATE,GENDER\np1,1950-01-01,,F\np2,01/02/1950,,M\n"));
    var birth = assertThrows(DataFormatException.class, () -> read(dir.resolve("b")));
    assertEquals(dir.resolve("b/patients.csv") + ":3: expected a date in column BIRTHDATE (2020-01-31), found \"01/02/1950\"",
        birth.getMessage());
  }

  @Test
  void aMissingRequiredTableIsAnError() throws IOException {
    copy("synthea", dir, Map.of());
    EhrFixtures.delete(dir.resolve("encounters.csv"));
    var e = assertThrows(FileNotFoundException.class, () -> read(dir));
    assertEquals(dir + ": no encounters.csv or encounters.csv.gz", e.getMessage());
  }
}
