package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.ForecastOptions;
import org.recurrent.data.DataFormatException;

class CalendarFeaturesTest {
  private static TimeSeries series(String... times) {
    float[][] values = new float[times.length][];
    long[] lines = new long[times.length];
    for (int r = 0; r < times.length; r++) {
      values[r] = new float[] {r};
      lines[r] = r + 2;
    }
    return new TimeSeries("s.csv", List.of("v"), List.of(times), lines, values);
  }

  @Test
  void appendsOneHotWeekdaysMondayFirstInEveryDateForm() throws Exception {
    // 2026-12-01 is a Tuesday, 2021-02-21 a Sunday, 2020-03-02 a Monday
    TimeSeries s = CalendarFeatures.withDayOfWeek(series("2026-12-01", "20210221", "2020-03-02T08:00"), "Date");
    assertEquals(List.of("v", "day_of_week_mon", "day_of_week_tue", "day_of_week_wed", "day_of_week_thu",
        "day_of_week_fri", "day_of_week_sat", "day_of_week_sun"), s.columns());
    assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 0}, s.values()[0]);
    assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 1}, s.values()[1]);
    assertArrayEquals(new float[] {2, 1, 0, 0, 0, 0, 0, 0}, s.values()[2]);
  }

  @Test
  void aLabelThatIsNotADateIsAnErrorNamingItsLine() {
    var e = assertThrows(DataFormatException.class,
        () -> CalendarFeatures.withDayOfWeek(series("2026-12-01", "1949-01"), "Month"));
    assertTrue(e.getMessage().startsWith("s.csv:3: expected a date (yyyy-MM-dd, yyyyMMdd or an ISO date-time) in time "
        + "column Month"), e.getMessage());
    assertTrue(e.getMessage().contains("1949-01"), e.getMessage());
    var none = assertThrows(IllegalArgumentException.class, () -> CalendarFeatures.withDayOfWeek(series("1"), null));
    assertTrue(none.getMessage().contains("set data.options.time_column"), none.getMessage());
  }

  @Test
  void theOptionReadsAFileWithItsWeekdaysAndIsRefusedForARecursiveModel(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("d.csv"), "Date,v\n2026-11-30,1\n2026-12-01,2\n");
    ForecastOptions o = ConfigFiles.options(new ObjectMapper().valueToTree(Map.of("time_column", "Date", "day_of_week", true)), ForecastOptions.class,
        "data.options");
    TimeSeries s = o.read(file);
    assertEquals(8, s.columns().size());
    assertArrayEquals(new float[] {2, 0, 1, 0, 0, 0, 0, 0}, s.values()[1]);
    ForecastOptions recursive = ConfigFiles.options(new ObjectMapper().valueToTree(Map.of("time_column", "Date", "day_of_week", true,
        "strategy", "recursive")), ForecastOptions.class, "data.options");
    var e = assertThrows(IllegalArgumentException.class, () -> recursive.windowing(s.columns()));
    assertTrue(e.getMessage().contains("day_of_week adds covariate inputs, which a recursive model cannot read"),
        e.getMessage());
  }
}
