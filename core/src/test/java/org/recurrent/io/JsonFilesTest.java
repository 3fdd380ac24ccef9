package org.recurrent.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private String rejection(String text) throws IOException {
    Path f = Files.writeString(dir.resolve("f.json"), text);
    IOException e = assertThrows(IOException.class, () -> JsonFiles.read(f, JSON));
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    return e.getMessage().substring((f + ": ").length());
  }

  @Test
  void parseErrorsGivePositionAndExpectationWithoutContent() throws IOException {
    assertEquals("not valid JSON: line 1, column 16: expected a JSON value (object, array, string, number, true, false "
        + "or null)", rejection("{\"a\": SECRET_x}"));
    assertEquals("not valid JSON: line 2, column 1: expected double-quote to start field name",
        rejection("{\"a\": 1,\n}"));
    assertEquals("not valid JSON: line 1, column 10: the file ends too early; expected '}' to close an object",
        rejection("{\"a\": [1]"));
    assertEquals("not valid JSON: line 1, column 13: a key appears twice in one object",
        rejection("{\"a\": 1, \"a\": \"SECRET\"}"));
    assertEquals("not valid JSON: line 1, column 10: expected the end of the file after the first JSON value",
        rejection("{\"a\": 1} {\"SECRET\": 2}"));
    assertEquals("empty; expected a JSON value", rejection(""));
  }

  @Test
  void nonUtf8IsNamedByByteLineAndColumn() throws IOException {
    byte[] bytes = "{\n\"caf\u00e9\": 1}".getBytes(StandardCharsets.ISO_8859_1);
    Path f = Files.write(dir.resolve("f.json"), bytes);
    IOException e = assertThrows(IOException.class, () -> JsonFiles.read(f, JSON));
    assertEquals(f + ":2: expected UTF-8 text, found a byte that is not UTF-8 (0xe9) at byte 6; save the file as UTF-8",
        e.getMessage());
    assertEquals(-1, JsonFiles.firstBadUtf8("{\"caf\u00e9\": 1}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void acceptsAByteOrderMark() throws IOException {
    Path f = Files.writeString(dir.resolve("f.json"), "\uFEFF{\"a\": 1}");
    assertEquals(1, JsonFiles.read(f, JSON).get("a").intValue());
  }

  @Test
  void refusesFilesThatAreTooLargeOrNotRegular() throws IOException {
    Path big = dir.resolve("big.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(JsonFiles.MAX_BYTES + 1);                         // sparse
    }
    IOException e = assertThrows(IOException.class, () -> JsonFiles.read(big, JSON));
    assertEquals(big + ": larger than the 67108864 bytes a JSON file of a model may have", e.getMessage());
    e = assertThrows(IOException.class, () -> JsonFiles.read(dir, JSON));
    assertEquals(dir + ": not a regular file", e.getMessage());
    assertThrows(NoSuchFileException.class, () -> JsonFiles.read(dir.resolve("none.json"), JSON));
  }
}
