package org.recurrent.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.tensor.Tensor;

class SafeTensorsTest {
  @TempDir Path dir;

  private static Map<String, Tensor> sampleTensors() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    // Not in alphabetical order, so a writer or reader that sorts is caught.
    tensors.put("z.weight", Tensor.of(new float[] {
        1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc01234)}, 2, 3));
    tensors.put("scalar", Tensor.scalar(-7.25f));
    tensors.put("empty", Tensor.zeros(0, 4));
    tensors.put("a.bias", Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 3));
    return tensors;
  }

  private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "tensor names in order");
    expected.forEach((name, e) -> {
      Tensor a = actual.get(name);
      assertArrayEquals(e.shape(), a.shape(), name + " shape");
      for (int i = 0; i < e.numel(); i++) {
        assertEquals(Float.floatToRawIntBits(e.data()[i]), Float.floatToRawIntBits(a.data()[i]), name + "[" + i + "] bits");
      }
    });
  }

  @Test
  void roundTripKeepsValuesBitExactShapesOrderAndMetadata() throws IOException {
    Map<String, Tensor> tensors = sampleTensors();
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("version", "1");
    metadata.put("config", "{\"hidden_size\": 6}");
    metadata.put("note", "größe ✓");
    Path file = dir.resolve("model.safetensors");

    SafeTensors.write(file, tensors, metadata);
    SafeTensorsFile read = SafeTensors.read(file);

    assertSameTensors(tensors, read.tensors());
    assertEquals(List.copyOf(metadata.entrySet()), List.copyOf(read.metadata().entrySet()));
  }

  @Test
  void writtenLayoutHasPaddedHeaderAndDataRightAfterIt() throws IOException {
    Path file = dir.resolve("layout.safetensors");
    SafeTensors.write(file, sampleTensors(), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);

    assertEquals(0, n % 8, "header length is a multiple of 8");
    assertEquals(8 + n + 4L * (6 + 1 + 0 + 3), bytes.length, "file = length + header + float32 data");
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("{\"z.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}"), header);
    assertFalse(header.contains("__metadata__"), "no metadata entry when there is none: " + header);
    // The data section starts with z.weight[0] = 1.5f, little-endian.
    assertEquals(1.5f, ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
  }

  @Test
  void tensorsLargerThanTheCopyBufferRoundTrip() throws IOException {
    Random random = new Random(7);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("big", Tensor.randn(random, 1f, 3, 100_003)); // 1.2 MB, more than one 1 MiB chunk
    tensors.put("after", Tensor.randn(random, 1f, 5));
    Path file = dir.resolve("big.safetensors");
    SafeTensors.write(file, tensors, Map.of());
    assertSameTensors(tensors, SafeTensors.read(file).tensors());
  }

  @Test
  void readsOtherDtypesAsFloat32() throws IOException {
    ByteBuffer data = RawSafeTensors.data(24 + 6 + 6 + 16 + 8 + 4 + 2 + 2 + 3);
    data.putDouble(1.5).putDouble(-2.25).putDouble(1e-3);                    // F64   [0, 24)
    data.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x7BFF); // F16 1, -2, 65504 [24, 30)
    data.putShort((short) 0x3F80).putShort((short) 0xC040).putShort((short) 0x4049); // BF16 1, -3, 3.140625 [30, 36)
    data.putLong(-5).putLong(1L << 40);                                      // I64   [36, 52)
    data.putInt(-70000).putInt(123);                                         // I32   [52, 60)
    data.putShort((short) -300).putShort((short) 301);                       // I16   [60, 64)
    data.put((byte) -128).put((byte) 127);                                   // I8    [64, 66)
    data.put((byte) 0xff).put((byte) 0);                                     // U8    [66, 68)
    data.put((byte) 0).put((byte) 1).put((byte) 2);                          // BOOL  [68, 71)
    String header = """
        {"f64":{"dtype":"F64","shape":[3],"data_offsets":[0,24]},
         "f16":{"dtype":"F16","shape":[3],"data_offsets":[24,30]},
         "bf16":{"dtype":"BF16","shape":[1,3],"data_offsets":[30,36]},
         "i64":{"dtype":"I64","shape":[2],"data_offsets":[36,52]},
         "i32":{"dtype":"I32","shape":[2],"data_offsets":[52,60]},
         "i16":{"dtype":"I16","shape":[2],"data_offsets":[60,64]},
         "i8":{"dtype":"I8","shape":[2],"data_offsets":[64,66]},
         "u8":{"dtype":"U8","shape":[2],"data_offsets":[66,68]},
         "bool":{"dtype":"BOOL","shape":[3],"data_offsets":[68,71]}}""";
    Path file = RawSafeTensors.write(dir.resolve("dtypes.safetensors"), header, data.array());

    Map<String, Tensor> t = SafeTensors.read(file).tensors();

    assertArrayEquals(new float[] {1.5f, -2.25f, (float) 1e-3}, t.get("f64").data());
    assertArrayEquals(new float[] {1f, -2f, 65504f}, t.get("f16").data());
    assertArrayEquals(new float[] {1f, -3f, 3.140625f}, t.get("bf16").data());
    assertArrayEquals(new int[] {1, 3}, t.get("bf16").shape());
    assertArrayEquals(new float[] {-5f, 1099511627776f}, t.get("i64").data());
    assertArrayEquals(new float[] {-70000f, 123f}, t.get("i32").data());
    assertArrayEquals(new float[] {-300f, 301f}, t.get("i16").data());
    assertArrayEquals(new float[] {-128f, 127f}, t.get("i8").data());
    assertArrayEquals(new float[] {255f, 0f}, t.get("u8").data());
    assertArrayEquals(new float[] {0f, 1f, 1f}, t.get("bool").data());
    assertEquals(List.of("f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8", "bool"), List.copyOf(t.keySet()));
  }

  @Test
  void writeReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("model.safetensors");
    SafeTensors.write(file, Map.of("w", Tensor.full(1f, 2)), Map.of("step", "1"));
    SafeTensors.write(file, Map.of("w", Tensor.full(2f, 3)), Map.of("step", "2"));
    SafeTensorsFile read = SafeTensors.read(file);
    assertArrayEquals(new float[] {2f, 2f, 2f}, read.tensor("w").data());
    assertEquals(Map.of("step", "2"), read.metadata());
    assertEquals(List.of(file), listDir(), "only the target remains in the directory");
  }

  @Test
  void failedMoveOntoADirectoryLeavesItIntactAndRemovesTheTempFile() throws IOException {
    Path target = Files.createDirectory(dir.resolve("model.safetensors"));
    Path inside = Files.writeString(target.resolve("keep.txt"), "old");

    IOException e = assertThrows(IOException.class,
        () -> SafeTensors.write(target, Map.of("w", Tensor.ones(4)), Map.of()));

    assertTrue(e.getMessage().startsWith(target + ": could not write (any previous file is unchanged)"), e.getMessage());
    assertEquals("old", Files.readString(inside));
    assertEquals(List.of(target), listDir(), "no temp file left behind");
  }

  @Test
  void failingTensorMapLeavesTheOldFileUntouched() throws IOException {
    Path file = dir.resolve("model.safetensors");
    SafeTensors.write(file, sampleTensors(), Map.of("v", "old"));
    byte[] before = Files.readAllBytes(file);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SafeTensors.write(file, mapFailingAfterFirstEntry(), Map.of("v", "new")));

    assertEquals("tensor source failed", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), listDir(), "no temp file left behind");
  }

  @Test
  void writeIntoAMissingDirectoryFailsNamingTheFile() {
    Path file = dir.resolve("no-such-dir").resolve("model.safetensors");
    IOException e = assertThrows(IOException.class, () -> SafeTensors.write(file, Map.of("w", Tensor.ones(1)), Map.of()));
    assertTrue(e.getMessage().startsWith(file + ": could not create the temporary file "), e.getMessage());
  }

  @Test
  void rejectsTheReservedMetadataNameAsATensorName() {
    Path file = dir.resolve("bad.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.write(file, Map.of("__metadata__", Tensor.ones(1)), Map.of()));
    assertEquals("tensor name '__metadata__' is reserved for the metadata map", e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void missingTensorLookupListsTheNamesPresent() throws IOException {
    Path file = dir.resolve("m.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a", Tensor.ones(1));
    tensors.put("b", Tensor.ones(2));
    SafeTensors.write(file, tensors, Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(file).tensor("c"));
    assertEquals("no tensor named 'c'; the file holds [a, b]", e.getMessage());
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  /** A map whose iteration fails part way, like a concurrently modified or lazily computed source. */
  private static Map<String, Tensor> mapFailingAfterFirstEntry() {
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, Tensor>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, Tensor>> iterator() {
            return new Iterator<>() {
              int served;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Entry<String, Tensor> next() {
                if (served++ == 0) return Map.entry("first", Tensor.ones(2));
                throw new IllegalStateException("tensor source failed");
              }
            };
          }

          @Override
          public int size() {
            return 2;
          }
        };
      }
    };
  }
}
