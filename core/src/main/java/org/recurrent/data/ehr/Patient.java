package org.recurrent.data.ehr;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A patient as the demographics table records them.
 *
 * @param birthDate null when the source has none (then ages are unknown and the patient cannot be age-matched)
 * @param deathDate null while alive (or unknown)
 */
public record Patient(String id, LocalDate birthDate, Sex sex, LocalDate deathDate) {
  public Patient {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sex, "sex");
  }

  /** Age in years (fractional, 365.25-day years) on {@code date}; NaN when the birth date is unknown. */
  public double ageAt(LocalDate date) {
    if (birthDate == null) return Double.NaN;
    return (date.toEpochDay() - birthDate.toEpochDay()) / 365.25;
  }

  /** Completed years on {@code date} (as a person says their age); -1 when the birth date is unknown. */
  public int yearsAt(LocalDate date) {
    return birthDate == null ? -1 : Period.between(birthDate, date).getYears();
  }
}
