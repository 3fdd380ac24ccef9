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
 * }</pre>
 *
 * @param method     ratio (default), chronological or column
 * @param train      fraction for training (default 0.8)
 * @param validation fraction for validation (default 0.1; the rest is test)
 * @param seed       shuffling seed for ratio (default: the run's seed)
 * @param file       column: the split file (relative to the config file)
 * @param idColumn   column: the id column of the split file (default id)
 * @param column     column: the column holding train / val / test (default split)
 */
public record SplitConfig(String method, Double train, Double validation, Long seed, String file, String idColumn,
                          String column) {
  public static final List<String> METHODS = List.of("ratio", "chronological", "column");

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
    if (method.equals("column")) {
      if (file == null) throw new IllegalArgumentException("data.split.method column needs data.split.file");
      if (idColumn == null) idColumn = "id";
      if (column == null) column = "split";
    }
  }

  static SplitConfig defaults(String format) {
    boolean ordered = format.equals("timeseries_csv") || format.equals("text_corpus");
    return new SplitConfig(ordered ? "chronological" : "ratio", null, null, null, null, null, null);
  }
}
