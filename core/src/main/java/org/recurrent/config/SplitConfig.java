package org.recurrent.config;

import java.util.List;
import java.util.Locale;

/**
 * The {@code data.split} section: how validation and test parts are cut out of the training file when they are
 * not given as files.
 * <pre>{@code
 * ratio          shuffle with `seed`, first `train` fraction train, next `validation` fraction validation, rest test
 * chronological  the same without shuffling (time order; the default for time series and text corpora)
 * column         a CSV `file` maps each record id (`id_column`) to train/val/test (`column`)
 * id_modulo      an integer record (patient) id modulo `modulus`: residues in `test_residues` are test, in
 *                `validation_residues` validation, the rest train (the shared EHR data sets' standard splits)
 * }</pre>
 *
 * @param method     ratio (default), chronological or column
 * @param train      fraction for training (default 0.8)
 * @param validation fraction for validation (default 0.1; the rest is test)
 * @param seed       shuffling seed for ratio (default: the run's seed)
 * @param file       column: the split file (relative to the config file)
 * @param idColumn   column: the id column of the split file (default id)
 * @param column     column: the column holding train / val / test (default split)
 * @param modulus    id_modulo: the modulus (>= 2)
 * @param testResidues id_modulo: residues that are test
 * @param validationResidues id_modulo: residues that are validation
 */
public record SplitConfig(String method, Double train, Double validation, Long seed, String file, String idColumn,
                          String column, Integer modulus, List<Integer> testResidues,
                          List<Integer> validationResidues) {
  public static final List<String> METHODS = List.of("ratio", "chronological", "column", "id_modulo");

  public SplitConfig(String method, Double train, Double validation, Long seed, String file, String idColumn,
                     String column) {
    this(method, train, validation, seed, file, idColumn, column, null, null, null);
  }

  public SplitConfig {
    method = method == null ? "ratio" : method.trim().toLowerCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unknown data.split.method '" + method + "'; expected one of " + METHODS);
    }
    if (train == null) train = 0.8;
    if (validation == null) validation = 0.1;
    if (!(train > 0 && validation >= 0 && train + validation <= 1 + 1e-9)) {
      throw new IllegalArgumentException("data.split fractions must satisfy 0 < train, 0 <= validation, "
          + "train + validation <= 1; got train " + train + ", validation " + validation);
    }
    // A field of another method would be ignored without a word, and a user who set it believes it acts.
    if (seed != null && !method.equals("ratio")) {
      throw new IllegalArgumentException("data.split.seed applies to method ratio (it shuffles the records), not "
          + method + ", which assigns every record without chance; remove it");
    }
    if (!method.equals("column") && (file != null || idColumn != null || column != null)) {
      throw new IllegalArgumentException("data.split.file, id_column and column apply to method column, not "
          + method);
    }
    if (method.equals("column")) {
      if (file == null) throw new IllegalArgumentException("data.split.method column needs data.split.file");
      if (idColumn == null) idColumn = "id";
      if (column == null) column = "split";
    }
    if (method.equals("id_modulo")) {
      if (modulus == null || modulus < 2) {
        throw new IllegalArgumentException("data.split.method id_modulo needs data.split.modulus >= 2, got " + modulus);
      }
      testResidues = residues("test_residues", testResidues, modulus);
      validationResidues = residues("validation_residues", validationResidues, modulus);
      for (int r : testResidues) {
        if (validationResidues.contains(r)) {
          throw new IllegalArgumentException("data.split: residue " + r + " is both test and validation");
        }
      }
    } else if (modulus != null || testResidues != null || validationResidues != null) {
      throw new IllegalArgumentException("data.split.modulus, test_residues and validation_residues apply to "
          + "method id_modulo, not " + method);
    }
  }

  private static List<Integer> residues(String field, List<Integer> values, int modulus) {
    if (values == null) return List.of();
    for (Integer r : values) {
      if (r == null || r < 0 || r >= modulus) {
        throw new IllegalArgumentException("data.split." + field + ": expected residues in 0.." + (modulus - 1)
            + ", found " + r);
      }
    }
    return List.copyOf(values);
  }

  /** id_modulo: the part of an integer id, {@code train}, {@code validation} or {@code test}. */
  public String partOfId(long id) {
    int r = (int) Math.floorMod(id, (long) modulus);
    return testResidues.contains(r) ? "test" : validationResidues.contains(r) ? "validation" : "train";
  }

  static SplitConfig defaults(String format) {
    boolean ordered = format.equals("timeseries_csv") || format.equals("text_corpus");
    return new SplitConfig(ordered ? "chronological" : "ratio", null, null, null, null, null, null);
  }
}
