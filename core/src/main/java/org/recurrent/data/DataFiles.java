package org.recurrent.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.GZIPInputStream;

/**
 * Opens a data file as UTF-8 text, the one way every reader in this package does it: {@code *.gz} files are
 * gunzipped on the fly (datasets are usually shipped compressed), a leading UTF-8 byte-order mark (written by
 * Excel and some Windows tools) is dropped so it does not end up in the first column name.
 *
 * <p>Bytes that are not UTF-8 become U+FFFD replacement characters rather than an exception: the decoder works
 * ahead of the reader, so an exception would point at the wrong line. The readers in this package reject a line
 * holding U+FFFD with its line number instead ({@link NumberedLines}, {@link #readString}).
 *
 * <p>A data path can be anything a user points at, so before a byte is read the path must be a regular file: a
 * folder, a FIFO (which would block forever waiting for a writer) or a device such as {@code /dev/zero} (endless
 * input) is refused, naming the path. A gzip file of several concatenated members ({@code cat a.gz b.gz}, what
 * {@code gzip} itself reads as one stream) is read whole. Reads are bounded: {@link NumberedLines} caps a line
 * at {@value #MAX_LINE_CHARS} characters and {@link #readString} a whole file at what the heap can hold.
 */
public final class DataFiles {

  private static final int BUFFER = 1 << 16;
  private static final char BOM = '\uFEFF';
  private static final char REPLACEMENT = '\uFFFD';
  /** The longest line (one CSV record, one JSON Lines record, one text) any reader accepts: 16 Mi characters. */
  public static final int MAX_LINE_CHARS = 1 << 24;

  private DataFiles() {}

  /** A reader positioned after the byte-order mark, if any. The caller closes it. */
  public static BufferedReader open(Path file) throws IOException {
    requireRegularFile(file);
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      // NoSuchFileException's message is the bare path; say what is wrong.
      FileNotFoundException missing = new FileNotFoundException("file not found: " + file);
      missing.initCause(e);
      throw missing;
    }
    try {
      in = new BufferedInputStream(in, BUFFER);
      if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
        in = gunzip(file, in);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
      reader.mark(1);
      if (reader.read() != BOM) reader.reset();
      return reader;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The whole file as one string, line breaks kept as they are (for corpora read as a single stream). Bytes that are
   * not UTF-8 are an error at their line, as in the line-by-line readers.
   */
  public static String readString(Path file) throws IOException {
    long limit = maxStringChars();
    StringBuilder text = new StringBuilder();
    try (BufferedReader in = open(file)) {
      char[] buffer = new char[BUFFER];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (text.length() + (long) n > limit) {
          throw new IOException(file + ": more than " + limit + " characters, more than this heap ("
              + org.recurrent.io.MemoryBudget.size(Runtime.getRuntime().maxMemory()) + ") can hold as one text. HINT: use a smaller "
              + "file, or " + org.recurrent.io.MemoryBudget.RAISE_HEAP);
        }
        text.append(buffer, 0, n);
      }
    }
    String s = text.toString();
    int bad = s.indexOf(REPLACEMENT);
    if (bad >= 0) throw notUtf8(file, 1 + s.substring(0, bad).chars().filter(c -> c == '\n').count());
    return s;
  }

  /**
   * A small text file read whole and strictly, for configs and side files: a regular file of at most
   * {@code maxBytes} bytes of UTF-8, without its byte-order mark. Bytes that are not UTF-8 are an error naming the
   * file, the line and the byte offset ({@code config.json:3: expected UTF-8 text, found a byte that is not UTF-8
   * (0xff) at byte 41}), never Java's bare "Input length = 1".
   */
  public static String readUtf8(Path file, int maxBytes) throws IOException {
    requireRegularFile(file);
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IOException(file + ": " + size + " bytes is too large (at most " + maxBytes + "); is it the right file?");
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      long line = 1;
      for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
      throw new IOException(file + ":" + line + ": expected UTF-8 text, found a byte that is not UTF-8 (0x"
          + String.format("%02x", bytes[at] & 0xff) + ") at byte " + at + "; save the file as UTF-8");
    }
    out.flip();
    String text = out.toString();
    return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
  }

  /**
   * Refuses anything but a regular file (following symbolic links) before it is opened: opening a FIFO blocks,
   * reading a device never ends, and a folder is not data.
   */
  public static void requireRegularFile(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      FileNotFoundException missing = new FileNotFoundException("file not found: " + file);
      missing.initCause(e);
      throw missing;
    }
    if (attributes.isDirectory()) throw new IOException(file + ": is a folder, not a data file");
    if (!attributes.isRegularFile()) {
      throw new IOException(file + ": not a regular file (a FIFO, a device or a socket); give the path of a data file");
    }
  }

  /** The most characters {@link #readString} keeps: a String and its builder take up to 6 bytes a character. */
  static long maxStringChars() {
    return Math.min(Integer.MAX_VALUE - 16L, Runtime.getRuntime().maxMemory() / 8);
  }

  /** Whether {@code line} holds U+FFFD, i.e. {@link #open} met bytes that are not UTF-8 in it. */
  static boolean isNotUtf8(String line) {
    return line.indexOf(REPLACEMENT) >= 0;
  }

  static DataFormatException notUtf8(Path file, long line) {
    return DataFormatException.at(file, line, "UTF-8 text", "bytes that are not UTF-8 (save the file as UTF-8)");
  }

  /**
   * GZIPInputStream reads the member after a trailer only if its source says more bytes are {@code available()}
   * (or its inflater still holds some); a plain stream may say 0 at a buffer boundary, and the rest of a
   * multi-member file is then silently dropped. This source answers "is there more?" by peeking one byte.
   */
  private static final class MembersVisible extends PushbackInputStream {
    MembersVisible(InputStream in) {
      super(in, 1);
    }

    @Override
    public int available() throws IOException {
      int n = super.available();
      if (n > 0) return n;
      int b = read();
      if (b < 0) return 0;
      unread(b);
      return 1;
    }
  }

  private static InputStream gunzip(Path file, InputStream in) throws IOException {
    try {
      return new GZIPInputStream(new MembersVisible(in), BUFFER);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read as gzip (" + e.getMessage() + "); is it really compressed?", e);
    }
  }
}
