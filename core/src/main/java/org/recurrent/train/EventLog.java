package org.recurrent.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.io.JsonSafe;

/**
 * The events file, {@code events.jsonl}: one JSON object per line, so that plots and reports can be made after (or
 * during) a run. Every line has {@code "event"} and {@code "time"} (ISO-8601 UTC), then the event's fields; the
 * schema is {@code docs/events.md}. A {@link TrainingEvent} record is written field by field in component order,
 * names in snake_case, non-finite numbers as {@link JsonSafe} says, and {@link #parse} reads the line back into the
 * same record. Lines are flushed as written, so a crash loses at most the line being written. A resumed run appends.
 * As a {@link TrainingListener} it writes every event the trainer reports.
 */
public final class EventLog implements TrainingListener, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  private EventLog(BufferedWriter out) {
    this.out = out;
  }

  /**
   * Appends to {@code file}, creating it if needed; never through a symbolic link (refused with an
   * {@link IOException}). A last line cut short by a crash (no newline at its end) is removed first, so a resumed
   * run appends whole lines after whole lines.
   */
  public static EventLog append(Path file) throws IOException {
    org.recurrent.io.AtomicFiles.refuseLink(file);
    try {
      dropTornLastLine(file);
      return new EventLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(file)) org.recurrent.io.AtomicFiles.refuseLink(file);   // made a link meanwhile
      throw e;
    }
  }

  private static void dropTornLastLine(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size == 0) return;
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, size - 1);
      if (one.get(0) == '\n') return;
      long keep = size - 1;                               // back to just after the last newline, or to 0
      ByteBuffer b = ByteBuffer.allocate(8192);
      while (keep > 0) {
        long from = Math.max(0, keep - b.capacity());
        b.clear().limit((int) (keep - from));
        ch.read(b, from);
        int i = b.position() - 1;
        while (i >= 0 && b.get(i) != '\n') i--;
        if (i >= 0) {
          keep = from + i + 1;
          break;
        }
        keep = from;
      }
      ch.truncate(keep);
    }
  }

  /** An event log that writes nowhere (library use without a run directory). */
  public static EventLog none() {
    return new EventLog(null);
  }

  /** Writes one typed event. */
  public void write(TrainingEvent event) {
    log(event.event(), fields(event));
  }

  /**
   * Writes an event that has no record type: the run's {@code final} metrics, whose fields are those of
   * {@code metrics.json} (flattened). Numbers follow the same NaN policy.
   */
  public synchronized void log(String event, Map<String, ?> fields) {
    if (out == null) return;
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.put("time", Instant.now().toString());
    line.putAll(JsonSafe.of(fields));
    try {
      out.write(JSON.writeValueAsString(line));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the events file: " + e.getMessage(), e);
    }
  }

  @Override
  public void onStart(TrainingContext run, TrainingEvent.Started e) {
    write(e);
  }

  @Override
  public void onResume(TrainingContext run, TrainingEvent.Resumed e) {
    write(e);
  }

  @Override
  public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
    write(e);
  }

  @Override
  public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) {
    write(e);
  }

  @Override
  public void onCheckpoint(TrainingContext run, TrainingEvent.CheckpointWritten e) {
    write(e);
  }

  @Override
  public void onStop(TrainingContext run, TrainingEvent.Stopped e) {
    write(e);
  }

  /** The JSON fields of an event, in component order (without "event" and "time"). */
  static Map<String, Object> fields(TrainingEvent event) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : event.getClass().getRecordComponents()) {
      Object v = get(c, event);
      if (v instanceof Map<?, ?> map) map.forEach((k, x) -> m.put(jsonName(c) + "_" + k, x));
      else m.put(jsonName(c), v);
    }
    return JsonSafe.of(m);
  }

  /**
   * Reads one line of an events file back into its record.
   *
   * @return the event, or null for a line of an event without a record type ({@code final})
   * @throws IOException when the line is not JSON, names no event, or lacks or mistypes a field
   */
  public static TrainingEvent parse(String line) throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IOException("events line is not JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject() || !node.path("event").isTextual()) {
      throw new IOException("events line has no \"event\" name: " + line);
    }
    Class<? extends TrainingEvent> type = TrainingEvent.type(node.get("event").textValue());
    if (type == null) return null;
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      try {
        values[i] = value(components[i], node);
      } catch (IllegalArgumentException e) {
        throw new IOException("events line \"" + node.get("event").textValue() + "\": field " + jsonName(components[i])
            + ": " + e.getMessage(), e);
      }
    }
    try {
      Constructor<? extends TrainingEvent> canonical = type.getDeclaredConstructor(types);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("every TrainingEvent is a public record", e);
    }
  }

  /** The typed events of an events file, in order (lines of untyped events such as {@code final} are skipped). */
  public static List<TrainingEvent> read(Path file) throws IOException {
    List<TrainingEvent> events = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) continue;
      try {
        TrainingEvent e = parse(line);
        if (e != null) events.add(e);
      } catch (IOException e) {
        throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
      }
    }
    return events;
  }

  /** A component's JSON name: its Java name in snake_case ({@code gradNorm} -> {@code grad_norm}). */
  public static String jsonName(RecordComponent c) {
    StringBuilder sb = new StringBuilder();
    for (char ch : c.getName().toCharArray()) {
      if (Character.isUpperCase(ch)) sb.append('_').append(Character.toLowerCase(ch));
      else sb.append(ch);
    }
    return sb.toString();
  }

  private static Object value(RecordComponent c, JsonNode node) {
    String name = jsonName(c);
    Class<?> t = c.getType();
    if (t == Map.class) {
      Map<String, Double> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().startsWith(name + "_")) m.put(f.getKey().substring(name.length() + 1), JsonSafe.number(f.getValue()));
      }
      return m;
    }
    JsonNode v = node.get(name);
    if (v == null) throw new IllegalArgumentException("missing");
    if (t == double.class) return JsonSafe.number(v);
    if (t == int.class && v.canConvertToInt() && v.isIntegralNumber()) return v.intValue();
    if (t == long.class && v.canConvertToLong() && v.isIntegralNumber()) return v.longValue();
    if (t == boolean.class && v.isBoolean()) return v.booleanValue();
    if (t == String.class && v.isTextual()) return v.textValue();
    throw new IllegalArgumentException("expected " + t.getSimpleName() + ", got " + v);
  }

  private static Object get(RecordComponent c, TrainingEvent event) {
    try {
      return c.getAccessor().invoke(event);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("every TrainingEvent is a public record", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) out.close();
  }
}
