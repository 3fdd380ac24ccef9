package org.recurrent.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.tensor.Tensor;

/**
 * The findings of issue 15 on safetensors, as regression tests: files the reference reader
 * ({@code huggingface/safetensors}, {@code read_metadata} and {@code Metadata::validate}) refuses must be refused
 * here too, not read with shifted or partial data; and a header that declares more than the heap holds is refused
 * before anything is allocated.
 */
class SafeTensorsStrictnessTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("model.safetensors");
  }

  private String rejection(byte[] bytes) throws IOException {
    Files.write(file(), bytes);
    IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file()));
    String prefix = file() + ": ";
    assertTrue(e.getMessage().startsWith(prefix), "message names the file: " + e.getMessage());
    return e.getMessage().substring(prefix.length());
  }

  /** A file as our writer makes it: two tensors, the header padded with spaces to a multiple of 8. */
  private byte[] good() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a", Tensor.of(new float[] {1, 2, 3}, 3));
    tensors.put("b", Tensor.of(new float[] {4, 5}, 2));
    Path p = dir.resolve("good.safetensors");
    SafeTensors.write(p, tensors, Map.of("format", "pt"));
    return Files.readAllBytes(p);
  }

  private static byte[] withHeaderLength(byte[] bytes, long n) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
    return copy;
  }

  @Test
  void rejectsHeaderLengthOffByOneEitherWay() throws IOException {
    byte[] bytes = good();
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    SafeTensors.read(Files.write(file(), bytes));                  // the file itself is fine
    // One shorter: the header loses a padding space, so the data would start one byte early.
    assertEquals("the tensors cover 20 bytes of the data buffer but it holds 21; the header length or the offsets are "
        + "wrong, or bytes were appended", rejection(withHeaderLength(bytes, n - 1)));
    // One longer: the first data byte (0x00 of 1.0f) joins the header.
    assertTrue(rejection(withHeaderLength(bytes, n + 1)).startsWith("header is not valid JSON: "));
  }

  @Test
  void rejectsByteOrderMarkBeforeTheHeader() throws IOException {
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[json.length + 3];
    header[0] = (byte) 0xEF;
    header[1] = (byte) 0xBB;
    header[2] = (byte) 0xBF;
    System.arraycopy(json, 0, header, 3, json.length);
    assertEquals("header must start with '{', found a UTF-8 byte order mark; not a safetensors file, or the header "
        + "length is wrong", rejection(RawSafeTensors.bytes(header, new byte[0])));
  }

  @Test
  void rejectsAGapBetweenTensors() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}";
    assertEquals("tensor 'b': data_offsets [12, 20] leave bytes [8, 12) of the data buffer to no tensor; tensors must "
        + "follow each other from byte 0 (tensor 'a' ends at 8)", rejection(RawSafeTensors.bytes(header, new byte[20])));
  }

  @Test
  void rejectsDataThatDoesNotStartAtZero() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    assertEquals("tensor 'a': data_offsets [4, 12] leave bytes [0, 4) of the data buffer to no tensor; tensors must "
        + "follow each other from byte 0 (the first tensor starts at 0)",
        rejection(RawSafeTensors.bytes(header, new byte[12])));
  }

  @Test
  void rejectsTrailingBytesAfterTheLastTensor() throws IOException {
    byte[] bytes = good();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 4);
    assertEquals("the tensors cover 20 bytes of the data buffer but it holds 24; the header length or the offsets are "
        + "wrong, or bytes were appended", rejection(longer));
  }

  @Test
  void rejectsAnEmptyTensorInsideAnother() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}";
    assertEquals("tensor 'e': data_offsets [4, 4] overlap those of tensor 'a' [0, 8]",
        rejection(RawSafeTensors.bytes(header, new byte[8])));
  }

  @Test
  void readsTensorsListedOutOfOffsetOrder() throws IOException {
    String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    byte[] data = RawSafeTensors.data(8).putFloat(1).putFloat(2).array();
    SafeTensorsFile f = SafeTensors.read(RawSafeTensors.write(file(), header, data));
    assertArrayEquals(new float[] {2}, f.tensor("b").data());
    assertArrayEquals(new float[] {1}, f.tensor("a").data());
  }

  @Test
  void rejectsAHugeTensorInASparseFileBeforeAllocating() throws IOException {
    // Eight 2e9-byte U8 tensors: 16 GB of file that costs no disk (sparse), 64 GB as float32, beyond any test heap.
    long each = 2_000_000_000L;
    StringBuilder h = new StringBuilder("{");
    for (int i = 0; i < 8; i++) {
      h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"U8\",\"shape\":[").append(each)
          .append("],\"data_offsets\":[").append(i * each).append(',').append((i + 1) * each).append("]}");
    }
    byte[] header = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
      f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      f.write(header);
      f.setLength(8 + header.length + 8 * each);
    }
    IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file()));
    assertTrue(e.getMessage().startsWith(file() + ": its tensors need 59.60 GiB as float32 but the JVM has "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("is the file what it claims? (else " + MemoryBudget.RAISE_HEAP + ")"), e.getMessage());
  }

  @Test
  void headerErrorsNeverQuoteTheHeader() throws IOException {
    String message = rejection(RawSafeTensors.bytes("{\"w\": TOPSECRET_TOKEN_8c1f}", new byte[0]));
    assertFalse(message.contains("TOPSECRET"), message);
    assertEquals("header is not valid JSON: line 1, column 28: expected a JSON value (object, array, string, number, "
        + "true, false or null) (at byte 27 of the header)", message);
  }
}
