package org.recurrent.data.ehr;

import java.util.List;

/**
 * How {@link OnsetCohort} builds a case-control cohort for predicting the onset of a condition (heart failure by
 * default, as in Choi et al. 2017). Every field may be left out in a config and takes the default below.
 *
 * @param caseCodes        diagnosis codes that mark onset; a code ending in {@code *} is a prefix ({@code 428*}:
 *                         ICD-9 heart failure). Default: SNOMED-CT 88805009 (chronic congestive heart failure) and
 *                         84114007 (heart failure), Synthea's codes
 * @param caseCodeType     the code type holding them (default {@value Visit#DIAGNOSIS})
 * @param gapDays          the prediction point lies this many days before onset (default 90)
 * @param windowMonths     the observation window: visits in the months before the prediction point (default 12;
 *                         0: the whole history before it)
 * @param minVisits        visits with codes a patient needs in the window to enter the cohort (default 2)
 * @param controlsPerCase  controls matched to each case (default 5)
 * @param ageToleranceYears a control's age at the case's prediction point differs by at most this (default 5)
 * @param matchVisitCount  among equally aged controls prefer those whose window visit count is closest (default true)
 */
public record OnsetCohortOptions(List<String> caseCodes, String caseCodeType, Integer gapDays, Integer windowMonths,
                                 Integer minVisits, Integer controlsPerCase, Double ageToleranceYears,
                                 Boolean matchVisitCount) {
  public static final List<String> HEART_FAILURE_SNOMED = List.of("88805009", "84114007");

  public OnsetCohortOptions {
    caseCodes = caseCodes == null ? HEART_FAILURE_SNOMED : List.copyOf(caseCodes);
    if (caseCodes.isEmpty()) throw new IllegalArgumentException("cohort.case_codes is empty; name the onset codes");
    for (String c : caseCodes) {
      if (c == null || c.isBlank() || c.equals("*")) {
        throw new IllegalArgumentException("cohort.case_codes: expected codes or prefixes like 428*, found '" + c + "'");
      }
    }
    if (caseCodeType == null) caseCodeType = Visit.DIAGNOSIS;
    if (gapDays == null) gapDays = 90;
    if (gapDays < 0) throw new IllegalArgumentException("cohort.gap_days must be >= 0, got " + gapDays);
    if (windowMonths == null) windowMonths = 12;
    if (windowMonths < 0) throw new IllegalArgumentException("cohort.window_months must be >= 0 (0: all history), got "
        + windowMonths);
    if (minVisits == null) minVisits = 2;
    if (minVisits < 1) throw new IllegalArgumentException("cohort.min_visits must be >= 1, got " + minVisits);
    if (controlsPerCase == null) controlsPerCase = 5;
    if (controlsPerCase < 1) throw new IllegalArgumentException("cohort.controls_per_case must be >= 1, got "
        + controlsPerCase);
    if (ageToleranceYears == null) ageToleranceYears = 5.0;
    if (!(ageToleranceYears >= 0) || ageToleranceYears.isInfinite()) {
      throw new IllegalArgumentException("cohort.age_tolerance_years must be a finite number >= 0, got "
          + ageToleranceYears);
    }
    if (matchVisitCount == null) matchVisitCount = true;
  }

  public static OnsetCohortOptions defaults() {
    return new OnsetCohortOptions(null, null, null, null, null, null, null, null);
  }

  public OnsetCohortOptions withControlsPerCase(int n) {
    return new OnsetCohortOptions(caseCodes, caseCodeType, gapDays, windowMonths, minVisits, n, ageToleranceYears,
        matchVisitCount);
  }

  public OnsetCohortOptions withWindowMonths(int months) {
    return new OnsetCohortOptions(caseCodes, caseCodeType, gapDays, months, minVisits, controlsPerCase,
        ageToleranceYears, matchVisitCount);
  }

  public OnsetCohortOptions withMinVisits(int n) {
    return new OnsetCohortOptions(caseCodes, caseCodeType, gapDays, windowMonths, n, controlsPerCase,
        ageToleranceYears, matchVisitCount);
  }

  /** Whether {@code code} is an onset code (exactly, or under one of the prefixes). */
  public boolean isCaseCode(String code) {
    for (String c : caseCodes) {
      if (c.endsWith("*") ? code.startsWith(c.substring(0, c.length() - 1)) : code.equals(c)) return true;
    }
    return false;
  }
}
