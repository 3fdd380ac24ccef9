package org.recurrent.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small JSON files of a model directory ({@code config.json}, {@code vocab.json}, scalers,
 * {@code metrics.json}, ...) as files from an untrusted source: the file must be a regular file of at most
 * {@value #MAX_BYTES} bytes, valid UTF-8 and one JSON value. A failure names the file, the line and column and what
 * was expected, and never quotes the file's content: Jackson's own messages do ({@code Unrecognized token
 * 'TOPSECRET...'}), so a file pointed at by mistake or by a hostile model directory cannot leak through an error.
 */
public final class JsonFiles {
  /** A side file or config beyond this is refused before it is read: these files are kilobytes. */
  public static final long MAX_BYTES = 64L << 20;

  private JsonFiles() {}

  /**
   * Reads {@code file} as one JSON value with {@code mapper}.
   *
   * @throws NoSuchFileException when it does not exist
   * @throws IOException when it is not a regular file, too large, not UTF-8 or not JSON; the message starts with
   *     the file's name
   */
  public static JsonNode read(Path file, ObjectMapper mapper) throws IOException {
    return parse(bytes(file), mapper, file.toString());
  }

  /** The bytes of a regular file of at most {@value #MAX_BYTES} bytes, read without trusting its reported size. */
  public static byte[] bytes(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(file.toString());
    if (!Files.isRegularFile(file)) throw new IOException(file + ": not a regular file");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(file + ": larger than the " + MAX_BYTES + " bytes a JSON file of a model may have");
      }
      return bytes;
    }
  }

  /**
   * Parses {@code bytes} (UTF-8, an optional byte order mark) as one JSON value, a key twice in an object or anything
   * after the value being errors; {@code name} starts any message.
   */
  public static JsonNode parse(byte[] bytes, ObjectMapper mapper, String name) throws IOException {
    int bad = firstBadUtf8(bytes);
    if (bad >= 0) {                                   // the wording of DataFiles.readUtf8, for every text file
      throw new IOException(name + ":" + lineOf(bytes, bad) + ": expected UTF-8 text, found a byte that is not UTF-8 (0x"
          + String.format("%02x", bytes[bad] & 0xff) + ") at byte " + bad + "; save the file as UTF-8");
    }
    try {
      JsonNode root = mapper.reader().withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
      if (root == null || root.isMissingNode()) throw new IOException(name + ": empty; expected a JSON value");
      return root;
    } catch (JacksonException e) {
      throw new IOException(name + ": not valid JSON: " + problem(e));
    }
  }

  /**
   * Where and what a Jackson failure is, without the content of the input: {@code line 3, column 7: expected
   * double-quote to start field name}; for a mapping failure the field's path and the expected type.
   */
  public static String problem(JacksonException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field " + path(u) + (u.getKnownPropertyIds() == null ? ""
          : "; expected one of " + u.getKnownPropertyIds());
    }
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      Class<?> type = m.getTargetType();
      return "field " + path(m) + ": expected " + (type == null ? "another kind of value" : typeName(type));
    }
    if (e instanceof DatabindException d && d instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
      return "field " + path(jm) + ": not a valid value";
    }
    return at(e.getLocation()) + expectation(e.getOriginalMessage());
  }

  /** What a Jackson parser message says was expected, with anything it quotes from the input left out. */
  static String expectation(String original) {
    if (original == null) return "malformed JSON";
    if (original.startsWith("Unexpected end-of-input")) {
      return "the file ends too early" + (original.contains("close marker for Object") ? "; expected '}' to close an object"
          : original.contains("close marker for Array") ? "; expected ']' to close an array"
          : original.contains("String value") ? "; expected '\"' to close a string" : "");
    }
    if (original.startsWith("Duplicate field")) return "a key appears twice in one object";
    if (original.contains("Trailing token")) return "expected the end of the file after the first JSON value";
    if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF-32")) return "not valid UTF-8";
    if (original.contains("Illegal unquoted character")) return "a control character in a string must be escaped";
    if (original.contains("Non-standard token") || original.contains("Non-standard")) {
      return "expected a JSON number (NaN and Infinity are not JSON)";
    }
    String clause = null;
    int i = original.indexOf("was expecting ");
    if (i >= 0) clause = original.substring(i + "was expecting ".length());
    else if ((i = original.indexOf("expected ")) >= 0) clause = original.substring(i + "expected ".length());
    if (clause != null) {
      int nl = clause.indexOf('\n');
      if (nl >= 0) clause = clause.substring(0, nl);
      if (clause.indexOf('\'') < 0 && clause.indexOf('"') < 0 && clause.length() < 120) return "expected " + clause;
    }
    return "expected a JSON value (object, array, string, number, true, false or null)";
  }

  private static String at(JsonLocation where) {
    if (where == null || where.getLineNr() < 1) return "";
    return "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
      else {
        String name = r.getFieldName() == null ? "?" : r.getFieldName();
        if (name.length() > 40) name = name.substring(0, 37) + "...";
        sb.append(sb.isEmpty() ? "" : ".").append(printable(name));
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) return "a number";
    if (type == boolean.class || type == Boolean.class) return "true or false";
    if (type == String.class) return "a string";
    if (java.util.Collection.class.isAssignableFrom(type)) return "an array";
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) return "an object";
    return "a " + type.getSimpleName();
  }

  /** Control characters as {@code \\uXXXX}, so a name from a file cannot drive the terminal. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (Character.isISOControl(c)) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.toString();
  }

  /** The offset of the first byte of {@code bytes} that is not valid UTF-8, or -1 when they all are. */
  public static int firstBadUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(4096);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) return in.position();
      if (r.isUnderflow()) break;
      out.clear();
    }
    out.clear();
    return decoder.flush(out).isError() ? in.position() : -1;
  }

  /** The line (from 1) that byte {@code offset} is on. */
  static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
    return line;
  }
}
