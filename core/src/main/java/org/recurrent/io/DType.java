package org.recurrent.io;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The safetensors element types this library reads, with their byte sizes and how each becomes float32.
 * Integer types convert by value (so I64 beyond 2^24 rounds, as {@code tensor.float()} does in PyTorch) and
 * BOOL reads as 0 or 1.
 */
enum DType {
  F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

  /** Bytes per element. */
  final int size;

  DType(int size) {
    this.size = size;
  }

  /** The dtype with this safetensors name, or null when it is not one we read. */
  static DType byName(String name) {
    for (DType d : values()) {
      if (d.name().equals(name)) return d;
    }
    return null;
  }

  static String supportedNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /**
   * Converts {@code n} elements starting at {@code src.position()} (a little-endian buffer holding at least
   * {@code n * size} bytes) into {@code dst[off .. off + n)}. Does not move {@code src}'s position.
   */
  void decode(ByteBuffer src, float[] dst, int off, int n) {
    int p = src.position();
    switch (this) {
      // One bulk copy: on little-endian hardware this is a plain memory copy.
      case F32 -> src.asFloatBuffer().get(dst, off, n);
      case F64 -> {
        DoubleBuffer d = src.asDoubleBuffer();
        for (int i = 0; i < n; i++) dst[off + i] = (float) d.get(i);
      }
      case F16 -> {
        for (int i = 0; i < n; i++) dst[off + i] = Float.float16ToFloat(src.getShort(p + 2 * i));
      }
      // bfloat16 is the upper half of a float32's bits.
      case BF16 -> {
        for (int i = 0; i < n; i++) dst[off + i] = Float.intBitsToFloat((src.getShort(p + 2 * i) & 0xffff) << 16);
      }
      case I64 -> {
        for (int i = 0; i < n; i++) dst[off + i] = (float) src.getLong(p + 8 * i);
      }
      case I32 -> {
        for (int i = 0; i < n; i++) dst[off + i] = (float) src.getInt(p + 4 * i);
      }
      case I16 -> {
        for (int i = 0; i < n; i++) dst[off + i] = src.getShort(p + 2 * i);
      }
      case I8 -> {
        for (int i = 0; i < n; i++) dst[off + i] = src.get(p + i);
      }
      case U8 -> {
        for (int i = 0; i < n; i++) dst[off + i] = src.get(p + i) & 0xff;
      }
      case BOOL -> {
        for (int i = 0; i < n; i++) dst[off + i] = src.get(p + i) != 0 ? 1f : 0f;
      }
    }
  }
}
