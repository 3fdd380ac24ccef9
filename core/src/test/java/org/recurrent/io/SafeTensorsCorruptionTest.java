package org.recurrent.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.tensor.Tensor;

/** {@link SafeTensors#read} on files that are damaged or hostile: each must fail with a precise message. */
class SafeTensorsCorruptionTest {
  @TempDir Path dir;

  private static final byte[] DATA_96 = new byte[96]; // room for a (4, 6) F32 tensor

  private Path file() {
    return dir.resolve("model.safetensors");
  }

  /** Reads {@code bytes} as a file and returns the failure message after the "path: " prefix. */
  private String rejection(byte[] bytes) throws IOException {
    Files.write(file(), bytes);
    IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file()));
    String prefix = file() + ": ";
    assertTrue(e.getMessage().startsWith(prefix), "message names the file: " + e.getMessage());
    return e.getMessage().substring(prefix.length());
  }

  private String rejection(String header, byte[] data) throws IOException {
    return rejection(RawSafeTensors.bytes(header, data));
  }

  private static String weight(String dtype, String shape, String offsets) {
    return "{\"weight_ih_l0\":{\"dtype\":" + dtype + ",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
  }

  @Test
  void rejectsFileShorterThanTheLengthPrefix() throws IOException {
    assertEquals("file is 5 bytes, too short for the 8-byte header length; is it a safetensors file?",
        rejection(new byte[5]));
  }

  @Test
  void rejectsHeaderLengthLargerThanTheFile() throws IOException {
    byte[] bytes = RawSafeTensors.bytes("{}", new byte[10]);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
    assertEquals("header length 1000 exceeds the 12 bytes that follow it (file is 20 bytes); "
        + "truncated or not a safetensors file?", rejection(bytes));
  }

  @Test
  void rejectsHeaderLengthWithTheTopBitSetAsUnsigned() throws IOException {
    byte[] bytes = RawSafeTensors.bytes("{}", new byte[0]);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
    assertTrue(rejection(bytes).startsWith("header length 18446744073709551615 exceeds the 2 bytes"));
  }

  @Test
  void rejectsHeaderBeyondTheSizeLimitBeforeReadingIt() throws IOException {
    long n = SafeTensors.MAX_HEADER_BYTES + 1;
    try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
      f.setLength(8 + n); // sparse on most file systems: costs no disk space
      f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array());
    }
    IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file()));
    assertEquals(file() + ": header length 100000001 exceeds the limit of 100000000 bytes", e.getMessage());
  }

  @Test
  void rejectsGarbageJson() throws IOException {
    assertTrue(rejection("{\"w\": {\"dtype\": ", new byte[0]).startsWith("header is not valid JSON: "));
    assertTrue(rejection("{not json at all}", new byte[0]).startsWith("header is not valid JSON: "));
  }

  @Test
  void rejectsTrailingContentDuplicateKeysAndBadUtf8() throws IOException {
    assertTrue(rejection("{} {}", new byte[0]).startsWith("header is not valid JSON: "));
    assertEquals("header is not valid JSON: line 1, column 12: a key appears twice in one object (at byte 11 of the header)",
        rejection("{\"a\":{},\"a\":{}}", new byte[0]));
    byte[] badUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    assertEquals("header is not valid UTF-8: byte 2 of the header (0xc3) is not UTF-8",
        rejection(RawSafeTensors.bytes(badUtf8, new byte[0])));
  }

  @Test
  void rejectsHeaderThatIsNotAnObject() throws IOException {
    assertEquals("header must start with '{', found byte 0x5b; not a safetensors file, or the header length is wrong",
        rejection("[1,2]", new byte[0]));
    assertEquals("header must start with '{', found white space; not a safetensors file, or the header length is wrong",
        rejection("   ", new byte[0]));
    assertEquals("header must be a JSON object, found nothing", rejection("", new byte[0]));
  }

  @Test
  void rejectsEntryThatIsNotAnObject() throws IOException {
    assertEquals("tensor 'w': expected an object with dtype, shape and data_offsets, found number 3",
        rejection("{\"w\":3}", new byte[0]));
  }

  @Test
  void rejectsMissingOrNonStringDtype() throws IOException {
    assertEquals("tensor 'w': \"dtype\" must be a string (one of F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL), "
        + "found nothing", rejection("{\"w\":{\"shape\":[],\"data_offsets\":[0,4]}}", new byte[4]));
    assertTrue(rejection(weight("32", "[4,6]", "[0,96]"), DATA_96).startsWith("tensor 'weight_ih_l0': \"dtype\" must be "
        + "a string (one of F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL), found number 32"));
  }

  @Test
  void rejectsUnknownDtypeByName() throws IOException {
    assertEquals("tensor 'weight_ih_l0': unsupported dtype 'F8_E4M3'; supported: "
        + "F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL", rejection(weight("\"F8_E4M3\"", "[4,6]", "[0,96]"), DATA_96));
  }

  @Test
  void rejectsMalformedShape() throws IOException {
    assertEquals("tensor 'weight_ih_l0': \"shape\" must be an array of integers, found string \"4x6\"",
        rejection(weight("\"F32\"", "\"4x6\"", "[0,96]"), DATA_96));
    assertEquals("tensor 'weight_ih_l0': \"shape\" must be an array of integers, found array [4,6.5]",
        rejection(weight("\"F32\"", "[4,6.5]", "[0,96]"), DATA_96));
    assertEquals("tensor 'weight_ih_l0': \"shape\" must be an array of integers, found nothing",
        rejection("{\"weight_ih_l0\":{\"dtype\":\"F32\",\"data_offsets\":[0,96]}}", DATA_96));
  }

  @Test
  void rejectsNegativeDimension() throws IOException {
    assertEquals("tensor 'weight_ih_l0': shape [4, -6] has a negative dimension -6",
        rejection(weight("\"F32\"", "[4,-6]", "[0,96]"), DATA_96));
  }

  @Test
  void rejectsShapesTooLargeForOneTensor() throws IOException {
    assertEquals("tensor 'weight_ih_l0': shape [100000, 100000] has more elements than one tensor holds "
        + "(at most 2147483639)", rejection(weight("\"F32\"", "[100000,100000]", "[0,96]"), DATA_96));
    assertEquals("tensor 'weight_ih_l0': shape [4294967296] has dimension 4294967296, beyond the int range of a tensor",
        rejection(weight("\"F32\"", "[4294967296]", "[0,96]"), DATA_96));
  }

  @Test
  void rejectsMalformedOffsets() throws IOException {
    assertEquals("tensor 'weight_ih_l0': \"data_offsets\" must be an array of 2 integers, found array [0]",
        rejection(weight("\"F32\"", "[4,6]", "[0]"), DATA_96));
    assertEquals("tensor 'weight_ih_l0': \"data_offsets\" must be an array of 2 integers, found array [0,\"96\"]",
        rejection(weight("\"F32\"", "[4,6]", "[0,\"96\"]"), DATA_96));
  }

  @Test
  void rejectsOffsetsOutsideTheDataBuffer() throws IOException {
    assertEquals("tensor 'weight_ih_l0': data_offsets [0, 96] must satisfy 0 <= begin <= end <= 95 (the data buffer size)",
        rejection(weight("\"F32\"", "[4,6]", "[0,96]"), new byte[95]));
    assertEquals("tensor 'weight_ih_l0': data_offsets [96, 0] must satisfy 0 <= begin <= end <= 96 (the data buffer size)",
        rejection(weight("\"F32\"", "[4,6]", "[96,0]"), DATA_96));
    assertEquals("tensor 'weight_ih_l0': data_offsets [-4, 92] must satisfy 0 <= begin <= end <= 96 (the data buffer size)",
        rejection(weight("\"F32\"", "[4,6]", "[-4,92]"), DATA_96));
  }

  @Test
  void rejectsTruncatedData() throws IOException {
    Path good = dir.resolve("good.safetensors");
    SafeTensors.write(good, java.util.Map.of("weight_ih_l0", Tensor.ones(4, 6)), java.util.Map.of());
    byte[] bytes = Files.readAllBytes(good);
    String message = rejection(Arrays.copyOf(bytes, bytes.length - 1));
    assertEquals("tensor 'weight_ih_l0': data_offsets [0, 96] must satisfy 0 <= begin <= end <= 95 (the data buffer size)",
        message);
  }

  @Test
  void rejectsByteCountThatDoesNotMatchTheShape() throws IOException {
    assertEquals("tensor 'weight_ih_l0': data_offsets [0, 96] span 96 bytes but shape (4, 5) of F32 needs 80",
        rejection(weight("\"F32\"", "[4,5]", "[0,96]"), DATA_96));
    assertEquals("tensor 'weight_ih_l0': data_offsets [0, 96] span 96 bytes but shape (4, 6) of F64 needs 192",
        rejection(weight("\"F64\"", "[4,6]", "[0,96]"), DATA_96));
  }

  @Test
  void rejectsOverlappingTensors() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[0,40]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[36,76]}}";
    assertEquals("tensor 'b': data_offsets [36, 76] overlap those of tensor 'a' [0, 40]", rejection(header, DATA_96));
  }

  @Test
  void acceptsEmptyTensorsBetweenOthersAndAnEmptyHeader() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[8,8]}}";
    SafeTensorsFile read = SafeTensors.read(RawSafeTensors.write(file(), header, new byte[8]));
    assertEquals(List.of("a", "e"), List.copyOf(read.tensors().keySet()));
    assertArrayEquals(new int[] {0, 3}, read.tensor("e").shape());

    SafeTensorsFile empty = SafeTensors.read(RawSafeTensors.write(file(), "{}", new byte[0]));
    assertTrue(empty.tensors().isEmpty() && empty.metadata().isEmpty());
  }

  @Test
  void rejectsNonStringMetadata() throws IOException {
    assertEquals("__metadata__ entry 'epoch' must be a string, found number 3",
        rejection("{\"__metadata__\":{\"format\":\"pt\",\"epoch\":3}}", new byte[0]));
    assertEquals("__metadata__ must be an object of strings, found array [\"pt\"]",
        rejection("{\"__metadata__\":[\"pt\"]}", new byte[0]));
  }
}
