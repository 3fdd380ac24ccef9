package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;

class TimeSeriesCsvReaderTest {
  static final Path DATA = Path.of("/work/shared/data");
  static final Path AIRLINE = DATA.resolve("timeseries-classic/airline-passengers.csv");
  private static final Path SCOTLAND = DATA.resolve("covid-hospitalisations/scotland_daily_covid_admissions_20210224.csv");
  private static final Path RKI =
      DATA.resolve("covid-hospitalisations/rki_Aktuell_Deutschland_adjustierte-COVID-19-Hospitalisierungen.csv.gz");

  @TempDir Path dir;

  @Test
  void readsAirlinePassengers() throws IOException {
    assumeTrue(Files.isReadable(AIRLINE), "timeseries-classic data not present");
    TimeSeries series = new TimeSeriesCsvReader(TimeSeriesCsvOptions.withTime("Month")).read(AIRLINE);
    assertEquals(List.of("Passengers"), series.columns());
    assertEquals(144, series.rows());
    assertEquals(112f, series.values()[0][0]);
    assertEquals(432f, series.values()[143][0]);
    assertEquals("1949-01", series.times().get(0));
    assertEquals("1960-12", series.times().get(143));
    assertEquals(AIRLINE + ":2", series.source(0));
  }

  @Test
  void readsTheChosenColumnOfScotlandsAdmissions() throws IOException {
    assumeTrue(Files.isReadable(SCOTLAND), "covid data not present");
    TimeSeries series = new TimeSeriesCsvReader(TimeSeriesCsvOptions.withTime("Date")
        .withValueColumns("NumberAdmitted")).read(SCOTLAND);
    assertEquals(360, series.rows());
    assertEquals("20200301", series.times().get(0));
    assertEquals(5f, series.values()[0][0]);
  }

  @Test
  void reportsTheEmptyAverageCellsOfScotlandsAdmissions() {
    assumeTrue(Files.isReadable(SCOTLAND), "covid data not present");
    DataFormatException e = assertThrows(DataFormatException.class, () -> new TimeSeriesCsvReader(
        TimeSeriesCsvOptions.withTime("Date").withValueColumns("NumberAdmitted", "SevenDayAverage")).read(SCOTLAND));
    assertEquals(SCOTLAND + ":2: expected a number in column \"SevenDayAverage\", found an empty cell", e.getMessage());
  }

  @Test
  void readsTheGzippedRkiFile() throws IOException {
    assumeTrue(Files.isReadable(RKI), "covid data not present");
    TimeSeries series = new TimeSeriesCsvReader(TimeSeriesCsvOptions.withTime("Datum")
        .withValueColumns("fixierte_7T_Hospitalisierung_Faelle", "Bevoelkerung")).read(RKI);
    assertEquals(22_576, series.rows()); // 1,328 days x 17 regions, per the README
    assertEquals("2026-08-21", series.times().get(0));
    assertArrayEquals(new float[] {25, 84_358_845}, series.values()[0]);
  }

  @Test
  void unquotesFieldsWithDelimitersQuotesAndLineBreaks() throws IOException {
    Path file = write("q.csv", "\uFEFF\"When\",\"a\",b\r\n\"1, \"\"early\"\"\",1.5,-2\r\n\r\n\"two\nlines\",\"3e2\", .5\r\n");
    TimeSeries series = new TimeSeriesCsvReader(TimeSeriesCsvOptions.withTime("When")).read(file);
    assertEquals(List.of("a", "b"), series.columns());
    assertEquals(List.of("1, \"early\"", "two\nlines"), series.times());
    assertArrayEquals(new float[] {1.5f, -2f}, series.values()[0]);
    assertArrayEquals(new float[] {300f, 0.5f}, series.values()[1]);
    assertArrayEquals(new long[] {2, 4}, series.lines());
  }

  @Test
  void readsGzippedCsvWithoutTimeColumn() throws IOException {
    Path file = dir.resolve("s.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("x;y\n1;2\n3;4".getBytes(StandardCharsets.UTF_8));
    }
    TimeSeries series = new TimeSeriesCsvReader(TimeSeriesCsvOptions.defaults().withDelimiter(';')).read(file);
    assertEquals(List.of("x", "y"), series.columns());
    assertEquals(List.of("0", "1"), series.times());
    assertArrayEquals(new float[] {3, 4}, series.values()[1]);
  }

  @Test
  void reportsANonNumericCell() throws IOException {
    Path file = write("bad.csv", "t,y\n1,10\n2,abc\n");
    assertEquals(file + ":3: expected a number in column \"y\", found \"abc\"", error(file, "t"));
  }

  @Test
  void reportsNaNAndMissingMarkers() throws IOException {
    Path nan = write("nan.csv", "t,y\n1,NaN\n");
    Path na = write("na.csv", "t,y\n1,NA\n");
    Path empty = write("empty.csv", "t,y\n1, \n");
    assertEquals(nan + ":2: expected a number in column \"y\", found \"NaN\"", error(nan, "t"));
    assertEquals(na + ":2: expected a number in column \"y\", found \"NA\"", error(na, "t"));
    assertEquals(empty + ":2: expected a number in column \"y\", found an empty cell", error(empty, "t"));
  }

  @Test
  void reportsAWrongFieldCount() throws IOException {
    Path file = write("bad.csv", "t,y\n1,10\n2,11,12\n");
    assertEquals(file + ":3: expected 2 columns, found 3", error(file, "t"));
  }

  @Test
  void reportsAnUnknownColumn() throws IOException {
    Path file = write("bad.csv", "t,y\n1,10\n");
    assertEquals(file + ":1: expected a column named \"Month\", found columns [t, y]", error(file, "Month"));
  }

  @Test
  void reportsAnUnclosedQuote() throws IOException {
    Path file = write("bad.csv", "t,y\n1,10\n\"2,11\n");
    assertEquals(file + ":3: expected a closing quote, found the end of the file", error(file, "t"));
  }

  @Test
  void reportsAFileWithoutRows() throws IOException {
    Path file = write("bad.csv", "t,y\n");
    assertEquals(file + ":2: expected a data row, found none", error(file, "t"));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static String error(Path file, String timeColumn) {
    return assertThrows(DataFormatException.class,
        () -> new TimeSeriesCsvReader(TimeSeriesCsvOptions.withTime(timeColumn)).read(file)).getMessage();
  }
}
