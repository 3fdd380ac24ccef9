package org.recurrent.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.recurrent.io.AtomicFiles;
import org.recurrent.io.JsonFiles;

/**
 * The small JSON files saved beside a model ({@code vocab.json}, {@code scaler.json}): an object whose
 * {@code "format"} names what it holds and whose integer {@code "version"} says how, written pretty-printed and
 * atomically. Reading checks both before anything else; every problem is a {@link DataFormatException}
 * {@code file: expected X, found Y} or {@code file: missing field "name"}.
 */
public final class VersionedJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VersionedJson() {}

  /** A new object holding {@code "format"} and {@code "version"}; the caller adds the rest. */
  public static ObjectNode object(String format, int version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", format);
    root.put("version", version);
    return root;
  }

  /** Writes {@code root} pretty-printed, replacing {@code file} atomically (see {@link AtomicFiles}). */
  public static void write(Path file, ObjectNode root) throws IOException {
    AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  /** Reads {@code file} and checks that it is an object of this {@code format} and {@code version}. */
  public static JsonNode read(Path file, String format, int version) throws IOException {
    return read(file, format, version, version);
  }

  /** As {@link #read(Path, String, int)}, accepting every version from {@code oldest} to {@code newest}. */
  public static JsonNode read(Path file, String format, int oldest, int newest) throws IOException {
    JsonNode root;
    try {
      root = JsonFiles.read(file, JSON);     // the message names the position, never quotes the content
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new DataFormatException(e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new DataFormatException(file + ": expected a JSON object, found " + describe(root));
    }
    JsonNode formatNode = field(file, root, "format");
    if (!formatNode.isTextual() || !formatNode.textValue().equals(format)) {
      throw new DataFormatException(file + ": expected format \"" + format + "\", found " + describe(formatNode));
    }
    JsonNode versionNode = field(file, root, "version");
    if (!versionNode.isInt() || versionNode.intValue() < oldest || versionNode.intValue() > newest) {
      String versions = oldest == newest ? "version " + newest : "versions " + oldest + " to " + newest;
      throw new DataFormatException(file + ": expected " + (oldest == newest ? "version " + newest : "a version from "
          + oldest + " to " + newest) + ", found " + describe(versionNode) + "; this library reads " + versions
          + (oldest == newest ? " only" : ""));
    }
    return root;
  }

  /** The field {@code name} of {@code root}; missing or null is an error. */
  public static JsonNode field(Path file, JsonNode root, String name) throws DataFormatException {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) throw new DataFormatException(file + ": missing field \"" + name + "\"");
    return node;
  }

  /** A JSON value as a user would write it: strings quoted, numbers and booleans bare; long values cut short. */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) return "nothing";
    String s = node.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
