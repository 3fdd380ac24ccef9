package org.recurrent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events file, {@code events.jsonl}: one JSON object per line for every logged scalar, so that plots and
 * reports can be made after (or during) a run. Every line has {@code "event"} (e.g. {@code batch},
 * {@code epoch}, {@code checkpoint}, {@code stop}) and {@code "time"} (ISO-8601 UTC), then the fields given.
 * Lines are flushed as written, so a crash loses at most the line being written. A resumed run appends.
 */
public final class EventLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  private EventLog(BufferedWriter out) {
    this.out = out;
  }

  /** Appends to {@code file}, creating it if needed. */
  public static EventLog append(Path file) throws IOException {
    return new EventLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE));
  }

  /** An event log that writes nowhere (library use without a run directory). */
  public static EventLog none() {
    return new EventLog(null);
  }

  public synchronized void log(String event, Map<String, ?> fields) {
    if (out == null) return;
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.put("time", Instant.now().toString());
    fields.forEach((k, v) -> line.put(k, v instanceof Double d && !Double.isFinite(d) ? d.toString() : v));
    try {
      out.write(JSON.writeValueAsString(line));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the events file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) out.close();
  }
}
