package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.config.ConfigFiles;
import org.recurrent.data.ehr.EhrReaderOptions.MedicationCode;
import org.recurrent.data.ehr.EhrReaderOptions.Source;
import org.recurrent.data.ehr.EhrReaderOptions.VisitGrouping;

class EhrReaderOptionsTest {
  private static EhrReaderOptions bind(String yaml) throws IOException {
    return ConfigFiles.options(new ObjectMapper(new YAMLFactory()).readTree(yaml), EhrReaderOptions.class, "data.options");
  }

  @Test
  void bindsFromYamlWithDefaultsForTheSource() throws IOException {
    EhrReaderOptions o = bind("""
        source: synthea
        types: [diagnosis, medication]
        patient_id_column: pid
        encounter_id_column: eid
        patient_column: pid
        encounter_column: eid
        grouping: {kind: icd9_3digit, unmapped: drop}
        """);
    assertEquals(Source.SYNTHEA, o.source());
    assertEquals(List.of("diagnosis", "medication"), o.types());
    assertEquals(List.of("pid", "eid", "pid", "eid"), List.of(o.patientIdColumn(), o.encounterIdColumn(), o.patientColumn(), o.encounterColumn()));
    assertEquals(new CodeGroupingOptions(CodeGroupingOptions.Kind.ICD9_3DIGIT, null, List.of("diagnosis"),
        CodeGroupingOptions.Unmapped.DROP), o.grouping());
    assertNull(o.medicationCode());
    assertNull(o.groupVisitsBy());
    EhrReaderOptions m = bind("source: mimic3");
    assertEquals(MedicationCode.NDC, m.medicationCode());
    assertNull(m.patientColumn());
    assertEquals(VisitGrouping.DAY, bind("{source: long, group_visits_by: day, patients_file: p.csv}").groupVisitsBy());
    assertEquals(List.of("Id", "Id", "PATIENT", "ENCOUNTER"), List.of(EhrReaderOptions.synthea().patientIdColumn(),
        EhrReaderOptions.synthea().encounterIdColumn(), EhrReaderOptions.synthea().patientColumn(),
        EhrReaderOptions.synthea().encounterColumn()));
  }

  @Test
  void rejectsFieldsOfAnotherSourceNamingTheField() {
    var e = assertThrows(IllegalArgumentException.class, () -> bind("{source: synthea, medication_code: drug}"));
    assertEquals("data.options: medication_code applies to source: mimic3, not synthea", e.getMessage());
    assertEquals("group_visits_by applies to source: long, not mimic3", assertThrows(IllegalArgumentException.class,
        () -> EhrReaderOptions.mimic3().withGroupVisitsBy(VisitGrouping.DAY)).getMessage());
    assertEquals("encounter_column applies to source: synthea, not long", assertThrows(IllegalArgumentException.class,
        () -> EhrReaderOptions.longFormat().withColumns(null, null, null, "eid")).getMessage());
  }

  @Test
  void rejectsMissingSourceAndBadTypes() {
    assertEquals("data.options: source is required: synthea, mimic3 or long",
        assertThrows(IllegalArgumentException.class, () -> bind("{types: [diagnosis]}")).getMessage());
    assertEquals("types of source mimic3 are [diagnosis, medication, procedure], got [diagnosis, lab]",
        assertThrows(IllegalArgumentException.class, () -> EhrReaderOptions.mimic3().withTypes("diagnosis", "lab")).getMessage());
    assertEquals(List.of("diagnosis", "lab"), EhrReaderOptions.longFormat().withTypes("diagnosis", "lab").types());
    assertEquals("types [diagnosis, diagnosis] repeat a type", assertThrows(IllegalArgumentException.class,
        () -> EhrReaderOptions.synthea().withTypes("diagnosis", "diagnosis")).getMessage());
    assertEquals("patient_column is blank; leave it out for \"PATIENT\"", assertThrows(IllegalArgumentException.class,
        () -> EhrReaderOptions.synthea().withColumns(null, null, " ", null)).getMessage());
  }

  @Test
  void groupingNeedsAKindAndAFileForCsv() {
    assertEquals("grouping.file is required for grouping.kind: csv (a code,group CSV)",
        assertThrows(IllegalArgumentException.class, () -> new CodeGroupingOptions(CodeGroupingOptions.Kind.CSV, null, null, null))
            .getMessage());
    assertEquals("grouping.file applies to grouping.kind: csv, not icd9_3digit", assertThrows(IllegalArgumentException.class,
        () -> new CodeGroupingOptions(CodeGroupingOptions.Kind.ICD9_3DIGIT, "g.csv", null, null)).getMessage());
    assertEquals("grouping.kind is required: icd9_3digit or csv",
        assertThrows(IllegalArgumentException.class, () -> new CodeGroupingOptions(null, null, null, null)).getMessage());
  }
}
