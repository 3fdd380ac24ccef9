package org.recurrent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TimeStepsTest {
  private static TimeSeries labelled(String... times) {
    float[][] v = new float[times.length][];
    for (int i = 0; i < v.length; i++) v[i] = new float[] {i};
    return new TimeSeries("f.csv", List.of("v"), List.of(times), LongStream.rangeClosed(2, times.length + 1).toArray(), v);
  }

  @Test
  void continuesDatesAcrossMonthAndYearEnds() {
    assertEquals(List.of("1991-01-01", "1991-01-02"), TimeSteps.after(labelled("1990-12-30", "1990-12-31"), 2, 2));
    // eight-digit dates stay dates: 20210131 + 1 day is 20210201, not 20210132
    assertEquals(List.of("20210201", "20210202"), TimeSteps.after(labelled("20210129", "20210130", "20210131"), 3, 2));
    // weekly dates continue weekly
    assertEquals(List.of("2024-01-22"), TimeSteps.after(labelled("2024-01-08", "2024-01-15"), 2, 1));
  }

  @Test
  void continuesMonthsDateTimesAndIntegers() {
    assertEquals(List.of("1961-01", "1961-02"), TimeSteps.after(labelled("1960-11", "1960-12"), 2, 2));
    assertEquals(List.of("2024-01-01T18:00"), TimeSteps.after(labelled("2024-01-01T00:00", "2024-01-01T06:00"), 2, 2)
        .subList(1, 2));
    assertEquals(List.of("10", "12"), TimeSteps.after(labelled("4", "6", "8"), 3, 2));
  }

  @Test
  void onlyTheRowsTheModelReadsMustBeEvenlySpaced() {
    // a gap (1988-12-31 missing) before the last 2 rows is allowed; within them it is an error naming the line
    TimeSeries gap = labelled("1988-12-29", "1988-12-30", "1989-01-01", "1989-01-02");
    assertEquals(List.of("1989-01-03"), TimeSteps.after(gap, 2, 1));
    var e = assertThrows(IllegalArgumentException.class, () -> TimeSteps.after(gap, 4, 1));
    assertTrue(e.getMessage().startsWith("f.csv:4: the time column is irregular: \"1988-12-30\" to \"1989-01-01\" is "
        + "2 days but the last rows are 1 apart"), e.getMessage());
  }

  @Test
  void refusesLabelsItCannotContinue() {
    var e = assertThrows(IllegalArgumentException.class, () -> TimeSteps.after(labelled("Mon", "Tue"), 2, 1));
    assertTrue(e.getMessage().contains("cannot continue the time column"), e.getMessage());
    var one = assertThrows(IllegalArgumentException.class, () -> TimeSteps.after(labelled("2024-01-01"), 1, 1));
    assertTrue(one.getMessage().contains("one row gives no time step"), one.getMessage());
    var backwards = assertThrows(IllegalArgumentException.class,
        () -> TimeSteps.after(labelled("2024-01-03", "2024-01-02"), 2, 1));
    assertTrue(backwards.getMessage().contains("irregular"), backwards.getMessage());
  }
}
