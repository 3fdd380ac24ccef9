package org.recurrent.data.ehr;

import java.util.List;

/** The patients a reader produced, each with visits in time order, and the report of what it read. */
public record EhrData(List<PatientHistory> patients, IngestReport report) {
  public EhrData {
    patients = List.copyOf(patients);
  }
}
