package org.recurrent.data.timeseries;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Continues a series' time column past its last row with the step between its rows, for the rows of a forecast.
 * The step is inferred from the last {@code rows} rows (those a forecaster reads), which must be evenly spaced;
 * anything else is an error naming the rows. Recognised labels, tried in this order (every label must parse the
 * same way, and the forecast's labels are written in the same form):
 * <ul>
 *   <li>{@code yyyyMMdd} dates (eight digits, e.g. 20210223) and {@code yyyy-MM-dd} dates: the step in days;</li>
 *   <li>{@code yyyy-MM} months (1949-01): the step in months;</li>
 *   <li>ISO date-times ({@code 2024-01-01T06:00}, or with a space): the step as a duration;</li>
 *   <li>integers (row numbers, years): the step as an integer.</li>
 * </ul>
 */
public final class TimeSteps {
  private TimeSteps() {}

  /** A label form: parse one label to a position, and the position {@code k} steps after {@code last}. */
  private record Form<T>(String name, Function<String, T> parse, StepOf<T> step, Next<T> next) {}

  @FunctionalInterface
  private interface StepOf<T> {
    long between(T a, T b);
  }

  @FunctionalInterface
  private interface Next<T> {
    String after(T last, long step, int k);
  }

  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  private static final List<Form<?>> FORMS = List.of(
      new Form<LocalDate>("yyyyMMdd date", s -> s.length() == 8 ? LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE)
          : fail(), (a, b) -> ChronoUnit.DAYS.between(a, b),
          (last, step, k) -> last.plusDays(step * k).format(DateTimeFormatter.BASIC_ISO_DATE)),
      new Form<LocalDate>("yyyy-MM-dd date", LocalDate::parse, (a, b) -> ChronoUnit.DAYS.between(a, b),
          (last, step, k) -> last.plusDays(step * k).toString()),
      new Form<YearMonth>("yyyy-MM month", YearMonth::parse, (a, b) -> ChronoUnit.MONTHS.between(a, b),
          (last, step, k) -> last.plusMonths(step * k).toString()),
      new Form<LocalDateTime>("ISO date-time", LocalDateTime::parse, (a, b) -> Duration.between(a, b).getSeconds(),
          (last, step, k) -> last.plusSeconds(step * k).toString()),
      new Form<LocalDateTime>("date-time", s -> LocalDateTime.parse(s, SPACED), (a, b) -> Duration.between(a, b).getSeconds(),
          (last, step, k) -> last.plusSeconds(step * k).format(SPACED)),
      new Form<Long>("integer", s -> Long.parseLong(s), (a, b) -> b - a,
          (last, step, k) -> Long.toString(last + step * k)));

  private static <T> T fail() {
    throw new DateTimeParseException("not eight digits", "", 0);
  }

  /**
   * The labels of the {@code steps} rows after the last of {@code series}.
   *
   * @param rows how many of the last rows must be evenly spaced (at least 2 are read)
   * @throws IllegalArgumentException if the labels are not of one recognised form, or unevenly spaced, or the step
   *                                  is not positive
   */
  public static List<String> after(TimeSeries series, int rows, int steps) {
    int n = series.rows();
    int from = Math.max(0, n - Math.max(2, rows));
    if (n - from < 2) {
      throw new IllegalArgumentException(series.source() + ": one row gives no time step to continue the time column "
          + "with; give at least 2 rows");
    }
    List<String> labels = series.times().subList(from, n).stream().map(String::strip).toList();
    for (Form<?> f : FORMS) {
      List<String> out = tryForm(f, series, from, labels, steps);
      if (out != null) return out;
    }
    throw new IllegalArgumentException(series.source(from) + ": cannot continue the time column: \"" + labels.get(0)
        + "\" ... \"" + labels.get(labels.size() - 1) + "\" are not all yyyy-MM-dd or yyyyMMdd dates, yyyy-MM months, "
        + "ISO date-times or integers");
  }

  private static <T> List<String> tryForm(Form<T> f, TimeSeries series, int from, List<String> labels, int steps) {
    List<T> parsed = new ArrayList<>();
    try {
      for (String s : labels) parsed.add(f.parse().apply(s));
    } catch (RuntimeException notThisForm) {
      return null;
    }
    long step = f.step().between(parsed.get(parsed.size() - 2), parsed.get(parsed.size() - 1));
    for (int i = 1; i < parsed.size(); i++) {
      long d = f.step().between(parsed.get(i - 1), parsed.get(i));
      if (d != step || d <= 0) {
        throw new IllegalArgumentException(series.source(from + i) + ": the time column is irregular: \""
            + labels.get(i - 1) + "\" to \"" + labels.get(i) + "\" is " + d + " " + unit(f) + " but the last rows are "
            + step + " apart (" + f.name() + "s); a forecast continues the last " + labels.size() + " rows' step, so "
            + "fill the gaps or give evenly spaced rows");
      }
    }
    List<String> out = new ArrayList<>(steps);
    for (int k = 1; k <= steps; k++) out.add(f.next().after(parsed.get(parsed.size() - 1), step, k));
    return out;
  }

  private static String unit(Form<?> f) {
    if (f.name().endsWith("date")) return "days";
    if (f.name().endsWith("month")) return "months";
    if (f.name().contains("time")) return "seconds";
    return "steps";
  }
}
