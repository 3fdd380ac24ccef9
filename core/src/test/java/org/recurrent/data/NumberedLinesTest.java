package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumberedLinesTest {
  @TempDir Path dir;

  private List<String> lines(String text, int cap) throws IOException {
    Path f = Files.writeString(dir.resolve("f.txt"), text);
    List<String> out = new ArrayList<>();
    try (NumberedLines in = new NumberedLines(f, cap)) {
      for (String s = in.next(); s != null; s = in.next()) {
        out.add(in.line() + ":" + s);
      }
    }
    return out;
  }

  @Test
  void splitsOnLfCrLfAndCrAsReadLineDoes() throws IOException {
    assertEquals(List.of("1:a", "2:b", "3:c", "4:", "5:d"), lines("a\nb\r\nc\r\rd", 100));
    assertEquals(List.of("1:a"), lines("a\n", 100));
    assertEquals(List.of(), lines("", 100));
  }

  @Test
  void linesLongerThanTheBufferAreWhole() throws IOException {
    String longLine = "x".repeat(100_000);
    assertEquals(List.of("1:" + longLine, "2:y"), lines(longLine + "\r\ny", 200_000));
  }

  /** Issue 15: a file without line breaks (or /dev/urandom-like content) was read into one line until the heap ran out. */
  @Test
  void aLineLongerThanTheCapIsAnErrorAtItsLineBeforeItIsHeld() throws IOException {
    Path f = Files.writeString(dir.resolve("f.csv"), "ok\n" + "y".repeat(50_000) + "\n");
    try (NumberedLines in = new NumberedLines(f, 1000)) {
      assertEquals("ok", in.next());
      var e = assertThrows(DataFormatException.class, in::next);
      assertEquals(f + ":2: expected a line of at most 1000 characters (is this a text data file?), found a longer one",
          e.getMessage());
    }
  }

  @Test
  void theDefaultCapIsSixteenMebiCharacters() throws IOException {
    assertEquals(1 << 24, DataFiles.MAX_LINE_CHARS);
    Path f = Files.writeString(dir.resolve("g.txt"), "");
    try (NumberedLines in = new NumberedLines(f)) {
      assertNull(in.next());
    }
  }
}
