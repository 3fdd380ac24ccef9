package org.recurrent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The data.split section's defaults and the checks on its fractions. */
class SplitConfigTest {
  private static SplitConfig fractions(Double train, Double validation) {
    return new SplitConfig("ratio", train, validation, null, null, null, null);
  }

  private static String rejection(Double train, Double validation) {
    return assertThrows(IllegalArgumentException.class, () -> fractions(train, validation)).getMessage();
  }

  @Test
  void fractionsDefaultToEightyTenAndTheRestTest() {
    SplitConfig s = new SplitConfig(null, null, null, null, null, null, null);
    assertEquals("ratio", s.method());
    assertEquals(0.8, s.train());
    assertEquals(0.1, s.validation());
  }

  @Test
  void trainPlusValidationMayBeExactlyOne() {
    assertEquals(0.25, fractions(0.75, 0.25).validation());
    assertEquals(0.0, fractions(1.0, 0.0).validation(), "no validation and no test");
    assertEquals(0.0, fractions(0.5, 0.0).validation(), "validation may be 0");
  }

  @Test
  void trainPlusValidationAboveOneIsRejected() {
    // 0.75 + 0.25 + 1e-6 is beyond the 1e-9 allowed for rounding; with '-' instead of '+' it would be 0.5
    assertEquals("data.split fractions must satisfy 0 < train, 0 <= validation, train + validation <= 1; got train "
        + "0.75, validation 0.250001", rejection(0.75, 0.250001));
    assertEquals("data.split fractions must satisfy 0 < train, 0 <= validation, train + validation <= 1; got train "
        + "0.6, validation 0.6", rejection(0.6, 0.6));
  }

  @Test
  void trainMustBePositiveAndValidationNotNegative() {
    assertEquals("data.split fractions must satisfy 0 < train, 0 <= validation, train + validation <= 1; got train "
        + "0.0, validation 0.1", rejection(0.0, 0.1));
    assertEquals("data.split fractions must satisfy 0 < train, 0 <= validation, train + validation <= 1; got train "
        + "0.8, validation -0.1", rejection(0.8, -0.1));
  }

  @Test
  void columnMethodNeedsAFileAndDefaultsItsColumns() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("column", null, null, null, null, null, null));
    assertEquals("data.split.method column needs data.split.file", e.getMessage());
    SplitConfig s = new SplitConfig(" Column ", null, null, null, "split.csv", null, null);
    assertEquals("column", s.method());
    assertEquals("id", s.idColumn());
    assertEquals("split", s.column());
    SplitConfig named = new SplitConfig("column", null, null, null, "split.csv", "record", "part");
    assertEquals("record", named.idColumn());
    assertEquals("part", named.column());
  }

  @Test
  void otherMethodsLeaveTheColumnFieldsUnset() {
    SplitConfig s = new SplitConfig("chronological", null, null, null, null, null, null);
    assertNull(s.idColumn());
    assertNull(s.column());
    assertNull(s.file());
  }

  @Test
  void aSeedOutsideRatioIsRefusedRatherThanIgnored() {
    assertEquals(7L, new SplitConfig("ratio", null, null, 7L, null, null, null).seed());
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("column", null, null, 7L, "split.csv", null, null));
    assertEquals("data.split.seed applies to method ratio (it shuffles the records), not column, which assigns "
        + "every record without chance; remove it", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("chronological", null, null, 7L, null, null, null));
  }

  @Test
  void columnFieldsOutsideColumnAreRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("ratio", null, null, null, "split.csv", null, null));
    assertEquals("data.split.file, id_column and column apply to method column, not ratio", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("chronological", null, null, null, null, "id", null));
    assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("ratio", null, null, null, null, null, "part"));
  }

  @Test
  void unknownMethodIsRejected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("random", null, null, null, null, null, null));
    assertEquals("unknown data.split.method 'random'; expected one of [ratio, chronological, column, id_modulo]", e.getMessage());
  }

  @Test
  void timeSeriesAndCorporaSplitChronologically() {
    assertEquals("chronological", SplitConfig.defaults("timeseries_csv").method());
    assertEquals("chronological", SplitConfig.defaults("text_corpus").method());
    assertEquals("ratio", SplitConfig.defaults("wide_csv").method());
  }

  @Test
  void idModuloPutsEachIdInThePartOfItsResidue() {
    SplitConfig s = new SplitConfig("id_modulo", null, null, null, null, null, null, 10, List.of(0, 1), List.of(2));
    assertEquals("test", s.partOfId(10));
    assertEquals("test", s.partOfId(7861));
    assertEquals("validation", s.partOfId(12));
    assertEquals("train", s.partOfId(13));
    assertEquals("validation", s.partOfId(-8), "floor modulo: -8 is residue 2");
    var both = assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("id_modulo", null, null, null, null, null, null, 10, List.of(2), List.of(2)));
    assertEquals("data.split: residue 2 is both test and validation", both.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("id_modulo", null, null, null, null, null, null, 10, List.of(10), null));
    assertThrows(IllegalArgumentException.class,
        () -> new SplitConfig("ratio", null, null, null, null, null, null, 10, null, null));
  }
}
