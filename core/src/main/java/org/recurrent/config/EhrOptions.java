package org.recurrent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.recurrent.data.ehr.OnsetCohortOptions;
import org.recurrent.data.ehr.Visit;

/**
 * {@code data.options} for the {@code ehr} format: where the patients come from, which codes make a visit's bag,
 * and (for {@code hf-onset}) how the cohort is built. See docs/healthcare.md.
 *
 * @param reader           how to read {@code data.train} (a folder of Synthea or MIMIC-III tables, or a long-format
 *                         file): the reader's options, {@code source: synthea | mimic3 | long} and its fields
 * @param generator        instead of files: the built-in synthetic patients ({@code patients}, {@code seed})
 * @param codeTypes        the code types a visit's bag holds (default diagnosis, medication, procedure); visits left
 *                         without codes of these types are dropped and counted
 * @param codeMinFrequency codes seen fewer times in the training patients become unknown (default 1)
 * @param codeMinFrequencyByType a threshold of its own per code type, e.g. {@code {medication: 20}}; the others
 *                         take {@code code_min_frequency}
 * @param cohort           {@code hf-onset}: the case-control cohort's options
 * @param nextVisit        {@code next-visit}: which codes are the labels and how much history is kept
 * @param trainPatients    keep only this many of the training part's patients (a seeded sample; null: all), for
 *                         learning curves and transfer at several sizes of a second cohort
 * @param medication       {@code medication}: what a visit's step sees, which medications are labels, how much
 *                         history is kept
 */
public record EhrOptions(JsonNode reader, Generator generator, List<String> codeTypes, Integer codeMinFrequency,
                         java.util.Map<String, Integer> codeMinFrequencyByType, OnsetCohortOptions cohort,
                         NextVisit nextVisit, Integer trainPatients, Medication medication) {

  /**
   * {@code medication} targets: at every visit with a diagnosis and a medication, the set of medications prescribed
   * at it (see docs/medication.md).
   *
   * @param history            what step t sees besides visit t's diagnoses: {@code none} (each visit alone, a
   *                           record of one step), {@code diagnoses} (the patient's earlier visits' diagnoses,
   *                           through the GRU's state) or {@code diagnoses_and_medications} (also the medications
   *                           of the previous visit, in step t's bag as {@code medication:CODE}); default the last
   * @param labelMinFrequency  medications prescribed at fewer training visits are not predicted (default 1)
   * @param maxVisits          a patient's last this many visits with a diagnosis and a medication are kept
   *                           (default 20)
   */
  public record Medication(String history, Integer labelMinFrequency, Integer maxVisits) {
    public static final List<String> HISTORIES = List.of("none", "diagnoses", "diagnoses_and_medications");

    public Medication {
      history = history == null ? "diagnoses_and_medications" : history.trim().toLowerCase(Locale.ROOT);
      if (!HISTORIES.contains(history)) {
        throw new IllegalArgumentException("data.options.medication.history: expected one of " + HISTORIES
            + ", found '" + history + "'");
      }
      if (labelMinFrequency == null) labelMinFrequency = 1;
      if (labelMinFrequency < 1) {
        throw new IllegalArgumentException("data.options.medication.label_min_frequency must be >= 1, got "
            + labelMinFrequency);
      }
      if (maxVisits == null) maxVisits = 20;
      if (maxVisits < 1 || maxVisits > 100_000) {
        throw new IllegalArgumentException("data.options.medication.max_visits must be in 1..100000, got " + maxVisits);
      }
    }

    /** Whether a patient's visits form one record (false: every visit is a record of its own). */
    public boolean sequence() {
      return !history.equals("none");
    }

    /** Whether step t's bag holds the medications of the previous visit. */
    public boolean previousMedications() {
      return history.equals("diagnoses_and_medications");
    }
  }

  /**
   * {@code next-visit} targets.
   *
   * @param labelType          the code type whose codes are predicted (default diagnosis)
   * @param labelMinFrequency  labels seen fewer times among the training targets are not predicted (default 1)
   * @param maxVisits          a patient's last this many visits (plus the one after them) are kept (default 100)
   */
  public record NextVisit(String labelType, Integer labelMinFrequency, Integer maxVisits) {
    public NextVisit {
      labelType = labelType == null ? Visit.DIAGNOSIS : labelType.trim().toLowerCase(Locale.ROOT);
      if (labelMinFrequency == null) labelMinFrequency = 1;
      if (labelMinFrequency < 1) {
        throw new IllegalArgumentException("data.options.next_visit.label_min_frequency must be >= 1, got "
            + labelMinFrequency);
      }
      if (maxVisits == null) maxVisits = 100;
      if (maxVisits < 1 || maxVisits > 100_000) {
        throw new IllegalArgumentException("data.options.next_visit.max_visits must be in 1..100000, got " + maxVisits);
      }
    }
  }

  /** The built-in synthetic patients ({@link org.recurrent.data.ehr.SyntheticPatients}). */
  public record Generator(Integer patients, Long seed) {
    public Generator {
      if (patients == null) patients = 3000;
      if (patients < 10 || patients > 1_000_000) {
        throw new IllegalArgumentException("data.options.generator.patients must be in 10..1000000, got " + patients);
      }
      if (seed == null) seed = 7L;
    }
  }

  public static final List<String> DEFAULT_CODE_TYPES = List.of(Visit.DIAGNOSIS, Visit.MEDICATION, Visit.PROCEDURE);

  public EhrOptions {
    if (reader != null && generator != null) {
      throw new IllegalArgumentException("data.options: give reader (files) or generator (synthetic patients), not both");
    }
    codeTypes = codeTypes == null ? DEFAULT_CODE_TYPES
        : codeTypes.stream().map(t -> t == null ? "" : t.trim().toLowerCase(Locale.ROOT)).toList();
    if (codeTypes.isEmpty() || codeTypes.contains("")) {
      throw new IllegalArgumentException("data.options.code_types: expected code types such as " + DEFAULT_CODE_TYPES
          + ", found " + codeTypes);
    }
    if (codeMinFrequency == null) codeMinFrequency = 1;
    if (codeMinFrequency < 1) {
      throw new IllegalArgumentException("data.options.code_min_frequency must be >= 1, got " + codeMinFrequency);
    }
    codeMinFrequencyByType = codeMinFrequencyByType == null ? java.util.Map.of()
        : java.util.Map.copyOf(codeMinFrequencyByType);
    for (var e : codeMinFrequencyByType.entrySet()) {
      if (!codeTypes.contains(e.getKey())) {
        throw new IllegalArgumentException("data.options.code_min_frequency_by_type: " + e.getKey() + " is not one of "
            + "the code_types " + codeTypes);
      }
      if (e.getValue() == null || e.getValue() < 1) {
        throw new IllegalArgumentException("data.options.code_min_frequency_by_type." + e.getKey() + " must be >= 1, got "
            + e.getValue());
      }
    }
    if (cohort == null) cohort = OnsetCohortOptions.defaults();
    if (nextVisit == null) nextVisit = new NextVisit(null, null, null);
    if (medication == null) medication = new Medication(null, null, null);
    if (trainPatients != null && trainPatients < 1) {
      throw new IllegalArgumentException("data.options.train_patients must be >= 1, got " + trainPatients);
    }
  }
}
