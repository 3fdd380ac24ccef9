package org.recurrent.data.ehr;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One patient of an onset cohort: their visits in the observation window (all strictly before the prediction
 * point, see {@link OnsetCohort}), whether they are a case, and for a control the case whose prediction point
 * they were given.
 *
 * @param history         the windowed history; nothing on or after {@code predictionPoint} is in it
 * @param matchedCase     a control's case id; a case's own id
 */
public record CohortMember(PatientHistory history, boolean isCase, LocalDateTime predictionPoint, String matchedCase) {
  public CohortMember {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(predictionPoint, "predictionPoint");
    for (Visit v : history.visits()) {
      if (!v.start().isBefore(predictionPoint)) {
        throw new IllegalArgumentException("patient " + history.id() + ": visit " + v.id() + " at " + v.start()
            + " is not before the prediction point " + predictionPoint);
      }
    }
  }

  public String id() {
    return history.id();
  }
}
