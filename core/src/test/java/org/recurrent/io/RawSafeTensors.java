package org.recurrent.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte, so tests can write what no correct writer would. */
final class RawSafeTensors {
  private RawSafeTensors() {}

  /** 8-byte little-endian header length, the header text as UTF-8, then {@code data}. */
  static byte[] bytes(String header, byte[] data) {
    return bytes(header.getBytes(StandardCharsets.UTF_8), data);
  }

  static byte[] bytes(byte[] header, byte[] data) {
    return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(header.length).put(header).put(data).array();
  }

  static Path write(Path path, String header, byte[] data) throws IOException {
    return Files.write(path, bytes(header, data));
  }

  /** A little-endian buffer of {@code n} bytes for building data sections. */
  static ByteBuffer data(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
