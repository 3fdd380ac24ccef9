package org.recurrent.train;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops the run once it has trained for longer than a budget of wall time ({@code --time-budget 10m}): the clock
 * is read after every batch and every epoch end, so the run stops at the first of those past the budget, with the
 * stop reason {@value #REASON}. A stop inside an epoch leaves a checkpoint there ({@link CheckpointWriter} writes
 * {@value Trainer#LAST} at a requested stop), so {@code --resume} continues as if the run had never stopped. The
 * clock starts when training starts (each process afresh); reading the data before and the final evaluation after
 * are not counted.
 */
public final class TimeBudget implements TrainingListener {
  public static final String REASON = "time_budget";
  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private final Duration budget;
  private final InstantSource clock;
  private Instant started;

  /** A budget read from {@code clock} (the system clock in a run, a scripted one in tests). */
  public TimeBudget(Duration budget, InstantSource clock) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("the time budget must be positive, got " + format(budget));
    }
    this.budget = budget;
    this.clock = clock;
  }

  public Duration budget() {
    return budget;
  }

  @Override
  public void onStart(TrainingContext run, TrainingEvent.Started e) {
    started = clock.instant();
  }

  @Override
  public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
    check(run);
  }

  @Override
  public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) {
    check(run);
  }

  private void check(TrainingContext run) {
    if (Duration.between(started, clock.instant()).compareTo(budget) >= 0) run.requestStop(REASON);
  }

  /**
   * {@code 90s}, {@code 10m}, {@code 2h}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}, {@code 1d}, or ISO-8601
   * ({@code PT10M}).
   */
  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    String expected = "expected a duration such as 90s, 10m, 2h, 1h30m or PT10M, got '" + text + "'";
    if (s.startsWith("p")) {
      try {
        return positive(Duration.parse(s.toUpperCase(Locale.ROOT)), text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(expected, e);
      }
    }
    Matcher m = SHORT.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length() && m.find(at) && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      long unitNanos = switch (m.group(2)) {
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> 86_400_000_000_000L;
      };
      total = total.plusNanos(Math.round(n * unitNanos));
      at = m.end();
    }
    if (at == 0 || at != s.length()) throw new IllegalArgumentException(expected);
    return positive(total, text);
  }

  private static Duration positive(Duration d, String text) {
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("the time budget must be positive, got '" + text + "'");
    return d;
  }

  /** {@code 10m}, {@code 1h30m}, {@code 90s}, {@code 500ms}: how progress lines and messages show a budget. */
  public static String format(Duration d) {
    if (d.toMillis() % 1000 != 0 || d.isZero()) return d.toMillis() + "ms";
    long s = d.toSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 3600) b.append(s / 3600).append('h');
    if (s % 3600 >= 60) b.append(s % 3600 / 60).append('m');
    if (s % 60 != 0) b.append(s % 60).append('s');
    return b.toString();
  }
}
