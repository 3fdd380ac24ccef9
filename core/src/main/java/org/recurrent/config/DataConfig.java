package org.recurrent.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * The {@code data} section of a training config.
 *
 * @param format         {@code wide_csv} (one sequence per row), {@code long_csv} (one time step per row),
 *                       {@code jsonl}, {@code text} (one labelled sentence per line), {@code text_corpus} (one long
 *                       text, for language models), {@code timeseries_csv} (forecasting) or {@code ehr} (patients'
 *                       visit histories; see docs/healthcare.md) or {@code synthetic} (a generated long-memory task,
 *                       {@link SyntheticOptions}; see docs/vanishing-gradients.md), {@code deid_notes}
 *                       (annotated clinical notes, read or generated, {@link DeidOptions}; see docs/deid.md) or
 *                       {@code parallel_text} (source<TAB>target pairs, {@link ParallelTextOptions}; see
 *                       docs/seq2seq.md)
 * @param trainFiles     {@code data.train}: the training file (relative paths are resolved against the config
 *                       file's folder); for {@code ehr} a folder of tables or a long-format file, absent when the
 *                       options' generator makes the patients. For {@code text} also a list of files, read in
 *                       order as one training set (several sources pooled); {@code id_modulo} then counts each
 *                       file's own line numbers, so every file keeps its own split
 * @param validation     optional separate validation file
 * @param test           optional separate test file
 * @param split          how to cut validation/test parts out of {@code train} when those files are not given
 * @param options        the reader's options for the format (see docs/user-guide.md)
 * @param featureScaling numeric sequence inputs: {@code none} (default), {@code zscore} or {@code minmax}, fitted
 *                       on the training part only and saved with the model
 */
public record DataConfig(String format,
                         @JsonProperty("train") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                         List<String> trainFiles,
                         String validation, String test, SplitConfig split, JsonNode options, String featureScaling) {
  public static final List<String> FORMATS = List.of("wide_csv", "long_csv", "jsonl", "text", "text_corpus",
      "timeseries_csv", "ehr", "synthetic", "deid_notes", "parallel_text");
  public static final List<String> SCALINGS = List.of("none", "zscore", "minmax");

  /** One training file (or none). */
  public DataConfig(String format, String train, String validation, String test, SplitConfig split, JsonNode options,
                    String featureScaling) {
    this(format, train == null ? null : List.of(train), validation, test, split, options, featureScaling);
  }

  public DataConfig {
    if (format == null) throw new IllegalArgumentException("data.format is missing; expected one of " + FORMATS);
    format = format.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("unknown data.format '" + format + "'; expected one of " + FORMATS);
    }
    if (trainFiles != null && trainFiles.size() == 1 && (trainFiles.get(0) == null || trainFiles.get(0).isBlank())) {
      trainFiles = null;                                                   // "train: ''" is a missing file
    }
    if (trainFiles != null) {
      for (String f : trainFiles) {
        if (f == null || f.isBlank()) throw new IllegalArgumentException("data.train: a file name in the list is empty");
      }
      if (trainFiles.isEmpty()) throw new IllegalArgumentException("data.train is an empty list; give a file");
      if (trainFiles.size() > 1 && !format.equals("text")) {
        throw new IllegalArgumentException("data.train lists " + trainFiles.size() + " files, but data.format "
            + format + " reads one; a list of files (pooled sources) is for data.format text");
      }
      trainFiles = List.copyOf(trainFiles);
    }
    boolean generated = (format.equals("ehr") || format.equals("deid_notes") || format.equals("parallel_text"))
        && options != null && options.has("generator");
    if (generated && trainFiles != null) {
      throw new IllegalArgumentException("data.train and data.options.generator both give the "
          + switch (format) {
            case "ehr" -> "patients";
            case "deid_notes" -> "notes";
            default -> "pairs";
          } + "; keep one");
    }
    if (format.equals("synthetic")) {
      if (trainFiles != null || validation != null || test != null) {
        throw new IllegalArgumentException("data.format synthetic generates its records (data.options.task); remove "
            + "data.train, data.validation and data.test, and cut the parts with data.split");
      }
      generated = true;
    }
    if (!generated && trainFiles == null) {
      throw new IllegalArgumentException("data.train (the training file) is missing");
    }
    if (split == null) split = SplitConfig.defaults(format);
    featureScaling = featureScaling == null ? "none" : featureScaling.trim().toLowerCase(Locale.ROOT);
    if (!SCALINGS.contains(featureScaling)) {
      throw new IllegalArgumentException("unknown data.feature_scaling '" + featureScaling + "'; expected one of "
          + SCALINGS);
    }
  }

  /** The training file: the first of {@link #trainFiles} (the only one for every format but text), or null. */
  public String train() {
    return trainFiles == null ? null : trainFiles.get(0);
  }
}
