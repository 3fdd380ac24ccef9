package org.recurrent.data.ehr;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A patient and their visits in time order (ties keep the source's order). The only ways to shorten a history,
 * {@link #before} and {@link #window}, keep visits that start strictly before the cut, which is how a cohort makes
 * an event on or after the prediction point impossible to use.
 */
public final class PatientHistory {
  private final Patient patient;
  private final List<Visit> visits;

  public PatientHistory(Patient patient, List<Visit> visits) {
    this.patient = Objects.requireNonNull(patient, "patient");
    List<Visit> sorted = new ArrayList<>(visits);
    sorted.sort(Comparator.comparing(Visit::start)); // stable: equal starts keep the source's order
    this.visits = List.copyOf(sorted);
  }

  public Patient patient() {
    return patient;
  }

  public String id() {
    return patient.id();
  }

  public List<Visit> visits() {
    return visits;
  }

  /** The visits that start strictly before {@code point}. */
  public PatientHistory before(LocalDateTime point) {
    return window(LocalDateTime.MIN, point);
  }

  /** The visits with {@code from <= start < to}. */
  public PatientHistory window(LocalDateTime from, LocalDateTime to) {
    List<Visit> kept = new ArrayList<>();
    for (Visit v : visits) if (!v.start().isBefore(from) && v.start().isBefore(to)) kept.add(v);
    return kept.size() == visits.size() ? this : new PatientHistory(patient, kept);
  }

  /**
   * The visits with their codes of {@code types} only; visits left without codes are dropped (count them with
   * {@code visits().size()} before and after).
   */
  public PatientHistory restrictTo(Set<String> types) {
    List<Visit> kept = new ArrayList<>();
    boolean changed = false;
    for (Visit v : visits) {
      if (types.containsAll(v.codes().keySet())) {
        kept.add(v);
        continue;
      }
      changed = true;
      java.util.Map<String, List<String>> codes = new java.util.LinkedHashMap<>(v.codes());
      codes.keySet().retainAll(types);
      if (!codes.isEmpty()) kept.add(new Visit(v.id(), v.start(), codes));
    }
    return changed ? new PatientHistory(patient, kept) : this;
  }

  /** The first visit at which a code of {@code type} satisfies {@code code}, or null. */
  public Visit firstVisitWith(String type, Predicate<String> code) {
    for (Visit v : visits) for (String c : v.codes(type)) if (code.test(c)) return v;
    return null;
  }
}
