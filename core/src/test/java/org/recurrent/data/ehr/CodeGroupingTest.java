package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.data.ehr.EhrFixtures.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.ehr.CodeGroupingOptions.Unmapped;

class CodeGroupingTest {
  @TempDir Path dir;

  /** Codes of the MIMIC-III demo's DIAGNOSES_ICD (no dot), a few with the dot, and their ICD-9-CM categories. */
  @ParameterizedTest
  @CsvSource({
      "4280, 428", "42731, 427", "25000, 250", "99591, 995", "03819, 038", "00845, 008", "486, 486", "2749, 274",
      "V5867, V58", "V090, V09", "V1582, V15", "V01, V01", "V91, V91", "E8791, E879", "E9342, E934", "E000, E000",
      "428.0, 428", "V15.82, V15", "E879.1, E879", "v1582, V15"})
  void icd9CodesMapToTheirCategories(String code, String category) {
    assertEquals(category, CodeGrouping.icd9Category(code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "42", "428000", "V00", "V92", "V1", "E87", "E87911", "ABC", "428.", "4280X", "I50.9", "197591"})
  void otherCodesHaveNoCategory(String code) {
    assertNull(CodeGrouping.icd9Category(code));
  }

  @Test
  void unmappedCodesAreKeptMappedToUnknownOrDroppedAndCounted() throws IOException {
    CodeGrouping keep = CodeGrouping.of(CodeGroupingOptions.icd9(), null);
    assertEquals("I50.9", keep.group(Visit.DIAGNOSIS, "I50.9"));
    assertEquals("197591", keep.group(Visit.MEDICATION, "197591")); // not a grouped type
    assertEquals(List.of("grouping icd9_3digit: 0 of 1 diagnosis code occurrences grouped; 1 had no group (1 distinct, "
        + "e.g. I50.9) and were kept as read"), keep.notes());
    CodeGrouping unknown = CodeGrouping.of(CodeGroupingOptions.icd9().withUnmapped(Unmapped.UNKNOWN), null);
    assertEquals(CodeVocabulary.UNKNOWN, unknown.group(Visit.DIAGNOSIS, "I50.9"));
    CodeGrouping drop = CodeGrouping.of(CodeGroupingOptions.icd9().withUnmapped(Unmapped.DROP), null);
    assertNull(drop.group(Visit.DIAGNOSIS, "I50.9"));
    assertEquals("428", drop.group(Visit.DIAGNOSIS, "4280"));
  }

  @Test
  void aCsvMapsByTypeFirstThenForEveryType() throws IOException {
    CodeGrouping g = CodeGrouping.of(CodeGroupingOptions.csv("groups.csv"), resource("long"));
    assertEquals("diabetes", g.group("diagnosis", "E11.9"));
    assertEquals("E11.9", g.group("procedure", "E11.9")); // that row is for diagnoses only
    assertEquals("drug_a", g.group("medication", "197591"));
    assertEquals("drug_a", g.group("diagnosis", "197591"));
  }

  @Test
  void aCodeWithTwoGroupsIsAnError() throws IOException {
    Path csv = Files.writeString(dir.resolve("g.csv"), "code,group\na,x\nb,y\na,z\n");
    var e = assertThrows(DataFormatException.class, () -> CodeGrouping.of(CodeGroupingOptions.csv("g.csv"), dir));
    assertEquals(csv + ":4: expected one group for code \"a\", found \"x\" and \"z\"", e.getMessage());
  }

  @Test
  void applyRegroupsDataAlreadyRead() throws IOException {
    Visit v = new Visit("v", LocalDateTime.of(2020, 1, 1, 0, 0), Map.of(Visit.DIAGNOSIS, List.of("4280", "I50.9")));
    Visit w = new Visit("w", LocalDateTime.of(2020, 2, 1, 0, 0), Map.of(Visit.DIAGNOSIS, List.of("I10")));
    Patient p = new Patient("p", null, Sex.UNKNOWN, null);
    EhrData data = new EhrData(List.of(new PatientHistory(p, List.of(v, w))),
        new IngestReport(Map.of(), 0, 0, 0, 0, Map.of(Visit.DIAGNOSIS, 3L)));
    EhrData grouped = CodeGrouping.of(CodeGroupingOptions.icd9().withUnmapped(Unmapped.DROP), null).apply(data);
    assertEquals(List.of("v"), grouped.patients().get(0).visits().stream().map(Visit::id).toList());
    assertEquals(List.of("428"), grouped.patients().get(0).visits().get(0).codes(Visit.DIAGNOSIS));
    assertEquals(1, grouped.report().visitsWithoutCodes()); // w lost its only code
    assertEquals(Map.of(Visit.DIAGNOSIS, 1L), grouped.report().codesRead());
  }
}
