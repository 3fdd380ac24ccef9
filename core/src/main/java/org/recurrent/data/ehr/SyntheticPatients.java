package org.recurrent.data.ehr;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of SYNTHETIC patients (no real person, no real epidemiology) in which the order and timing of
 * events, not their counts, carry the risk of heart-failure onset: the data on which a visit-sequence model should
 * beat logistic regression on code counts, for the {@code demo hf} and for a test that it does.
 * <pre>{@code
 * every patient: sex F/M (1/2 each), age 45..80 on 2020-10-01, visits at uniform times in [2017-01-01, 2021-06-30]
 *   (count 14..34), each visit 1..3 background diagnoses of BACKGROUND_DIAGNOSES and 0..2 background medications,
 *   drawn with Zipf-like weights 1/(rank+1)
 * key events, one each, on two extra visits in [2019-09-01, 2020-05-31] (inside every observation window below):
 *   HTN  (diagnosis "I10", hypertension)      at time a
 *   NSAID (medication "NSAID")                at time b
 *   pattern = b after a by at most 60 days (with probability PATTERN): otherwise b is before a (by 10..60 days,
 *   the same gaps) or after it by 150..240 days
 * onset:  P(case | pattern) = 0.45, P(case | no pattern) = 0.02; a case gets a visit with diagnosis 84114007
 *   (heart failure, Synthea's SNOMED code) at an onset time uniform in [2020-09-01, 2020-11-01]
 * weak count signal: diagnosis "R06" (dyspnoea) on each visit of the last year with probability 0.10 for cases and
 *   0.05 for everyone else
 * }</pre>
 * With {@link OnsetCohortOptions} defaults (gap 90 days, 12-month window) every window covers both key events, so
 * cases and controls hold the same codes as often: a count model sees the dyspnoea counts only, a sequence model
 * can read the order and the gap.
 */
public final class SyntheticPatients {
  public static final double PATTERN = 0.3;
  public static final String HYPERTENSION = "I10";
  public static final String NSAID = "NSAID";
  public static final String DYSPNOEA = "R06";
  public static final String HEART_FAILURE = "84114007";
  static final int BACKGROUND_DIAGNOSES = 40;
  static final int BACKGROUND_MEDICATIONS = 20;

  private static final LocalDateTime START = LocalDateTime.of(2017, 1, 1, 0, 0);
  private static final LocalDateTime END = LocalDateTime.of(2021, 6, 30, 0, 0);
  private static final LocalDateTime KEY_FROM = LocalDateTime.of(2019, 9, 1, 0, 0);
  private static final LocalDateTime KEY_TO = LocalDateTime.of(2020, 5, 31, 0, 0);
  private static final LocalDateTime ONSET_FROM = LocalDateTime.of(2020, 9, 1, 0, 0);
  private static final LocalDate AGE_DATE = LocalDate.of(2020, 10, 1);

  private SyntheticPatients() {}

  public static List<PatientHistory> generate(int patients, long seed) {
    if (patients < 1) throw new IllegalArgumentException("patients must be >= 1, got " + patients);
    Random r = new Random(seed);
    List<PatientHistory> out = new ArrayList<>(patients);
    int width = String.valueOf(patients - 1).length();
    for (int i = 0; i < patients; i++) out.add(patient(String.format("S%0" + width + "d", i), r));
    return out;
  }

  private static PatientHistory patient(String id, Random r) {
    Sex sex = r.nextBoolean() ? Sex.FEMALE : Sex.MALE;
    LocalDate birth = AGE_DATE.minusDays((long) ((45 + 35 * r.nextDouble()) * 365.25));
    boolean pattern = r.nextDouble() < PATTERN;
    boolean isCase = r.nextDouble() < (pattern ? 0.45 : 0.02);
    List<Visit> visits = new ArrayList<>();
    int n = 14 + r.nextInt(21);
    long span = java.time.Duration.between(START, END).toMinutes();
    LocalDateTime lastYear = ONSET_FROM.minusYears(1);
    for (int k = 0; k < n; k++) {
      LocalDateTime t = START.plusMinutes((long) (r.nextDouble() * span));
      Map<String, List<String>> codes = new LinkedHashMap<>();
      List<String> dx = new ArrayList<>();
      int d = 1 + r.nextInt(3);
      for (int j = 0; j < d; j++) dx.add("D" + zipf(r, BACKGROUND_DIAGNOSES));
      if (t.isAfter(lastYear) && r.nextDouble() < (isCase ? 0.10 : 0.05)) dx.add(DYSPNOEA);
      codes.put(Visit.DIAGNOSIS, dx);
      List<String> rx = new ArrayList<>();
      int m = r.nextInt(3);
      for (int j = 0; j < m; j++) rx.add("M" + zipf(r, BACKGROUND_MEDICATIONS));
      codes.put(Visit.MEDICATION, rx);
      visits.add(new Visit(id + "-v" + k, t, codes));
    }
    long keySpan = java.time.Duration.between(KEY_FROM, KEY_TO).toMinutes();
    LocalDateTime a, b;
    if (pattern) {
      a = KEY_FROM.plusMinutes((long) (r.nextDouble() * (keySpan - 60L * 24 * 60)));
      b = a.plusMinutes((long) ((1 + 59 * r.nextDouble()) * 24 * 60));
    } else if (r.nextBoolean()) {
      b = KEY_FROM.plusMinutes((long) (r.nextDouble() * (keySpan - 60L * 24 * 60)));
      a = b.plusMinutes((long) ((10 + 50 * r.nextDouble()) * 24 * 60));
    } else {
      a = KEY_FROM.plusMinutes((long) (r.nextDouble() * (keySpan - 240L * 24 * 60)));
      b = a.plusMinutes((long) ((150 + 90 * r.nextDouble()) * 24 * 60));
    }
    visits.add(new Visit(id + "-htn", a, Map.of(Visit.DIAGNOSIS, List.of(HYPERTENSION))));
    visits.add(new Visit(id + "-nsaid", b, Map.of(Visit.MEDICATION, List.of(NSAID))));
    if (isCase) {
      LocalDateTime onset = ONSET_FROM.plusMinutes((long) (r.nextDouble() * 61 * 24 * 60));
      visits.add(new Visit(id + "-hf", onset, Map.of(Visit.DIAGNOSIS, List.of(HEART_FAILURE))));
    }
    return new PatientHistory(new Patient(id, birth, sex, null), visits);
  }

  /** An index in [0, n) with weight 1/(index + 1). */
  private static int zipf(Random r, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) total += 1.0 / (i + 1);
    double u = r.nextDouble() * total;
    for (int i = 0; i < n; i++) {
      u -= 1.0 / (i + 1);
      if (u <= 0) return i;
    }
    return n - 1;
  }
}
