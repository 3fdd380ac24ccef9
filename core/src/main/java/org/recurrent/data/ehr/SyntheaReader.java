package org.recurrent.data.ehr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.recurrent.data.ehr.TableLayout.CodeTable;
import org.recurrent.data.ehr.TableLayout.Table;

/**
 * Reads a folder of Synthea's CSV export: {@code patients.csv} (Id, BIRTHDATE, DEATHDATE, GENDER),
 * {@code encounters.csv} (the visits: Id, START, PATIENT) and the code tables {@code conditions.csv} (diagnosis),
 * {@code medications.csv} (medication) and {@code procedures.csv} (procedure), each with PATIENT, ENCOUNTER, CODE;
 * each file may be gzipped ({@code .csv.gz}). Columns are found by header name (other columns are ignored), so
 * Synthea's raw export and the re-encoded sets read alike; the key columns can be renamed in
 * {@link EhrReaderOptions}. A code joins the visit named in its ENCOUNTER column; the START of a condition (its onset)
 * is not used, the encounter's START is the visit's time.
 *
 * <p>Every table streams line by line; only the kept patients' encounters are stored (as an id index and two
 * primitive arrays) and only codes of kept visits.
 */
public final class SyntheaReader {
  private final EhrReaderOptions options;

  public SyntheaReader(EhrReaderOptions options) {
    if (options.source() != EhrReaderOptions.Source.SYNTHEA) {
      throw new IllegalArgumentException("SyntheaReader needs source: synthea, got " + options.source());
    }
    this.options = options;
  }

  /** Reads the tables in {@code folder}. */
  public EhrData read(Path folder) throws IOException {
    return read(folder, id -> true);
  }

  /** Reads the tables in {@code folder}, keeping only patients {@code keep} accepts (and {@code patients}, if set). */
  public EhrData read(Path folder, Predicate<String> keep) throws IOException {
    String patient = options.patientColumn();
    String encounter = options.encounterColumn();
    List<CodeTable> codes = List.of(
        new CodeTable(Visit.DIAGNOSIS, new Table("conditions"), patient, encounter, "CODE", null, Set.of()),
        new CodeTable(Visit.MEDICATION, new Table("medications"), patient, encounter, "CODE", null, Set.of()),
        new CodeTable(Visit.PROCEDURE, new Table("procedures"), patient, encounter, "CODE", null, Set.of()));
    Map<String, String> hints = new java.util.HashMap<>(); // the defaults share "Id", so merge
    BiFunction<String, String, String> both = (a, b) -> a + "; " + b;
    hints.merge(options.patientIdColumn(), "patients.csv: set patient_id_column if it has another name", both);
    hints.merge(options.encounterIdColumn(), "encounters.csv: set encounter_id_column if it has another name", both);
    hints.merge(patient, "set patient_column if the patient column has another name", both);
    hints.merge(encounter, "set encounter_column if the encounter column has another name", both);
    TableLayout layout = new TableLayout(new Table("patients"), options.patientIdColumn(), "BIRTHDATE", "GENDER",
        "DEATHDATE", new Table("encounters"), options.encounterIdColumn(), patient, "START", codes,
        hints);
    return EhrReaders.readTables(folder, layout, options, keep);
  }
}
