package org.recurrent.data.ehr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an EHR data set became on its way to a model, saved as {@code cohort.json} beside it: what the reader
 * read (null for generated patients), visits dropped because none of their codes were of the chosen types, and
 * each part's cohort table.
 *
 * @param patients patients per part, before cohort selection
 * @param cohorts  hf-onset: each part's cohort table (empty for next-visit)
 * @param patientsWithOneVisit next-visit: patients left out because they have no next visit to predict
 * @param targetCodesNotPredicted next-visit: target codes below the label frequency threshold, not predicted
 * @param notes    what a task's records left out, one line each, said instead of next-visit's line (medication)
 */
public record EhrSummary(IngestReport ingest, long visitsWithoutChosenCodes, Map<String, Integer> patients,
                         Map<String, CohortTable> cohorts, long patientsWithOneVisit, long targetCodesNotPredicted,
                         java.util.List<String> notes) {
  public EhrSummary(IngestReport ingest, long visitsWithoutChosenCodes, Map<String, Integer> patients,
                    Map<String, CohortTable> cohorts) {
    this(ingest, visitsWithoutChosenCodes, patients, cohorts, 0, 0);
  }

  public EhrSummary(IngestReport ingest, long visitsWithoutChosenCodes, Map<String, Integer> patients,
                    Map<String, CohortTable> cohorts, long patientsWithOneVisit, long targetCodesNotPredicted) {
    this(ingest, visitsWithoutChosenCodes, patients, cohorts, patientsWithOneVisit, targetCodesNotPredicted,
        java.util.List.of());
  }

  public EhrSummary {
    patients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(patients));
    cohorts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cohorts));
    notes = notes == null ? java.util.List.of() : java.util.List.copyOf(notes);
  }

  /** Lines for the terminal: what was read, then one line (or two) per part. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (ingest != null) b.append(ingest.summary().stripTrailing()).append('\n');
    if (visitsWithoutChosenCodes > 0) {
      b.append(visitsWithoutChosenCodes).append(" visits dropped: none of their codes is of the chosen code types\n");
    }
    if (cohorts.isEmpty() && !notes.isEmpty()) {
      b.append("patients: ").append(patients).append('\n');
      notes.forEach(n -> b.append(n).append('\n'));
    } else if (cohorts.isEmpty()) {
      b.append("patients: ").append(patients).append("; ").append(patientsWithOneVisit)
          .append(" left out with a single visit; ").append(targetCodesNotPredicted)
          .append(" next-visit codes below the label frequency threshold are not predicted\n");
    }
    cohorts.forEach((part, table) -> b.append(part).append(" (").append(patients.getOrDefault(part, 0))
        .append(" patients): ").append(table.describe()).append('\n'));
    return b.toString().stripTrailing();
  }
}
