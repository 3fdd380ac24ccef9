package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.data.ehr.EhrFixtures.ids;
import static org.recurrent.data.ehr.EhrFixtures.patient;
import static org.recurrent.data.ehr.EhrFixtures.resource;
import static org.recurrent.data.ehr.EhrFixtures.visitIds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.ehr.EhrReaderOptions.VisitGrouping;

class LongEventReaderTest {
  private static final Path EVENTS = resource("long/events.csv");
  private static final EhrReaderOptions WITH_PATIENTS = EhrReaderOptions.longFormat().withPatientsFile("patients.csv");

  @TempDir Path dir;

  @Test
  void eventsAtOneTimestampFormOneVisitWhateverTheRowOrder() throws IOException {
    EhrData data = new LongEventReader(WITH_PATIENTS).read(EVENTS);
    assertEquals(List.of("a", "b"), ids(data)); // patients-file order; c's only event has no code
    PatientHistory a = patient(data, "a");
    assertEquals(new Patient("a", LocalDate.of(1950, 1, 1), Sex.FEMALE, null), a.patient());
    assertEquals(List.of("a@2019-12-31T00:00", "a@2020-01-01T10:00", "a@2020-01-01T15:30"), visitIds(a));
    assertEquals(LocalDateTime.of(2020, 1, 1, 15, 30), a.visits().get(2).start());
    assertEquals(Map.of("diagnosis", List.of("E11.9"), "medication", List.of("197591")), a.visits().get(1).codes());
    PatientHistory b = patient(data, "b");
    assertEquals(new Patient("b", LocalDate.of(1960, 1, 1), Sex.MALE, LocalDate.of(2021, 1, 1)), b.patient());
    assertEquals(Map.of("diagnosis", List.of("I50.9"), "lab", List.of("hba1c_high")), b.visits().get(0).codes());
    IngestReport r = data.report();
    assertEquals(Map.of("patients.csv", 3L, "events.csv", 8L), r.rowsRead());
    assertEquals(1, r.rowsWithUnknownPatient()); // z
    assertEquals(1, r.rowsWithoutCode()); // c
    assertEquals(1, r.patientsWithoutVisits()); // c
    assertEquals(0, r.visitsWithoutCodes());
    assertEquals(Map.of("diagnosis", 3L, "medication", 1L, "lab", 1L, "procedure", 1L), r.codesRead());
    assertEquals(List.of(), r.notes());
  }

  @Test
  void visitsCanBeCalendarDays() throws IOException {
    EhrData data = new LongEventReader(WITH_PATIENTS.withGroupVisitsBy(VisitGrouping.DAY)).read(EVENTS);
    PatientHistory a = patient(data, "a");
    assertEquals(List.of("a@2019-12-31", "a@2020-01-01"), visitIds(a));
    assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0), a.visits().get(1).start());
    assertEquals(Map.of("diagnosis", List.of("E11.9"), "medication", List.of("197591"), "procedure", List.of("430193006")),
        a.visits().get(1).codes());
  }

  @Test
  void withoutAPatientsFileEveryPatientIsOfUnknownAgeAndSex() throws IOException {
    EhrData data = new LongEventReader(EhrReaderOptions.longFormat()).read(EVENTS);
    assertEquals(List.of("b", "a", "z"), ids(data)); // first-seen order
    assertEquals(new Patient("z", null, Sex.UNKNOWN, null), patient(data, "z").patient());
    assertEquals(0, data.report().rowsWithUnknownPatient());
    assertEquals(List.of("no patients_file: birth dates unknown and sex UNKNOWN for all 4 patients (ages are NaN; set "
        + "patients_file for demographics)"), data.report().notes());
  }

  @Test
  void typesNotAskedForAreCounted() throws IOException {
    EhrData data = new LongEventReader(WITH_PATIENTS.withTypes("diagnosis")).read(EVENTS);
    assertEquals(3, data.report().rowsOfUnreadTypes()); // a's medication and procedure, b's lab
    assertEquals(List.of("a@2019-12-31T00:00", "a@2020-01-01T10:00"), visitIds(patient(data, "a")));
    assertEquals(Map.of("diagnosis", 3L), data.report().codesRead());
  }

  @Test
  void thePatientFilterKeepsExactlyTheRequestedPatients() throws IOException {
    EhrData data = new LongEventReader(WITH_PATIENTS).read(EVENTS, id -> id.equals("b"));
    assertEquals(List.of("b"), ids(data));
    assertEquals(4 + 1, data.report().rowsOfExcludedPatients()); // a's four events, c's one
  }

  @Test
  void aBadTimestampIsAnErrorAtItsLine() throws IOException {
    Path events = Files.writeString(dir.resolve("events.csv"),
        "patient_id,timestamp,code_type,code\np,2020-01-01,diagnosis,x\np,2020-01-01T10:00:00+0100,diagnosis,y\n"
            + "p,2020-02-30,diagnosis,z\n");
    var e = assertThrows(DataFormatException.class, () -> new LongEventReader(EhrReaderOptions.longFormat()).read(events));
    assertEquals(events + ":4: expected " + Timestamps.EXPECTED + " in column timestamp, found \"2020-02-30\"", e.getMessage());
  }

  @Test
  void theHeaderIsRequired() throws IOException {
    Path events = Files.writeString(dir.resolve("events.csv"), "p,2020-01-01,diagnosis,x\n");
    var e = assertThrows(DataFormatException.class, () -> new LongEventReader(EhrReaderOptions.longFormat()).read(events));
    assertEquals(events + ":1: expected a column named \"patient_id\", found columns [p, 2020-01-01, diagnosis, x]",
        e.getMessage());
  }

  @Test
  void groupsCodesWithAUserCsv() throws IOException {
    EhrData data = new LongEventReader(WITH_PATIENTS.withGrouping(CodeGroupingOptions.csv("groups.csv"))).read(EVENTS);
    PatientHistory a = patient(data, "a");
    assertEquals(Map.of("diagnosis", List.of("hypertension")), a.visits().get(0).codes());
    assertEquals(Map.of("diagnosis", List.of("diabetes"), "medication", List.of("drug_a")), a.visits().get(1).codes());
    assertEquals(List.of("I50.9"), patient(data, "b").visits().get(0).codes("diagnosis")); // not in the CSV: kept
    assertTrue(data.report().notes().contains("grouping csv: 2 of 3 diagnosis code occurrences grouped; 1 had no group "
        + "(1 distinct, e.g. I50.9) and were kept as read"), data.report().notes().toString());
  }
}
