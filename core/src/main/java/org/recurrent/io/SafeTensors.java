package org.recurrent.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.recurrent.tensor.Tensor;

/**
 * Reads and writes the safetensors format of Hugging Face's {@code safetensors} library, the format
 * {@code safetensors.torch.save_file(model.state_dict(), path)} produces:
 * <pre>{@code
 * [8 bytes]  N, unsigned little-endian length of the header
 * [N bytes]  UTF-8 JSON: {"__metadata__": {"k": "v", ...},
 *                         "name": {"dtype": "F32", "shape": [4, 6], "data_offsets": [begin, end]}, ...}
 * [rest]     data buffer; offsets are relative to its start; elements row-major, little-endian
 * }</pre>
 *
 * <p>{@link #read} accepts F32, F64, F16, BF16, I64, I32, I16, I8, U8 and BOOL and converts every tensor to
 * float32 (a state dict saved in double or half precision loads directly). It trusts nothing in the file: the
 * header length, the JSON, every field's type, every shape and every byte range are checked, and each failure
 * is an {@link IOException} naming the file, the tensor and what was expected versus found. The checks are the
 * reference reader's ({@code safetensors/src/tensor.rs}, {@code read_metadata} and {@code Metadata::validate}): a
 * header of at most 100 MB that starts with '{' and is UTF-8 JSON; known dtypes; shape products computed without
 * overflow and equal to the byte ranges; ranges that, sorted, tile the data buffer from 0 to its end exactly. Beyond
 * the reference, the tensors must fit in the free heap as float32, checked before any is allocated.
 *
 * <p>{@link #write} writes F32 tensors with the header padded by spaces to a multiple of 8 bytes (as the
 * reference writer does, so the data starts aligned). It replaces the target atomically: the bytes go to a
 * temporary file in the same directory, are forced to disk, and the temporary file is renamed over the
 * target, so a reader or a crash sees either the old file or the complete new one.
 *
 * @see <a href="https://github.com/huggingface/safetensors">huggingface/safetensors</a>
 */
public final class SafeTensors {
  /** Headers beyond this are rejected before allocating, as the reference reader does. */
  static final long MAX_HEADER_BYTES = 100_000_000L;
  private static final String METADATA_KEY = "__metadata__";
  /** Tensor data moves through a buffer of this size, so any tensor size needs little extra memory. */
  private static final int CHUNK_BYTES = 1 << 20;
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private SafeTensors() {}

  /** One header entry, validated: a byte range [begin, end) of the data buffer. */
  private record Entry(String name, DType dtype, int[] shape, long begin, long end) {}

  /**
   * Reads all tensors (as float32, in header order) and the metadata of a safetensors file.
   *
   * @throws IOException when the file cannot be read or is not a well-formed safetensors file; the message
   *     names the file, the tensor and what was expected versus found
   */
  public static SafeTensorsFile read(Path path) throws IOException {
    String file = path.toString();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new IOException(file + ": file is " + size
            + " bytes, too short for the 8-byte header length; is it a safetensors file?");
      }
      long n = readFully(ch, 0, 8, file).getLong(0);
      if (Long.compareUnsigned(n, size - 8) > 0) {
        throw new IOException(file + ": header length " + Long.toUnsignedString(n) + " exceeds the "
            + (size - 8) + " bytes that follow it (file is " + size + " bytes); truncated or not a safetensors file?");
      }
      if (n > MAX_HEADER_BYTES) {
        throw new IOException(file + ": header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
      }
      ByteBuffer headerBytes = readFully(ch, 8, (int) n, file);
      JsonNode header = parseJson(headerBytes, file);
      long dataStart = 8 + n;
      long dataLength = size - dataStart;

      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : header.properties()) {
        if (field.getKey().equals(METADATA_KEY)) {
          metadata = parseMetadata(field.getValue(), file);
        } else {
          entries.add(parseEntry(field.getKey(), field.getValue(), dataLength, file));
        }
      }
      checkLayout(entries, dataLength, file);
      checkHeap(entries, file);

      Map<String, Tensor> tensors = new LinkedHashMap<>();
      ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (Entry e : entries) {
        float[] data = new float[(int) ((e.end - e.begin) / e.dtype.size)];
        int perChunk = CHUNK_BYTES / e.dtype.size;
        for (int done = 0; done < data.length; done += perChunk) {
          int count = Math.min(perChunk, data.length - done);
          chunk.clear().limit(count * e.dtype.size);
          fill(ch, chunk, dataStart + e.begin + (long) done * e.dtype.size, file);
          e.dtype.decode(chunk.flip(), data, done, count);
        }
        tensors.put(e.name, Tensor.of(data, e.shape));
      }
      return new SafeTensorsFile(tensors, metadata);
    }
  }

  /**
   * The header as the reference reader takes it: valid UTF-8 starting with '{' (so no byte order mark, no leading
   * space) and one JSON object. Messages give the position in the header, never its text.
   */
  private static JsonNode parseJson(ByteBuffer bytes, String file) throws IOException {
    byte[] text = new byte[bytes.remaining()];
    bytes.get(text);
    if (text.length > 0 && text[0] != '{') {
      boolean bom = text.length >= 3 && (text[0] & 0xff) == 0xEF && (text[1] & 0xff) == 0xBB && (text[2] & 0xff) == 0xBF;
      throw new IOException(file + ": header must start with '{', found " + (bom ? "a UTF-8 byte order mark"
          : text[0] == ' ' || text[0] == '\n' || text[0] == '\t' || text[0] == '\r' ? "white space"
          : "byte 0x" + String.format("%02x", text[0] & 0xff)) + "; not a safetensors file, or the header length is wrong");
    }
    int badUtf8 = JsonFiles.firstBadUtf8(text);
    if (badUtf8 >= 0) {
      throw new IOException(file + ": header is not valid UTF-8: byte " + badUtf8 + " of the header (0x"
          + String.format("%02x", text[badUtf8] & 0xff) + ") is not UTF-8");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException ex) {
      throw new IOException(file + ": header is not valid JSON: " + JsonFiles.problem(ex)
          + (ex.getLocation() == null ? "" : " (at byte " + ex.getLocation().getByteOffset() + " of the header)"), ex);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(file + ": header must be a JSON object, found " + describe(root));
    }
    return root;
  }

  private static Map<String, String> parseMetadata(JsonNode node, String file) throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (node.isNull()) return metadata;
    if (!node.isObject()) {
      throw new IOException(file + ": " + METADATA_KEY + " must be an object of strings, found " + describe(node));
    }
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      if (!f.getValue().isTextual()) {
        throw new IOException(file + ": " + METADATA_KEY + " entry '" + f.getKey()
            + "' must be a string, found " + describe(f.getValue()));
      }
      metadata.put(f.getKey(), f.getValue().textValue());
    }
    return metadata;
  }

  private static Entry parseEntry(String name, JsonNode node, long dataLength, String file) throws IOException {
    String where = file + ": tensor '" + name + "': ";
    if (!node.isObject()) {
      throw new IOException(where + "expected an object with dtype, shape and data_offsets, found " + describe(node));
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw new IOException(where + "\"dtype\" must be a string (one of " + DType.supportedNames() + "), found "
          + describe(dtypeNode));
    }
    DType dtype = DType.byName(dtypeNode.textValue());
    if (dtype == null) {
      throw new IOException(where + "unsupported dtype '" + dtypeNode.textValue() + "'; supported: "
          + DType.supportedNames());
    }

    long[] dims = integers(node.get("shape"), -1, where + "\"shape\"");
    int[] shape = new int[dims.length];
    long numel = 1;
    for (int d = 0; d < dims.length; d++) {
      if (dims[d] < 0) {
        throw new IOException(where + "shape " + listString(dims) + " has a negative dimension " + dims[d]);
      }
      if (dims[d] > Integer.MAX_VALUE) {
        throw new IOException(where + "shape " + listString(dims) + " has dimension " + dims[d]
            + ", beyond the int range of a tensor");
      }
      shape[d] = (int) dims[d];
      numel = numel * dims[d];
      if (numel > Integer.MAX_VALUE - 8) {
        throw new IOException(where + "shape " + listString(dims) + " has more elements than one tensor holds (at most "
            + (Integer.MAX_VALUE - 8) + ")");
      }
    }

    long[] offsets = integers(node.get("data_offsets"), 2, where + "\"data_offsets\"");
    long begin = offsets[0];
    long end = offsets[1];
    if (begin < 0 || begin > end || end > dataLength) {
      throw new IOException(where + "data_offsets " + listString(offsets) + " must satisfy 0 <= begin <= end <= "
          + dataLength + " (the data buffer size)");
    }
    long needed = numel * dtype.size;
    if (end - begin != needed) {
      throw new IOException(where + "data_offsets " + listString(offsets) + " span " + (end - begin)
          + " bytes but shape " + shapeString(shape) + " of " + dtype + " needs " + needed);
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  /** Reads a JSON array of non-fractional numbers; {@code length < 0} means any length. */
  private static long[] integers(JsonNode node, int length, String what) throws IOException {
    String expected = length < 0 ? "an array of integers" : "an array of " + length + " integers";
    if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
      throw new IOException(what + " must be " + expected + ", found " + describe(node));
    }
    long[] values = new long[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new IOException(what + " must be " + expected + ", found " + describe(node));
      }
      values[i] = v.longValue();
    }
    return values;
  }

  /**
   * The reference reader's layout rule: taken in order of their offsets, the tensors tile the data buffer from byte
   * 0 to its end with no gap and no overlap (an empty tensor sits where the previous one ends). So a header length
   * off by one, a shifted offset or trailing bytes are errors, not silently misread data.
   */
  private static void checkLayout(List<Entry> entries, long dataLength, String file) throws IOException {
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long next = 0;
    Entry prev = null;
    for (Entry e : byOffset) {
      if (e.begin < next) {
        throw new IOException(file + ": tensor '" + e.name + "': data_offsets " + listString(e.begin, e.end)
            + " overlap those of tensor '" + prev.name + "' " + listString(prev.begin, prev.end));
      }
      if (e.begin > next) {
        throw new IOException(file + ": tensor '" + e.name + "': data_offsets " + listString(e.begin, e.end)
            + " leave bytes [" + next + ", " + e.begin + ") of the data buffer to no tensor; tensors must follow each"
            + " other from byte 0 (" + (prev == null ? "the first tensor starts at 0" : "tensor '" + prev.name
            + "' ends at " + next) + ")");
      }
      next = e.end;
      prev = e;
    }
    if (next != dataLength) {
      throw new IOException(file + ": the tensors cover " + next + " bytes of the data buffer but it holds "
          + dataLength + "; the header length or the offsets are wrong, or bytes were appended");
    }
  }

  /**
   * Refuses, before allocating, tensors that cannot fit in the heap as float32: a header may declare a huge tensor
   * in a sparse file, which would otherwise end in an out-of-memory error deep in the read.
   */
  private static void checkHeap(List<Entry> entries, String file) throws IOException {
    long floats = 0;
    for (Entry e : entries) floats += (e.end - e.begin) / e.dtype.size;
    long need = floats * Float.BYTES;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (need > free && need <= rt.maxMemory()) {
      System.gc();                                  // garbage counts as used until collected: ask once, then judge
      free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
    if (need > free) {
      throw new IOException(file + ": its tensors need " + MemoryBudget.size(need) + " as float32 but the JVM has "
          + MemoryBudget.size(free) + " of its " + MemoryBudget.size(rt.maxMemory()) + " heap free; is the file what "
          + "it claims? (else " + MemoryBudget.RAISE_HEAP + ")");
    }
  }

  /**
   * Writes {@code tensors} as F32 (keys in the map's iteration order) with {@code metadata} as
   * {@code __metadata__}, atomically replacing {@code path}. On failure {@code path} is left as it was and the
   * temporary file is removed.
   *
   * @throws IllegalArgumentException for a null or reserved tensor name
   * @throws IOException when the file cannot be written; the message names the file
   */
  public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(tensors, "tensors");
    Objects.requireNonNull(metadata, "metadata");
    // Take one snapshot so the header and the data describe the same tensors in the same order.
    List<Map.Entry<String, Tensor>> entries = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      if (e.getKey() == null) throw new IllegalArgumentException("tensor names must not be null");
      if (e.getKey().equals(METADATA_KEY)) {
        throw new IllegalArgumentException("tensor name '" + METADATA_KEY + "' is reserved for the metadata map");
      }
      entries.add(Map.entry(e.getKey(), Objects.requireNonNull(e.getValue(), "tensor '" + e.getKey() + "'")));
    }
    byte[] header = header(entries, metadata);
    if (header.length > MAX_HEADER_BYTES) {
      throw new IOException(path + ": header would be " + header.length + " bytes, beyond the " + MAX_HEADER_BYTES
          + " bytes readers accept; split the tensors over several files");
    }

    Path target = path.toAbsolutePath();
    // A random name with CREATE_NEW (not Files.createTempFile) so the file gets the usual permissions
    // (umask), not owner-only, once it replaces the target.
    Path temp = target.resolveSibling("." + target.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    FileChannel channel;
    try {
      channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException ex) {
      throw new IOException(path + ": could not create the temporary file " + temp + ": " + ex, ex);
    }
    try {
      try (FileChannel ch = channel) {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        chunk.putLong(header.length);
        writeAll(ch, chunk.flip());
        writeAll(ch, ByteBuffer.wrap(header));
        int perChunk = CHUNK_BYTES / Float.BYTES;
        for (Map.Entry<String, Tensor> e : entries) {
          float[] data = e.getValue().data();
          for (int off = 0; off < data.length; off += perChunk) {
            int count = Math.min(perChunk, data.length - off);
            chunk.clear();
            chunk.asFloatBuffer().put(data, off, count);
            writeAll(ch, chunk.limit(count * Float.BYTES));
          }
        }
        // On disk before the rename, so a crash cannot leave the new name pointing at unwritten data.
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException ex) {
      IOException failure = new IOException(path + ": could not write (any previous file is unchanged): " + ex, ex);
      deleteTemp(temp, failure);
      throw failure;
    } catch (RuntimeException | Error ex) {
      deleteTemp(temp, ex);
      throw ex;
    }
  }

  /** Writes the tensors and metadata of {@code file}; see {@link #write(Path, Map, Map)}. */
  public static void write(Path path, SafeTensorsFile file) throws IOException {
    write(path, file.tensors(), file.metadata());
  }

  private static byte[] header(List<Map.Entry<String, Tensor>> entries, Map<String, String> metadata)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(METADATA_KEY);
      metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
          Objects.requireNonNull(v, "metadata value for '" + k + "'")));
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : entries) {
      Tensor t = e.getValue();
      ObjectNode entry = root.putObject(e.getKey());
      entry.put("dtype", DType.F32.name());
      var shape = entry.putArray("shape");
      for (int d : t.shape()) shape.add(d);
      long end = offset + (long) t.numel() * Float.BYTES;
      entry.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json = JSON.writeValueAsBytes(root);
    int padded = (json.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    System.arraycopy(json, 0, out, 0, json.length);
    for (int i = json.length; i < padded; i++) out[i] = ' ';
    return out;
  }

  /** Removes the temporary file after a failed write; a failure to do so is attached to {@code cause}. */
  private static void deleteTemp(Path temp, Throwable cause) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ex) {
      cause.addSuppressed(ex);
    }
  }

  private static ByteBuffer readFully(FileChannel ch, long position, int length, String file) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    fill(ch, buf, position, file);
    return buf.flip();
  }

  /** Reads from {@code position} until {@code buf} is full. */
  private static void fill(FileChannel ch, ByteBuffer buf, long position, String file) throws IOException {
    long p = position;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, p);
      if (r < 0) throw new IOException(file + ": unexpected end of file at byte " + p + " (was it truncated while reading?)");
      p += r;
    }
  }

  private static void writeAll(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) ch.write(buf);
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) return "nothing";
    String text = node.toString();
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return node.getNodeType().name().toLowerCase() + " " + shown;
  }

  private static String listString(long... values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : ", ").append(values[i]);
    return sb.append(']').toString();
  }

  private static String shapeString(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
    return sb.append(')').toString();
  }
}
