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
import org.recurrent.data.DataFormatException;
import org.recurrent.data.VersionedJson;

/**
 * A task's baselines as fitted on a training part ({@link Task#fitBaselines}): what each learnt there, so that it
 * can be scored on other data without the training data ({@link Task#scoreBaselines}). A model directory keeps
 * them in {@code baselines.json}, which {@code recurrent eval} scores on the file it is given:
 * <pre>{@code
 * {
 *   "format": "recurrent-baselines",
 *   "version": 1,
 *   "task": "classification",
 *   "fitted_on": 8050,                                              // training records (tokens for a corpus)
 *   "baselines": [{"name": "majority_class", "values": [6440.0, 1610.0]}]
 * }
 * }</pre>
 * Doubles are written with full precision, so loaded baselines score exactly as at training time.
 *
 * @param task      the task that fitted them
 * @param fittedOn  records (tokens for a text corpus) of the training part
 * @param baselines each fitted baseline, in the task's order
 */
public record FittedBaselines(String task, int fittedOn, List<Baseline> baselines) {
  /** The role of {@code baselines.json} among a model directory's side files (config.json's {@code files}). */
  public static final String ROLE = "baselines";
  static final String FORMAT = "recurrent-baselines";
  static final int VERSION = 1;

  /**
   * One fitted baseline.
   *
   * @param name   the baseline and the prefix of its metrics: {@code majority_class}, {@code label_frequency},
   *               {@code train_mean}, {@code last_value}, {@code seasonal_naive} (values: its season length),
   *               {@code unigram}
   * @param values what it learnt, as its task defines (class counts, label counts, per-output means, token counts;
   *               nothing for a baseline that learns nothing)
   */
  public record Baseline(String name, List<Double> values) {
    public Baseline {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
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
    }
    VersionedJson.write(file, root);
  }

  /** Reads a file written by {@link #save}, checking format, version and every field. */
  public static FittedBaselines read(Path file) throws IOException {
    JsonNode root = VersionedJson.read(file, FORMAT, VERSION);
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
      out.add(new Baseline(name.textValue(), v));
    }
    return new FittedBaselines(task.textValue(), fittedOn.intValue(), out);
  }
}
