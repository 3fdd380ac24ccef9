package org.recurrent.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsTailTest {

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void givesNothingUntilTheFileExists(@TempDir Path dir) throws Exception {
    EventsTail tail = EventsTail.of(dir.resolve("events.jsonl"));
    EventsTail.Batch b = tail.poll();
    assertEquals(List.of(), b.lines());
    assertFalse(b.restarted());
  }

  @Test
  void returnsWholeLinesOnlyAndTheRestOfALineOnceItsNewlineIsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    append(file, "{\"a\":1}\n{\"b\":");
    EventsTail tail = EventsTail.of(file);
    EventsTail.Batch b = tail.poll();
    assertEquals(List.of("{\"a\":1}"), b.lines());
    assertEquals(1, b.first());
    assertEquals(List.of(), tail.poll().lines(), "the torn line waits for its newline");
    append(file, "2}\r\n{\"c\":3}\n");
    b = tail.poll();
    assertEquals(List.of("{\"b\":2}", "{\"c\":3}"), b.lines(), "a CRLF line ending is dropped with its CR");
    assertEquals(2, b.first());
  }

  @Test
  void startsAfterTheLastLineAReaderSaw(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    append(file, "1\n2\n3\n");
    EventsTail.Batch b = EventsTail.from(file, 2).poll();
    assertEquals(List.of("3"), b.lines());
    assertEquals(3, b.first());
  }

  @Test
  void startsOverWhenTheFileIsReplacedOrShortened(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    append(file, "old 1\nold 2\n");
    EventsTail tail = EventsTail.of(file);
    assertEquals(2, tail.poll().lines().size());
    Files.delete(file);
    assertTrue(tail.poll().restarted(), "a deleted file means the lines read are gone");
    append(file, "new 1\n");
    EventsTail.Batch b = tail.poll();
    assertEquals(List.of("new 1"), b.lines());
    assertEquals(1, b.first());

    Path other = dir.resolve("other.jsonl");
    append(other, "x 1\n");
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);   // same size, another file
    b = tail.poll();
    assertTrue(b.restarted(), "a file replaced by another of the same size is noticed by its identity");
    assertEquals(List.of("x 1"), b.lines());
  }
}
