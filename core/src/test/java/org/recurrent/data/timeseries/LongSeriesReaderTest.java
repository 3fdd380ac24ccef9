package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;

/** Long files (one row per time and key) read as one column per key: {@link TimeSeriesCsvOptions#pivot}. */
class LongSeriesReaderTest {
  @TempDir Path dir;

  private static final TimeSeriesCsvOptions OPTIONS = TimeSeriesCsvOptions.withTime("Datum")
      .withPivot("Bundesland", "faelle");

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("long.csv"), text);
  }

  @Test
  void groupsRowsByTimeInTimeOrderWithOneColumnPerKey() throws IOException {
    // newest first, as RKI writes it; an unread column in between
    Path f = write("""
        Datum,Bundesland,x,faelle
        2023-01-03,Bundesgebiet,9,30
        2023-01-03,Bayern,9,12
        2023-01-02,Bundesgebiet,9,20
        2023-01-02,Bayern,9,11
        """);
    TimeSeries s = new TimeSeriesCsvReader(OPTIONS).read(f);
    assertEquals(List.of("Bundesgebiet", "Bayern"), s.columns());
    assertEquals(List.of("2023-01-02", "2023-01-03"), s.times());
    assertArrayEquals(new float[] {20, 11}, s.values()[0]);
    assertArrayEquals(new float[] {30, 12}, s.values()[1]);
    assertArrayEquals(new long[] {4, 2}, s.lines());   // each row's first line in the file
    // value columns choose and order the keys
    TimeSeries one = new TimeSeriesCsvReader(OPTIONS.withValueColumns("Bayern")).read(f);
    assertEquals(List.of("Bayern"), one.columns());
    assertArrayEquals(new float[] {11}, one.values()[0]);
  }

  @Test
  void aMissingOrRepeatedTimeAndKeyIsAnError() throws IOException {
    Path missing = write("""
        Datum,Bundesland,faelle
        2023-01-03,Bundesgebiet,30
        2023-01-02,Bundesgebiet,20
        2023-01-02,Bayern,11
        """);
    var e = assertThrows(DataFormatException.class, () -> new TimeSeriesCsvReader(OPTIONS).read(missing));
    assertTrue(e.getMessage().endsWith("no row for Datum 2023-01-03 and Bundesland Bayern; a long file needs one row per "
        + "time and key"), e.getMessage());
    Path twice = write("""
        Datum,Bundesland,faelle
        2023-01-02,Bayern,11
        2023-01-02,Bayern,12
        """);
    var d = assertThrows(DataFormatException.class, () -> new TimeSeriesCsvReader(OPTIONS).read(twice));
    assertTrue(d.getMessage().contains(":3: expected one row per Datum and Bundesland, found a second row for "
        + "2023-01-02 and Bayern (the first is line 2)"), d.getMessage());
    Path na = write("""
        Datum,Bundesland,faelle
        2023-01-02,Bayern,NA
        """);
    var n = assertThrows(DataFormatException.class, () -> new TimeSeriesCsvReader(OPTIONS).read(na));
    assertTrue(n.getMessage().contains(":2: expected a number in column \"faelle\""), n.getMessage());
  }

  @Test
  void readsTheRkiRegionsFile() throws IOException {
    Path rki = Path.of("/work/shared/data/covid-hospitalisations/"
        + "rki_Aktuell_Deutschland_adjustierte-COVID-19-Hospitalisierungen.csv.gz");
    assumeTrue(Files.exists(rki), "no RKI data");
    TimeSeries s = new TimeSeriesCsvReader(OPTIONS.withPivot("Bundesland", "fixierte_7T_Hospitalisierung_Faelle")).read(rki);
    assertEquals(1328, s.rows());
    assertEquals(17, s.columns().size());
    assertEquals("2023-01-02", s.times().get(0));
    assertEquals("2026-08-21", s.times().get(1327));
    // the national column equals the extract's (germany_national_7day_hospitalisations.csv, first row 5820)
    assertEquals(5820f, s.column("Bundesgebiet")[0]);
  }
}
