package org.recurrent.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.recurrent.io.SafeTensors;
import org.recurrent.io.SafeTensorsFile;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tensor.Tensor;
import org.recurrent.train.Checkpoint;
import org.recurrent.train.TrainerState;

/**
 * The binary readers of issue 15 as properties, with the oracle of {@link ReadersFuzzTest}: a safetensors file
 * (a model's weights) and a checkpoint, generated valid and then broken (truncated, a byte flipped, inserted or
 * appended, the 8-byte header length changed, a digit of the header changed) read either as a clean one-line error
 * naming the file, or as a well-formed file (a flipped byte can leave one: a tensor renamed, a data value changed,
 * which no format without a checksum can see; loading a model then checks names, shapes and finiteness); never a
 * hang, an OutOfMemoryError or another exception. A change of length (truncated, inserted, appended) must always be
 * refused, and the undamaged file reads back exactly.
 */
class BinaryFilesFuzzTest {

  enum Damage { NONE, TRUNCATE, FLIP_BYTE, INSERT_BYTE, APPEND_BYTES, HEADER_LENGTH, HEADER_DIGIT }

  record Broken(Damage damage, int where, int value) {}

  @Provide
  Arbitrary<Broken> damage() {
    return Combinators.combine(Arbitraries.of(Damage.class), Arbitraries.integers().between(0, 1_000_000),
        Arbitraries.integers().between(0, Integer.MAX_VALUE)).as(Broken::new);
  }

  @Provide
  Arbitrary<Map<String, Tensor>> tensors() {
    Arbitrary<Tensor> tensor = Arbitraries.integers().between(1, 4).flatMap(rows -> Arbitraries.integers().between(1, 5)
        .flatMap(cols -> Arbitraries.floats().between(-100, 100).array(float[].class).ofSize(rows * cols)
            .map(v -> Tensor.of(v, rows, cols))));
    return Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6), tensor)
        .ofMinSize(1).ofMaxSize(4).map(LinkedHashMap::new);
  }

  static byte[] apply(byte[] bytes, Broken b) {
    int at = bytes.length == 0 ? 0 : b.where() % bytes.length;
    switch (b.damage()) {
      case NONE -> { return bytes; }
      case TRUNCATE -> { return java.util.Arrays.copyOf(bytes, at); }
      case FLIP_BYTE -> {
        byte[] c = bytes.clone();
        c[at] ^= (byte) (1 + b.value() % 255);
        return c;
      }
      case INSERT_BYTE -> {
        byte[] c = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, c, 0, at);
        c[at] = (byte) b.value();
        System.arraycopy(bytes, at, c, at + 1, bytes.length - at);
        return c;
      }
      case APPEND_BYTES -> {
        byte[] c = java.util.Arrays.copyOf(bytes, bytes.length + 1 + b.value() % 64);
        return c;
      }
      case HEADER_LENGTH -> {
        byte[] c = bytes.clone();
        long n = b.value() % 3 == 0 ? b.value() : b.value() % 2 == 0 ? Long.MAX_VALUE - b.value() : -b.value();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
        return c;
      }
      case HEADER_DIGIT -> {
        long len = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] c = bytes.clone();
        for (int k = 0; k < len; k++) {
          int i = 8 + (int) ((b.where() + k) % len);
          if (c[i] >= '0' && c[i] <= '9') {
            c[i] = (byte) ('0' + (c[i] - '0' + 1 + b.value() % 9) % 10);
            break;
          }
        }
        return c;
      }
    }
    throw new IllegalStateException();
  }

  private static boolean changesLength(Damage d) {
    return d == Damage.TRUNCATE || d == Damage.INSERT_BYTE || d == Damage.APPEND_BYTES;
  }

  @Property(tries = ReadersFuzzTest.TRIES, seed = ReadersFuzzTest.SEED)
  void safetensors(@ForAll("tensors") Map<String, Tensor> tensors, @ForAll("damage") Broken b) throws Exception {
    Path clean = ReadersFuzzTest.write("w.safetensors", new byte[0]);
    SafeTensors.write(clean, tensors, Map.of("format", "pt"));
    byte[] bytes = Files.readAllBytes(clean);
    Files.deleteIfExists(clean);
    Path f = ReadersFuzzTest.write("w.safetensors", apply(bytes, b));
    SafeTensorsFile read = ReadersFuzzTest.readOrCleanError(f, () -> SafeTensors.read(f));
    if (changesLength(b.damage())) assertNull(read, b + ": a file of another length must be refused");
    if (b.damage() == Damage.NONE) assertNotNull(read, "the valid file reads");
    if (read == null || b.damage() != Damage.NONE) return;
    assertEquals(tensors.keySet(), read.tensors().keySet());
    for (var e : tensors.entrySet()) {
      Tensor back = read.tensors().get(e.getKey());
      assertArrayEquals(e.getValue().shape(), back.shape());
      assertArrayEquals(e.getValue().data(), back.data());
    }
  }

  @Property(tries = ReadersFuzzTest.TRIES / 4, seed = ReadersFuzzTest.SEED)
  void checkpoint(@ForAll("tensors") Map<String, Tensor> tensors, @ForAll("damage") Broken b) throws Exception {
    Path clean = ReadersFuzzTest.write("last.safetensors", new byte[0]);
    TrainerState state = new TrainerState(2, 3, 40, 0.5, 1, 1, 2.5, 10, 160, 0.75);
    new Checkpoint(tensors, Map.of(), new RecurrentOutput(null, Tensor.of(new float[] {1, 2}, 1, 1, 2), null), state,
        Map.of("base_lr", 0.01)).write(clean);
    byte[] bytes = Files.readAllBytes(clean);
    Files.deleteIfExists(clean);
    Path f = ReadersFuzzTest.write("last.safetensors", apply(bytes, b));
    Checkpoint read = ReadersFuzzTest.readOrCleanError(f, () -> Checkpoint.read(f));
    if (changesLength(b.damage())) assertNull(read, b + ": a checkpoint of another length must be refused");
    if (b.damage() == Damage.NONE) {
      assertNotNull(read, "the valid checkpoint reads");
      assertEquals(state, read.state());
      assertEquals(tensors.keySet(), read.model().keySet());
    }
  }
}
