package org.recurrent.data.ehr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The timestamps the EHR sources write, parsed to UTC epoch seconds without a formatter (millions of rows):
 * {@code 2020-01-01} (a date is its 00:00), {@code 2020-01-01T10:00}, {@code 2020-01-01T10:00:00},
 * {@code 2020-01-01 10:00:00} (MIMIC), each optionally with fractional seconds (dropped: visits are kept to the
 * second) and a zone {@code Z} or an offset {@code +01:00} / {@code +0100} (converted to UTC). Times without a zone
 * are taken as written.
 */
final class Timestamps {
  /** Returned for text that is not a timestamp. */
  static final long INVALID = Long.MIN_VALUE;
  static final String EXPECTED = "a date or timestamp (2020-01-01, 2020-01-01T10:00:00Z or 2020-01-01 10:00:00)";

  private Timestamps() {}

  /** Epoch seconds of {@code s} read as UTC, or {@link #INVALID}. */
  static long parse(String s) {
    int n = s.length();
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return INVALID;
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0 || month < 0 || day < 0) return INVALID;
    long seconds;
    try {
      seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L;
    } catch (DateTimeException e) {
      return INVALID;
    }
    if (n == 10) return seconds;
    char sep = s.charAt(10);
    if ((sep != 'T' && sep != ' ') || n < 16 || s.charAt(13) != ':') return INVALID;
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, 17, 2);
      i = 19;
      if (i < n && s.charAt(i) == '.') {
        i++;
        int from = i;
        while (i < n && Character.isDigit(s.charAt(i))) i++;
        if (i == from) return INVALID;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || i > n) return INVALID;
    seconds += hour * 3600L + minute * 60L + second;
    if (i == n) return seconds;
    char zone = s.charAt(i);
    if (zone == 'Z' && i + 1 == n) return seconds;
    if (zone != '+' && zone != '-') return INVALID;
    int offsetHours = digits(s, i + 1, 2);
    int rest = i + 3;
    if (rest < n && s.charAt(rest) == ':') rest++;
    int offsetMinutes = digits(s, rest, 2);
    if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59 || rest + 2 != n) return INVALID;
    int offset = offsetHours * 3600 + offsetMinutes * 60;
    return zone == '+' ? seconds - offset : seconds + offset;
  }

  /** The date of {@code s} (any form {@link #parse} accepts), or null for text that is not one. */
  static LocalDate date(String s) {
    long seconds = parse(s);
    return seconds == INVALID ? null : LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
  }

  static LocalDateTime toDateTime(long seconds) {
    return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
  }

  /** The non-negative number written in {@code s[from, from + count)}, or -1. */
  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) return -1;
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = 10 * v + (c - '0');
    }
    return v;
  }
}
