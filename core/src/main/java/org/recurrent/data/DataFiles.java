package org.recurrent.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a data file as UTF-8 text, the one way every reader in this package does it: {@code *.gz} files are
 * gunzipped on the fly (datasets are usually shipped compressed), a leading UTF-8 byte-order mark (written by
 * Excel and some Windows tools) is dropped so it does not end up in the first column name.
 *
 * <p>Bytes that are not UTF-8 become U+FFFD replacement characters rather than an exception: the decoder works
 * ahead of the reader, so an exception would point at the wrong line. The readers in this package reject a line
 * holding U+FFFD with its line number instead ({@link NumberedLines}, {@link #readString}).
 */
public final class DataFiles {

  private static final int BUFFER = 1 << 16;
  private static final char BOM = '\uFEFF';
  private static final char REPLACEMENT = '\uFFFD';

  private DataFiles() {}

  /** A reader positioned after the byte-order mark, if any. The caller closes it. */
  public static BufferedReader open(Path file) throws IOException {
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
    StringWriter text = new StringWriter();
    try (BufferedReader in = open(file)) {
      in.transferTo(text);
    }
    String s = text.toString();
    int bad = s.indexOf(REPLACEMENT);
    if (bad >= 0) throw notUtf8(file, 1 + s.substring(0, bad).chars().filter(c -> c == '\n').count());
    return s;
  }

  /** Whether {@code line} holds U+FFFD, i.e. {@link #open} met bytes that are not UTF-8 in it. */
  static boolean isNotUtf8(String line) {
    return line.indexOf(REPLACEMENT) >= 0;
  }

  static DataFormatException notUtf8(Path file, long line) {
    return DataFormatException.at(file, line, "UTF-8 text", "bytes that are not UTF-8 (save the file as UTF-8)");
  }

  private static InputStream gunzip(Path file, InputStream in) throws IOException {
    try {
      return new GZIPInputStream(in, BUFFER);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read as gzip (" + e.getMessage() + "); is it really compressed?", e);
    }
  }
}
