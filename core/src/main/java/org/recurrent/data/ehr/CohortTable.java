package org.recurrent.data.ehr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The summary a cohort is reported with (printed and saved as {@code cohort.json}): how many cases and controls,
 * why cases were left out, and what their windows hold.
 *
 * @param casesFound           patients with an onset code anywhere in their history
 * @param casesTooFewVisits    cases left out: fewer than {@code min_visits} visits in the window (or no birth date)
 * @param casesUnmatched       cases kept with fewer than {@code controls_per_case} controls (no more eligible)
 * @param casesWithoutControls cases left out because no control at all could be matched
 * @param visitsPerPatient     min, median, mean, max over the cohort's members
 * @param codesPerVisit        mean codes per visit
 * @param distinctCodes        distinct typed codes in the windows
 */
public record CohortTable(int cases, int controls, int casesFound, int casesTooFewVisits, int casesUnmatched,
                          int casesWithoutControls, Spread visitsPerPatient, double codesPerVisit, int distinctCodes,
                          double meanAgeCases, double meanAgeControls) {

  static CohortTable of(List<CohortMember> members, int casesFound, int tooFew, int unmatched, int withoutControls) {
    int cases = 0;
    double ageCases = 0, ageControls = 0;
    List<Integer> visits = new ArrayList<>();
    long codes = 0, visitCount = 0;
    Set<String> distinct = new HashSet<>();
    for (CohortMember m : members) {
      double age = m.history().patient().ageAt(m.predictionPoint().toLocalDate());
      if (m.isCase()) {
        cases++;
        ageCases += age;
      } else {
        ageControls += age;
      }
      visits.add(m.history().visits().size());
      for (Visit v : m.history().visits()) {
        visitCount++;
        codes += v.codeCount();
        v.codes().forEach((type, list) -> list.forEach(c -> distinct.add(type + ":" + c)));
      }
    }
    int controls = members.size() - cases;
    return new CohortTable(cases, controls, casesFound, tooFew, unmatched, withoutControls, summary(visits),
        visitCount == 0 ? 0 : (double) codes / visitCount, distinct.size(),
        cases == 0 ? Double.NaN : ageCases / cases, controls == 0 ? Double.NaN : ageControls / controls);
  }

  /** Minimum, median, mean and maximum of a count. */
  public record Spread(double min, double median, double mean, double max) {}

  private static Spread summary(List<Integer> values) {
    if (values.isEmpty()) return new Spread(0, 0, 0, 0);
    int[] v = values.stream().mapToInt(Integer::intValue).sorted().toArray();
    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    return new Spread(v[0], median, Arrays.stream(v).average().orElse(0), v[v.length - 1]);
  }

  /** A few lines for the terminal. */
  public String describe() {
    return String.format(Locale.ROOT,
        "%d cases, %d controls (mean age %.1f and %.1f at the prediction point); %d patients had an onset code, "
            + "%d left out for too few visits in the window, %d kept with fewer controls than asked, %d left out "
            + "with none%nvisits per patient: min %.0f, median %.1f, mean %.1f, max %.0f; %.2f codes per visit; "
            + "%d distinct codes",
        cases, controls, meanAgeCases, meanAgeControls, casesFound, casesTooFewVisits, casesUnmatched,
        casesWithoutControls, visitsPerPatient.min(), visitsPerPatient.median(), visitsPerPatient.mean(), visitsPerPatient.max(),
        codesPerVisit, distinctCodes);
  }
}
