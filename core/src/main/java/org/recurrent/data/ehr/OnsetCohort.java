package org.recurrent.data.ehr;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A matched case-control cohort for predicting the onset of a condition, as Choi et al. (2017) built theirs for
 * heart failure:
 * <pre>{@code
 * case:      a patient with an onset code (OnsetCohortOptions#isCaseCode); onset = the start of the first visit
 *            holding one
 * P          prediction point = onset - gap_days
 * window     [P - window_months, P)   (window_months = 0: (-inf, P))
 * eligible   >= min_visits visits in the window and a known birth date
 * control:   a patient with no onset code anywhere, same sex as the case, |age(P) - age_case(P)| <= age_tolerance,
 *            >= min_visits visits in the case's window, still observed at P (a visit on or after P, or a later
 *            death date), and not yet matched to another case; given the case's P as a pseudo prediction point
 * matching   cases in order of P (then id); each takes controls_per_case controls ranked by |age difference|,
 *            then (match_visit_count) |window visit-count difference|, then a seeded random key
 * }</pre>
 * Every member's history is cut by {@link PatientHistory#window} before it is stored, and {@link CohortMember}
 * refuses a visit on or after its prediction point, so no later event can reach a model: the case's onset visit
 * and everything in the gap are gone by construction. Only eligibility (never an onset code, still observed at P)
 * looks past P, as risk-set sampling must; it decides who is in the cohort, never what a model sees.
 */
public final class OnsetCohort {
  private OnsetCohort() {}

  /** The cohort's members (cases first, each followed by its controls) and its summary. */
  public record Result(List<CohortMember> members, CohortTable table) {
    public Result {
      members = List.copyOf(members);
    }
  }

  public static Result build(List<PatientHistory> patients, OnsetCohortOptions options, long seed) {
    List<Case> cases = new ArrayList<>();
    List<PatientHistory> candidates = new ArrayList<>();
    for (PatientHistory h : patients) {
      Visit onset = h.firstVisitWith(options.caseCodeType(), options::isCaseCode);
      if (onset != null) cases.add(new Case(h, onset.start().minusDays(options.gapDays())));
      else candidates.add(h);
    }
    cases.sort(Comparator.comparing((Case c) -> c.point).thenComparing(c -> c.history.id()));
    Random random = new Random(seed);
    // one random key per candidate, drawn once in input order, so ties break the same way whatever the case order
    double[] key = new double[candidates.size()];
    for (int i = 0; i < key.length; i++) key[i] = random.nextDouble();
    Set<Integer> used = new HashSet<>();
    List<CohortMember> members = new ArrayList<>();
    int tooFew = 0, unmatched = 0, withoutControls = 0;
    for (Case c : cases) {
      PatientHistory window = window(c.history, c.point, options);
      if (window.visits().size() < options.minVisits() || c.history.patient().birthDate() == null) {
        tooFew++;
        continue;
      }
      List<Integer> picked = controls(c, window.visits().size(), candidates, key, used, options);
      if (picked.isEmpty()) {
        withoutControls++;
        continue;
      }
      if (picked.size() < options.controlsPerCase()) unmatched++;
      members.add(new CohortMember(window, true, c.point, c.history.id()));
      for (int i : picked) {
        used.add(i);
        members.add(new CohortMember(window(candidates.get(i), c.point, options), false, c.point, c.history.id()));
      }
    }
    return new Result(members, CohortTable.of(members, cases.size(), tooFew, unmatched, withoutControls));
  }

  private record Case(PatientHistory history, LocalDateTime point) {}

  /** The visits a model may see: {@code [P - window, P)}. */
  static PatientHistory window(PatientHistory h, LocalDateTime point, OnsetCohortOptions options) {
    LocalDateTime from = options.windowMonths() == 0 ? LocalDateTime.MIN : point.minusMonths(options.windowMonths());
    return h.window(from, point);
  }

  private static List<Integer> controls(Case c, int caseVisits, List<PatientHistory> candidates, double[] key,
                                        Set<Integer> used, OnsetCohortOptions options) {
    Patient p = c.history.patient();
    double caseAge = p.ageAt(c.point.toLocalDate());
    List<int[]> eligible = new ArrayList<>(); // {candidate index, window visits}
    List<Double> ageGap = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (used.contains(i)) continue;
      PatientHistory h = candidates.get(i);
      Patient q = h.patient();
      if (q.sex() != p.sex() || q.birthDate() == null) continue;
      double gap = Math.abs(q.ageAt(c.point.toLocalDate()) - caseAge);
      if (gap > options.ageToleranceYears() || !observedAt(h, c.point)) continue;
      int visits = window(h, c.point, options).visits().size();
      if (visits < options.minVisits()) continue;
      eligible.add(new int[] {i, visits});
      ageGap.add(gap);
    }
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < eligible.size(); j++) order.add(j);
    Comparator<Integer> rank = Comparator.comparingDouble(ageGap::get);
    if (options.matchVisitCount()) rank = rank.thenComparingInt(j -> Math.abs(eligible.get(j)[1] - caseVisits));
    rank = rank.thenComparingDouble(j -> key[eligible.get(j)[0]]);
    order.sort(rank);
    List<Integer> picked = new ArrayList<>();
    for (int j : order) {
      if (picked.size() == options.controlsPerCase()) break;
      picked.add(eligible.get(j)[0]);
    }
    return picked;
  }

  /** Still under observation at {@code point}: a visit on or after it, or a death after it. */
  private static boolean observedAt(PatientHistory h, LocalDateTime point) {
    List<Visit> v = h.visits();
    if (!v.isEmpty() && !v.get(v.size() - 1).start().isBefore(point)) return true;
    return h.patient().deathDate() != null && h.patient().deathDate().atStartOfDay().isAfter(point);
  }
}
