package org.recurrent.cli.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an events file as it grows: each {@link #poll} returns the whole lines written since the last one. A
 * line is whole once its newline is written ({@code EventLog} flushes line by line), so a line being written is
 * returned by a later poll, never cut. A file that is not there yet gives nothing; a file that was replaced or
 * shortened ({@code --overwrite} deletes and recreates it) starts over from its first line, and
 * {@link Batch#restarted} says so, so that a reader drops what it had.
 *
 * <p>Lines are numbered from 1 as in the file; a tail can start after a line already seen ({@link #from}).
 */
final class EventsTail {
  /** New lines: {@code first} is the number of {@code lines.get(0)} in the file. */
  record Batch(boolean restarted, long first, List<String> lines) {}

  private final Path file;
  private Object fileKey;
  private long offset;          // bytes of whole lines consumed
  private long linesRead;       // lines consumed, including skipped ones
  private long skipThrough;     // lines 1..skipThrough were already seen by the reader

  private EventsTail(Path file, long skipThrough) {
    this.file = file;
    this.skipThrough = skipThrough;
  }

  /** Reads {@code file} from its first line. */
  static EventsTail of(Path file) {
    return new EventsTail(file, 0);
  }

  /** Reads {@code file} from line {@code lastSeen + 1} (a reconnecting page says which line it saw last). */
  static EventsTail from(Path file, long lastSeen) {
    return new EventsTail(file, Math.max(0, lastSeen));
  }

  Batch poll() throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      boolean restarted = offset > 0;
      if (restarted) reset();
      return new Batch(restarted, linesRead + 1, List.of());
    }
    if (!attributes.isRegularFile()) throw new IOException(file + " is not a regular file");
    boolean restarted = false;
    Object key = attributes.fileKey();
    if (offset > 0 && (attributes.size() < offset || (key != null && !Objects.equals(key, fileKey)))) {
      reset();
      restarted = true;
    }
    fileKey = key;
    if (attributes.size() == offset) return new Batch(restarted, linesRead + 1, List.of());
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      in.skipNBytes(offset);
      bytes = in.readAllBytes();
    }
    List<String> lines = new ArrayList<>();
    long first = -1;
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') continue;
      linesRead++;
      offset += i + 1 - start;
      if (linesRead > skipThrough) {
        if (first < 0) first = linesRead;
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
      }
      start = i + 1;
    }
    return new Batch(restarted, first < 0 ? linesRead + 1 : first, lines);
  }

  private void reset() {
    offset = 0;
    linesRead = 0;
    skipThrough = 0;
    fileKey = null;
  }
}
