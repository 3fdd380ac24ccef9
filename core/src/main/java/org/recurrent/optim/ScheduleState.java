package org.recurrent.optim;

import java.util.List;
import java.util.Map;

/** Checks a schedule's exported state before it is loaded: exact key set, counts, rates. */
final class ScheduleState {
  private ScheduleState() {}

  static void checkKeys(String schedule, Map<String, Double> state, List<String> expected) {
    for (String key : state.keySet()) {
      if (!expected.contains(key)) {
        throw new IllegalArgumentException("unknown " + schedule + " state key '" + key + "'; expected " + expected);
      }
    }
    for (String key : expected) {
      Double v = state.get(key);
      if (v == null) {
        throw new IllegalArgumentException(schedule + " state has no '" + key + "' entry; expected " + expected);
      }
    }
  }

  /** A non-negative integer count; doubles hold them exactly up to 2^53. */
  static long count(String schedule, Map<String, Double> state, String key) {
    double v = state.get(key);
    if (!(v >= 0 && v <= 0x1p53) || v != Math.rint(v)) {
      throw new IllegalArgumentException(schedule + " state key '" + key + "' must be an integer >= 0, got " + v);
    }
    return (long) v;
  }

  static double rate(String schedule, Map<String, Double> state, String key) {
    double v = state.get(key);
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(schedule + " state key '" + key + "' must be a finite rate >= 0, got " + v);
    }
    return v;
  }
}
