package org.recurrent.run;

import static org.recurrent.run.JsonFields.int32;
import static org.recurrent.run.JsonFields.number;
import static org.recurrent.run.JsonFields.object;
import static org.recurrent.run.JsonFields.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.recurrent.io.JsonSafe;
import org.recurrent.models.ModelDirectory;
import org.recurrent.pipeline.PreparedData.Part;

/**
 * A run's final metrics: {@code metrics.json}, the {@code final} event of {@code events.jsonl}, and what
 * {@code recurrent train} prints. Computed with the final model's weights (the best epoch's when there was
 * validation data) on each non-empty evaluation part. The JSON (schema in {@code docs/model-format.md}):
 * <pre>{@code
 * {"task": "classification", "stop_reason": "completed", "epochs": 5, "best_epoch": 4, "train_loss": 0.21,
 *  "validation": {"records": 1150, "loss": 0.19, "accuracy": 0.93, ..., "baseline": {"majority_class_accuracy": 0.8}},
 *  "test": {...}}
 * }</pre>
 * a part's metrics written flat beside {@code records}, non-finite numbers as {@link JsonSafe} says; the
 * {@code final} event is the same fields flattened once more ({@code validation_loss}, {@code test_baseline}, ...).
 *
 * @param task       the task's name
 * @param stopReason as in the {@code stop} event: {@code completed}, {@code early_stopping}, ...
 * @param epochs     epochs complete (resumed ones included)
 * @param bestEpoch  epoch of the best monitored value, from 1 (0 before any evaluation)
 * @param trainLoss  training loss of the run's last complete epoch (a resumed run's too, from its checkpoint); empty
 *                   (no field) when none completed
 * @param parts      scores by part name ({@code validation}, {@code test}), in that order; absent parts had no records
 */
public record RunMetrics(String task, String stopReason, int epochs, int bestEpoch, OptionalDouble trainLoss,
                         Map<String, PartScores> parts) {
  /** The {@code event} value of the line of {@code events.jsonl} that holds these metrics. */
  public static final String EVENT = "final";
  /** The parts a run scores, in the order written. */
  public static final List<String> PART_NAMES = List.of(Part.VALIDATION.label(), Part.TEST.label());

  public RunMetrics {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(trainLoss, "trainLoss (OptionalDouble.empty() when no epoch ran)");
    Map<String, PartScores> ordered = new LinkedHashMap<>();
    for (String name : PART_NAMES) if (parts.containsKey(name)) ordered.put(name, parts.get(name));
    if (ordered.size() != parts.size()) {
      throw new IllegalArgumentException("metrics parts must be among " + PART_NAMES + ", got " + parts.keySet());
    }
    parts = Collections.unmodifiableMap(ordered);
  }

  /**
   * One part's scores.
   *
   * @param records  records scored (tokens for a language model)
   * @param metrics  the loss ({@code loss}) and the task's metrics, by name, in the task's order
   * @param baseline the task's trivial baselines (fitted on the training part) on the same records, by name
   */
  public record PartScores(int records, Map<String, Double> metrics, Map<String, Double> baseline) {
    static final String RECORDS = "records", BASELINE = "baseline";

    public PartScores {
      if (metrics.containsKey(RECORDS) || metrics.containsKey(BASELINE)) {
        throw new IllegalArgumentException("a metric cannot be named '" + RECORDS + "' or '" + BASELINE + "' (they "
            + "are fields of metrics.json beside the metrics): " + metrics.keySet());
      }
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
    }

    /** {@code records}, the metrics flat, then {@code baseline}. */
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(RECORDS, records);
      m.putAll(metrics);
      m.put(BASELINE, baseline);
      return m;
    }

    static PartScores fromJson(JsonNode node, String where) {
      object(node, where);
      int records = int32(node, RECORDS, where + "." + RECORDS);
      Map<String, Double> metrics = new LinkedHashMap<>();
      Map<String, Double> baseline = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals(RECORDS)) continue;
        if (f.getKey().equals(BASELINE)) numbers(f.getValue(), where + "." + BASELINE, baseline);
        else metrics.put(f.getKey(), number(f.getValue(), where + "." + f.getKey()));
      }
      return new PartScores(records, metrics, baseline);
    }
  }

  /** The JSON object of {@code metrics.json}, keys in order, non-finite numbers as strings ({@link JsonSafe}). */
  @JsonValue
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task);
    m.put("stop_reason", stopReason);
    m.put("epochs", epochs);
    m.put("best_epoch", bestEpoch);
    if (trainLoss.isPresent()) m.put("train_loss", trainLoss.getAsDouble());
    parts.forEach((name, scores) -> m.put(name, scores.json()));
    return JsonSafe.of(m);
  }

  /** The fields of the {@code final} event: {@link #json()} with each part flattened ({@code validation_loss}, ...). */
  public Map<String, Object> eventFields() {
    Map<String, Object> out = new LinkedHashMap<>();
    json().forEach((k, v) -> {
      if (v instanceof Map<?, ?> inner) inner.forEach((ik, iv) -> out.put(k + "_" + ik, iv));
      else out.put(k, v);
    });
    return out;
  }

  /**
   * Reads the JSON of {@code metrics.json} (or what {@code recurrent train} prints).
   *
   * @throws IllegalArgumentException when a field is missing or mistyped
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static RunMetrics fromJson(JsonNode node) {
    object(node, "metrics");
    Map<String, PartScores> parts = new LinkedHashMap<>();
    for (String name : PART_NAMES) {
      JsonNode part = node.get(name);
      if (part != null) parts.put(name, PartScores.fromJson(part, name));
    }
    JsonNode trainLoss = node.get("train_loss");
    OptionalDouble loss = trainLoss == null ? OptionalDouble.empty() : OptionalDouble.of(number(trainLoss, "train_loss"));
    return new RunMetrics(text(node, "task", "task"), text(node, "stop_reason", "stop_reason"),
        int32(node, "epochs", "epochs"), int32(node, "best_epoch", "best_epoch"), loss, parts);
  }

  /** Reads a {@code final} line of {@code events.jsonl} (its {@code event} and {@code time} are ignored). */
  public static RunMetrics fromEvent(JsonNode line) {
    Map<String, Object> nested = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String part = PART_NAMES.stream().filter(p -> f.getKey().startsWith(p + "_")).findFirst().orElse(null);
      if (part == null) {
        nested.put(f.getKey(), f.getValue());
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) nested.computeIfAbsent(part, k -> new LinkedHashMap<>());
        m.put(f.getKey().substring(part.length() + 1), f.getValue());
      }
    }
    return fromJson(ModelDirectory.JSON.valueToTree(nested));
  }

  /** Writes {@code metrics.json}, atomically. */
  public void write(Path file) throws IOException {
    ModelDirectory.writeJson(file, json());
  }

  /** Reads {@code metrics.json}. */
  public static RunMetrics read(Path file) throws IOException {
    JsonNode node = org.recurrent.io.JsonFiles.read(file, ModelDirectory.JSON);
    try {
      return fromJson(node);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static void numbers(JsonNode node, String where, Map<String, Double> into) {
    object(node, where);
    node.fields().forEachRemaining(f -> into.put(f.getKey(), number(f.getValue(), where + "." + f.getKey())));
  }
}
