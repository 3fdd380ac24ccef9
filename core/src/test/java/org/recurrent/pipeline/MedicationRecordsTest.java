package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.config.EhrOptions;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.ehr.Patient;
import org.recurrent.data.ehr.PatientHistory;
import org.recurrent.data.ehr.Sex;
import org.recurrent.data.ehr.Visit;
import org.recurrent.tasks.MedicationTask;

/** What step t of a medication record may see: visit t's diagnoses, earlier visits, never visit t's medications. */
class MedicationRecordsTest {
  private static Visit visit(String id, int day, List<String> dx, List<String> med) {
    Map<String, List<String>> codes = new java.util.LinkedHashMap<>();
    codes.put(Visit.DIAGNOSIS, dx);
    codes.put(Visit.MEDICATION, med);
    return new Visit(id, LocalDateTime.of(2020, 1, 1, 9, 0).plusDays(day), codes);
  }

  /** v1 dx D1 med A; v2 med B only (no diagnosis); v3 dx D2 med B, C; v4 dx D3 (no medication yet). */
  private static PatientHistory patient() {
    return new PatientHistory(new Patient("p", LocalDate.of(1960, 1, 1), Sex.FEMALE, null), List.of(
        visit("v1", 0, List.of("D1"), List.of("A")), visit("v2", 10, List.of(), List.of("B")),
        visit("v3", 20, List.of("D2"), List.of("B", "C", "B")), visit("v4", 30, List.of("D3"), List.of())));
  }

  private static final Map<String, Integer> LABELS = Map.of("A", 0, "B", 1);

  private static List<String> bag(SequenceExample e, String input, int t, CodeIndex index) {
    StepInput.Bags b = (StepInput.Bags) e.input(input);
    int to = t + 1 < b.offsets().length ? b.offsets()[t + 1] : b.ids().length;
    List<String> out = new ArrayList<>();
    for (int i = b.offsets()[t]; i < to; i++) out.add(index.code(b.ids()[i]));
    return out;
  }

  @Test
  void stepTReadsItsDiagnosesAndThePreviousVisitsMedicationsButNeverItsOwn() {
    CodeIndex index = new CodeIndex();
    MedicationRecords.Counts counts = new MedicationRecords.Counts();
    List<SequenceExample> r = MedicationRecords.records(patient(), new EhrOptions.Medication(null, null, null), LABELS,
        index, "t", true, counts);
    assertEquals(1, r.size());
    SequenceExample e = r.get(0);
    assertEquals(2, e.length(), "v1 and v3: the visits with a diagnosis and a medication");
    assertEquals(List.of("diagnosis:D1"), bag(e, SequenceExample.PRIMARY, 0, index));
    assertEquals(List.of("diagnosis:D2", "medication:A"), bag(e, SequenceExample.PRIMARY, 1, index));
    assertEquals(List.of("diagnosis:D2"), bag(e, MedicationTask.DIAGNOSES, 1, index));
    // targets: v1 {A}; v3 {B} (C is no label: counted)
    assertEquals(List.of(1f, 0f, 0f, 1f), List.of(e.y()[0], e.y()[1], e.y()[2], e.y()[3]));
    assertEquals(1, counts.medicationsNotPredicted);
  }

  @Test
  void historyDiagnosesKeepsMedicationsOutOfTheBagAndNoneMakesOneRecordPerVisit() {
    CodeIndex index = new CodeIndex();
    var counts = new MedicationRecords.Counts();
    SequenceExample d = MedicationRecords.records(patient(), new EhrOptions.Medication("diagnoses", null, null), LABELS,
        index, "t", true, counts).get(0);
    assertEquals(List.of("diagnosis:D2"), bag(d, SequenceExample.PRIMARY, 1, index));
    List<SequenceExample> none = MedicationRecords.records(patient(), new EhrOptions.Medication("none", null, null),
        LABELS, index, "t", true, counts);
    assertEquals(2, none.size());
    assertEquals(List.of(1, 1), none.stream().map(SequenceExample::length).toList());
    assertEquals("p@v3", none.get(1).id());
  }

  @Test
  void unlabelledRecordsEndWithTheLastVisitWhenItHasDiagnosesButNoMedicationYet() {
    CodeIndex index = new CodeIndex();
    SequenceExample e = MedicationRecords.records(patient(), new EhrOptions.Medication(null, null, null), LABELS, index,
        "t", false, new MedicationRecords.Counts()).get(0);
    assertEquals(3, e.length());
    assertEquals(List.of("diagnosis:D3", "medication:B", "medication:C"), bag(e, SequenceExample.PRIMARY, 2, index));
    assertEquals(0, e.y().length);
  }

  @Test
  void maxVisitsKeepsTheLastVisitsAndLabelsAreTheFrequentMedications() {
    SequenceExample e = MedicationRecords.records(patient(), new EhrOptions.Medication(null, null, 1), LABELS,
        new CodeIndex(), "t", true, new MedicationRecords.Counts()).get(0);
    assertEquals(1, e.length());
    // v2's B has no diagnosis and is not counted: A, B, C at 2 qualifying visits each, ties by code
    assertEquals(List.of("A", "B", "C"), MedicationRecords.labels(List.of(patient(), patient()),
        new EhrOptions.Medication(null, 2, null)));
    // A, B and C are each prescribed at 2 of the two copies' qualifying visits; min frequency 3 leaves none
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> MedicationRecords.labels(List.of(patient(), patient()), new EhrOptions.Medication(null, 3, null)));
    assertEquals(true, ex.getMessage().startsWith("medication: no medication is prescribed at 3 or more"));
  }

  @Test
  void badOptionsAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EhrOptions.Medication("everything", null, null));
    assertEquals("data.options.medication.history: expected one of [none, diagnoses, diagnoses_and_medications], "
        + "found 'everything'", e.getMessage());
  }
}
