package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.recurrent.data.ehr.EhrFixtures.SHARED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.recurrent.data.CsvReader;

/** The readers on the shared data sets, asserting the facts their READMEs state. */
class EhrSharedDataTest {
  private static final Set<String> SNOMED_HF = Set.of("88805009", "84114007");

  private static Path dataset(String name) {
    Path dir = SHARED.resolve(name);
    assumeTrue(Files.isDirectory(dir), name + " not present");
    return dir;
  }

  private static long withDiagnosis(EhrData data, Predicate<String> code) {
    return data.patients().stream().filter(h -> h.firstVisitWith(Visit.DIAGNOSIS, code) != null).count();
  }

  @Test
  void syntheaHf40To85Has7867PatientsAnd392WithHeartFailure() throws IOException {
    EhrData data = EhrReaders.read(dataset("synthea-hf-40-85"), EhrReaderOptions.synthea().withTypes(Visit.DIAGNOSIS));
    IngestReport r = data.report();
    assertEquals(Map.of("patients.csv.gz", 7_867L, "encounters.csv.gz", 2_163_176L, "conditions.csv.gz", 1_261_582L),
        r.rowsRead());
    assertEquals(Map.of(Visit.DIAGNOSIS, 1_261_582L), r.codesRead());
    assertEquals(0, r.rowsWithUnknownPatient() + r.rowsWithUnknownVisit() + r.rowsWithoutCode());
    assertEquals(7_867, data.patients().size() + r.patientsWithoutVisits());
    assertEquals(392, withDiagnosis(data, SNOMED_HF::contains));
  }

  @Test
  void syntheaCohortTestSplitHas519PatientsAnd17WithHeartFailureFirstCodedAtTheReadmesEncounter() throws IOException {
    Path dir = dataset("synthea-cohort");
    // the README's split: pid % 20 in 17..19 is test (519 patients, 17 with HF)
    Predicate<String> test = id -> Integer.parseInt(id) % 20 >= 17;
    EhrData data = EhrReaders.read(dir, EhrReaderOptions.synthea().withColumns("pid", "eid", "pid", "eid"), test);
    assertEquals(519, data.patients().size() + data.report().patientsWithoutVisits());
    assertTrue(data.patients().stream().allMatch(h -> test.test(h.id())));
    IngestReport r = data.report();
    assertEquals(Map.of("patients.csv.gz", 3_472L, "encounters.csv.gz", 630_896L, "conditions.csv.gz", 365_633L,
        "medications.csv.gz", 430_457L), r.rowsRead());
    assertTrue(r.notes().get(0).startsWith("no procedures table"), r.notes().toString());
    // heart_failure_onset.csv.gz names the encounter (eid) of each patient's first HF code
    Map<String, String> onsetVisit = new TreeMap<>();
    try (CsvReader csv = CsvReader.open(dir.resolve("heart_failure_onset.csv.gz"), ',', true)) {
      for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
        if (test.test(row.get(0))) onsetVisit.put(row.get(0), row.get(3));
      }
    }
    Map<String, String> found = new TreeMap<>();
    for (PatientHistory h : data.patients()) {
      Visit first = h.firstVisitWith(Visit.DIAGNOSIS, SNOMED_HF::contains);
      if (first != null) found.put(h.id(), first.id());
    }
    assertEquals(17, found.size());
    assertEquals(onsetVisit, found);
  }

  @Test
  void syntheaRawSampleReadsWithTheDefaults() throws IOException {
    EhrData data = EhrReaders.read(dataset("synthea-raw-sample"), EhrReaderOptions.synthea());
    IngestReport r = data.report();
    assertEquals(Map.of("patients.csv.gz", 400L, "encounters.csv.gz", 78_895L, "conditions.csv.gz", 46_450L,
        "medications.csv.gz", 61_953L, "procedures.csv.gz", 234_609L), r.rowsRead());
    assertEquals(Map.of(Visit.DIAGNOSIS, 46_450L, Visit.MEDICATION, 61_953L, Visit.PROCEDURE, 234_609L), r.codesRead());
    assertEquals(400, data.patients().size() + r.patientsWithoutVisits());
    assertEquals(40, withDiagnosis(data, SNOMED_HF::contains));
  }

  @Test
  void mimicDemoHas100PatientsWith129AdmissionsAnd35WithHeartFailure() throws IOException {
    EhrData data = EhrReaders.read(dataset("mimic-iii-demo"), EhrReaderOptions.mimic3());
    IngestReport r = data.report();
    assertEquals(100, data.patients().size());
    assertEquals(129, data.patients().stream().mapToInt(h -> h.visits().size()).sum());
    assertEquals(0, r.visitsWithoutCodes() + r.rowsWithUnknownPatient() + r.rowsWithUnknownVisit());
    assertEquals(1_761L, r.rowsRead().get("DIAGNOSES_ICD.csv.gz"));
    assertEquals(1_761L, r.codesRead().get(Visit.DIAGNOSIS));
    assertEquals(581, data.patients().stream().flatMap(h -> h.visits().stream())
        .flatMap(v -> v.codes(Visit.DIAGNOSIS).stream()).distinct().count());
    // admissions per patient: 86 patients have 1, 11 have 2, 2 have 3, 1 has 15
    Map<Integer, Integer> perPatient = new HashMap<>();
    for (PatientHistory h : data.patients()) perPatient.merge(h.visits().size(), 1, Integer::sum);
    assertEquals(Map.of(1, 86, 2, 11, 3, 2, 15, 1), perPatient);
    Set<String> hf402404 = Set.of("40201", "40211", "40291", "40401", "40411", "40491", "40403", "40413", "40493");
    assertEquals(35, withDiagnosis(data, c -> c.startsWith("428") || hf402404.contains(c)));
    // diagnoses first by SEQ_NUM: the demo's first row, subject 10006's admission 142345, starts 99591, 99662
    Visit first = data.patients().stream().filter(h -> h.id().equals("10006")).findFirst().orElseThrow().visits().get(0);
    assertEquals(List.of("99591", "99662"), first.codes(Visit.DIAGNOSIS).subList(0, 2));
  }

  @Test
  void icd9GroupingMapsEveryMimicDemoDiagnosis() throws IOException {
    EhrData data = EhrReaders.read(dataset("mimic-iii-demo"),
        EhrReaderOptions.mimic3().withTypes(Visit.DIAGNOSIS).withGrouping(CodeGroupingOptions.icd9()));
    assertEquals(List.of("grouping icd9_3digit: 1761 of 1761 diagnosis code occurrences grouped"), data.report().notes());
    long categories = data.patients().stream().flatMap(h -> h.visits().stream())
        .flatMap(v -> v.codes(Visit.DIAGNOSIS).stream()).distinct().count();
    assertEquals(275, categories); // the distinct 3-digit (E: 4-character) prefixes of the 581 codes
  }
}
