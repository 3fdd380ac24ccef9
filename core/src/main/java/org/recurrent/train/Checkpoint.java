package org.recurrent.train;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recurrent.io.SafeTensors;
import org.recurrent.io.SafeTensorsFile;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.optim.Optimizer;
import org.recurrent.optim.ScheduleDriver;
import org.recurrent.tensor.Tensor;

/**
 * A training checkpoint: ONE safetensors file holding everything a resumed run needs, so that replacing it is a
 * single atomic rename (the writer goes through a temporary file): the model's tensors under {@code model.*}, the
 * optimizer's buffers under {@code optimizer.*}, the recurrent state carried between batches of a stateful
 * stream under {@code carry.h} / {@code carry.c}; and in the header metadata {@code format}
 * ({@code recurrent-checkpoint}), {@code version}, {@code trainer} (a {@link TrainerState} as JSON) and
 * {@code schedule} (the learning-rate schedule's state as JSON).
 */
public record Checkpoint(Map<String, Tensor> model, Map<String, Tensor> optimizer, RecurrentOutput carry,
                         TrainerState state, Map<String, Double> schedule) {
  static final String FORMAT = "recurrent-checkpoint";
  static final String VERSION = "1";
  // NaN (no best value yet) must survive the round trip
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /**
   * The checkpoint of a live run at {@code state}. The tensors share the live data: write it before the next step.
   */
  static Checkpoint of(Module model, Optimizer optimizer, ScheduleDriver schedule, RecurrentOutput carry,
                       TrainerState state) {
    return new Checkpoint(model.stateDict(), optimizer.stateDict(), carry, state, schedule.state());
  }

  /**
   * Resuming: puts the weights, the optimizer's buffers and the schedule's state back into a live run; where the run
   * continues from is {@link #state()}, and the state it carries into the next batch is {@link #carry()}.
   */
  void restore(Module model, Optimizer optimizer, ScheduleDriver schedule) {
    model.loadStateDict(this.model);
    optimizer.loadStateDict(this.optimizer);
    schedule.load(this.schedule);
  }

  public void write(Path file) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    model.forEach((k, v) -> tensors.put("model." + k, v));
    optimizer.forEach((k, v) -> tensors.put("optimizer." + k, v));
    if (carry != null) {
      tensors.put("carry.h", carry.hN());
      if (carry.cN() != null) tensors.put("carry.c", carry.cN());
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("version", VERSION);
    meta.put("trainer", JSON.writeValueAsString(state));
    meta.put("schedule", JSON.writeValueAsString(schedule));
    SafeTensors.write(file, tensors, meta);
  }

  /** The trainer state, every field present and of its type ({@code lastEpochLoss} may be absent: older files). */
  static TrainerState trainerState(String json) throws IOException {
    if (json == null) throw new IOException("no \"trainer\" entry in the metadata");
    com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(json);
    if (n == null || !n.isObject()) throw new IOException("\"trainer\" is not a JSON object");
    java.util.Set<String> known = new java.util.LinkedHashSet<>();
    for (var c : TrainerState.class.getRecordComponents()) known.add(c.getName());
    for (var it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) throw new IOException("\"trainer\" has an unknown field '" + name + "'");
    }
    return new TrainerState(int32(n, "epoch"), int32(n, "batch"), int64(n, "step"), real(n, "bestValue"),
        int32(n, "bestEpoch"), int32(n, "badEpochs"), real(n, "lossSum"), real(n, "lossWeight"), int64(n, "records"),
        n.has("lastEpochLoss") ? real(n, "lastEpochLoss") : Double.NaN);
  }

  /** The schedule's state: an object of numbers (NaN and infinities as {@link org.recurrent.io.JsonSafe} writes them). */
  static Map<String, Double> schedule(String json) throws IOException {
    com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(json);
    if (n == null || !n.isObject()) throw new IOException("\"schedule\" is not a JSON object");
    Map<String, Double> out = new LinkedHashMap<>();
    for (var it = n.fields(); it.hasNext(); ) {
      var f = it.next();
      try {
        out.put(f.getKey(), org.recurrent.io.JsonSafe.number(f.getValue()));
      } catch (IllegalArgumentException e) {
        throw new IOException("\"schedule\"." + f.getKey() + ": expected a number");
      }
    }
    return out;
  }

  private static com.fasterxml.jackson.databind.JsonNode field(com.fasterxml.jackson.databind.JsonNode n, String name)
      throws IOException {
    var v = n.get(name);
    if (v == null || v.isNull()) throw new IOException("\"trainer\" lacks the field '" + name + "'");
    return v;
  }

  private static int int32(com.fasterxml.jackson.databind.JsonNode n, String name) throws IOException {
    var v = field(n, name);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new IOException("\"trainer\"." + name + ": expected an integer");
    return v.intValue();
  }

  private static long int64(com.fasterxml.jackson.databind.JsonNode n, String name) throws IOException {
    var v = field(n, name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new IOException("\"trainer\"." + name + ": expected an integer");
    return v.longValue();
  }

  private static double real(com.fasterxml.jackson.databind.JsonNode n, String name) throws IOException {
    try {
      return org.recurrent.io.JsonSafe.number(field(n, name));
    } catch (IllegalArgumentException e) {
      throw new IOException("\"trainer\"." + name + ": expected a number");
    }
  }

  public static Checkpoint read(Path file) throws IOException {
    SafeTensorsFile f = SafeTensors.read(file);
    Map<String, String> meta = f.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new IOException(file + ": expected a checkpoint (metadata format \"" + FORMAT + "\"), found format "
          + (meta.get("format") == null ? "none" : "\"" + meta.get("format") + "\""));
    }
    if (!VERSION.equals(meta.get("version"))) {
      throw new IOException(file + ": checkpoint version " + meta.get("version") + " is not supported (expected "
          + VERSION + ")");
    }
    Map<String, Tensor> model = new LinkedHashMap<>();
    Map<String, Tensor> optimizer = new LinkedHashMap<>();
    f.tensors().forEach((k, v) -> {
      if (k.startsWith("model.")) model.put(k.substring(6), v);
      else if (k.startsWith("optimizer.")) optimizer.put(k.substring(10), v);
    });
    Tensor h = f.tensors().get("carry.h");
    RecurrentOutput carry = h == null ? null : new RecurrentOutput(null, h, f.tensors().get("carry.c"));
    for (Map.Entry<String, Tensor> t : f.tensors().entrySet()) {
      for (float x : t.getValue().data()) {
        if (!Float.isFinite(x)) throw new IOException(file + ": tensor '" + t.getKey() + "' holds " + x
            + "; a checkpoint is written only from finite weights, so this one is damaged");
      }
    }
    try {
      TrainerState state = trainerState(meta.get("trainer"));
      Map<String, Double> schedule = schedule(meta.getOrDefault("schedule", "{}"));
      return new Checkpoint(model, optimizer, carry, state, schedule);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": checkpoint metadata is unreadable: " + org.recurrent.io.JsonFiles.problem(e), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ": checkpoint metadata is unreadable: " + e.getMessage(), e);
    }
  }
}
