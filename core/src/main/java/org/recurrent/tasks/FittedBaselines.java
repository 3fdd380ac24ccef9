package org.recurrent.tasks;

import static org.recurrent.data.VersionedJson.describe;
import static org.recurrent.data.VersionedJson.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.recurrent.baselines.ngram.NgramCounts;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.VersionedJson;

/**
 * A task's baselines as fitted on a training part ({@link Task#fitBaselines}): what each learnt there, so that it
 * can be scored on other data without the training data ({@link Task#scoreBaselines}). A model directory keeps
 * them in {@code baselines.json}, which {@code recurrent eval} scores on the file it is given:
 * <pre>{@code
 * {
 *   "format": "recurrent-baselines",
 *   "version": 2,
 *   "task": "classification",
 *   "fitted_on": 8050,                                              // training records (tokens for a corpus)
 *   "baselines": [{"name": "majority_class", "values": [6440.0, 1610.0]}]
 * }
 * }</pre>
 * Doubles are written with full precision, so loaded baselines score exactly as at training time. An n-gram model
 * (a language model's {@code kneser_ney}) has no values but its counts ({@link NgramCounts}), as integers:
 * <pre>{@code
 * {"name": "kneser_ney", "values": [],
 *  "ngrams": {"vocabulary_size": 66, "max_order": 5, "training_tokens": 1003854,
 *             "tail": [1, 47, 0, 13],                                // the last n-1 training tokens
 *             "key_deltas": [1435, 1, 20, ...],                      // the sorted packed n-grams, each minus the one before
 *             "counts": [1, 3, 1, ...]}}
 * }</pre>
 * Version 1 (before the counts) kept the training text's ids as the {@code kneser_ney} values; such files still load,
 * and the task refits the counts from that text, exactly.
 *
 * @param task      the task that fitted them
 * @param fittedOn  records (tokens for a text corpus) of the training part
 * @param baselines each fitted baseline, in the task's order
 */
public record FittedBaselines(String task, int fittedOn, List<Baseline> baselines) {
  /** The role of {@code baselines.json} among a model directory's side files (config.json's {@code files}). */
  public static final String ROLE = "baselines";
  static final String FORMAT = "recurrent-baselines";
  static final int VERSION = 2;
  /** The oldest version read: 1 stored the n-gram baseline's training text instead of its counts. */
  static final int OLDEST_VERSION = 1;

  /**
   * One fitted baseline.
   *
   * @param name   the baseline and the prefix of its metrics: {@code majority_class}, {@code label_frequency},
   *               {@code train_mean}, {@code last_value}, {@code seasonal_naive} (values: its season length),
   *               {@code unigram}
   * @param values what it learnt, as its task defines (class counts, label counts, per-output means, token counts;
   *               nothing for a baseline that learns nothing)
   * @param ngrams an n-gram model's counts, or null
   */
  public record Baseline(String name, List<Double> values, NgramCounts ngrams) {
    public Baseline {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }

    public Baseline(String name, List<Double> values) {
      this(name, values, null);
    }

    /** An n-gram model, kept as its counts. */
    public static Baseline ofCounts(String name, NgramCounts ngrams) {
      return new Baseline(name, List.of(), Objects.requireNonNull(ngrams, "ngrams"));
    }

    public static Baseline of(String name, double... values) {
      List<Double> list = new ArrayList<>(values.length);
      for (double v : values) list.add(v);
      return new Baseline(name, list);
    }

    double[] array() {
      double[] out = new double[values.size()];
      for (int i = 0; i < out.length; i++) out[i] = values.get(i);
      return out;
    }
  }

  public FittedBaselines {
    Objects.requireNonNull(task, "task");
    baselines = List.copyOf(baselines);
  }

  /** The n-gram counts of baseline {@code name}, when there is one that has them. */
  public Optional<NgramCounts> ngrams(String name) {
    return baselines.stream().filter(b -> b.name().equals(name) && b.ngrams() != null).findFirst()
        .map(Baseline::ngrams);
  }

  /** The fitted values of baseline {@code name}, when there is one. */
  public Optional<double[]> values(String name) {
    return baselines.stream().filter(b -> b.name().equals(name)).findFirst().map(Baseline::array);
  }

  public void save(Path file) throws IOException {
    ObjectNode root = VersionedJson.object(FORMAT, VERSION);
    root.put("task", task);
    root.put("fitted_on", fittedOn);
    ArrayNode list = root.putArray("baselines");
    for (Baseline b : baselines) {
      ObjectNode o = list.addObject();
      o.put("name", b.name());
      ArrayNode values = o.putArray("values");
      b.values().forEach(values::add);
      if (b.ngrams() != null) writeCounts(o.putObject("ngrams"), b.ngrams());
    }
    VersionedJson.write(file, root);
  }

  /** Reads a file written by {@link #save}, checking format, version and every field. */
  public static FittedBaselines read(Path file) throws IOException {
    JsonNode root = VersionedJson.read(file, FORMAT, OLDEST_VERSION, VERSION);
    JsonNode task = field(file, root, "task");
    if (!task.isTextual()) throw new DataFormatException(file + ": expected \"task\" to be text, found " + describe(task));
    JsonNode fittedOn = field(file, root, "fitted_on");
    if (!fittedOn.isInt() || fittedOn.intValue() < 0) {
      throw new DataFormatException(file + ": expected \"fitted_on\" to be a count, found " + describe(fittedOn));
    }
    JsonNode list = field(file, root, "baselines");
    if (!list.isArray()) throw new DataFormatException(file + ": expected \"baselines\" to be an array, found "
        + describe(list));
    List<Baseline> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode b = list.get(i);
      JsonNode name = b.get("name"), values = b.get("values");
      if (name == null || !name.isTextual() || values == null || !values.isArray()) {
        throw new DataFormatException(file + ": expected baselines[" + i + "] to be {\"name\": text, \"values\": "
            + "[numbers]}, found " + describe(b));
      }
      List<Double> v = new ArrayList<>();
      for (int j = 0; j < values.size(); j++) {
        if (!values.get(j).isNumber()) {
          throw new DataFormatException(file + ": expected baselines[" + i + "].values[" + j + "] to be a number, "
              + "found " + describe(values.get(j)));
        }
        v.add(values.get(j).doubleValue());
      }
      JsonNode ngrams = b.get("ngrams");
      out.add(new Baseline(name.textValue(), v, ngrams == null ? null : readCounts(file, "baselines[" + i + "].ngrams",
          ngrams)));
    }
    return new FittedBaselines(task.textValue(), fittedOn.intValue(), out);
  }

  private static void writeCounts(ObjectNode o, NgramCounts c) {
    o.put("vocabulary_size", c.vocabularySize());
    o.put("max_order", c.maxOrder());
    o.put("training_tokens", c.trainingTokens());
    ArrayNode tail = o.putArray("tail");
    for (int id : c.tail()) tail.add(id);
    ArrayNode deltas = o.putArray("key_deltas");                             // small numbers: the keys are sorted
    long previous = 0;
    for (long key : c.keys()) {
      deltas.add(key - previous);
      previous = key;
    }
    ArrayNode counts = o.putArray("counts");
    for (int n : c.counts()) counts.add(n);
  }

  private static NgramCounts readCounts(Path file, String where, JsonNode o) throws DataFormatException {
    if (!o.isObject()) throw new DataFormatException(file + ": expected " + where + " to be an object, found " + describe(o));
    long vocabulary = whole(file, where, o, "vocabulary_size"), order = whole(file, where, o, "max_order"),
        tokens = whole(file, where, o, "training_tokens");
    long[] tail = wholes(file, where, o, "tail"), deltas = wholes(file, where, o, "key_deltas"),
        counts = wholes(file, where, o, "counts");
    long[] keys = new long[deltas.length];
    for (int j = 0; j < keys.length; j++) keys[j] = (j == 0 ? 0 : keys[j - 1]) + deltas[j];
    try {
      return new NgramCounts(Math.toIntExact(vocabulary), Math.toIntExact(order), tokens, toInts(tail), keys,
          toInts(counts));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DataFormatException(file + ": " + where + " does not hold a valid n-gram model: " + e.getMessage());
    }
  }

  private static long whole(Path file, String where, JsonNode o, String name) throws DataFormatException {
    JsonNode v = o.get(name);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
      throw new DataFormatException(file + ": expected " + where + "." + name + " to be a whole number >= 0, found "
          + describe(v));
    }
    return v.longValue();
  }

  private static long[] wholes(Path file, String where, JsonNode o, String name) throws DataFormatException {
    JsonNode a = o.get(name);
    if (a == null || !a.isArray()) {
      throw new DataFormatException(file + ": expected " + where + "." + name + " to be an array, found " + describe(a));
    }
    long[] out = new long[a.size()];
    for (int j = 0; j < out.length; j++) {
      JsonNode v = a.get(j);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
        throw new DataFormatException(file + ": expected " + where + "." + name + "[" + j + "] to be a whole number "
            + ">= 0, found " + describe(v));
      }
      out[j] = v.longValue();
    }
    return out;
  }

  private static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int j = 0; j < out.length; j++) out[j] = Math.toIntExact(values[j]);
    return out;
  }
}
