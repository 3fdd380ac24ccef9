package org.recurrent.data.deid;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.NumberedLines;
import org.recurrent.io.AtomicFiles;

/**
 * Annotated notes as JSON Lines, one note per line (docs/deid.md):
 * <pre>{@code
 * {"id": "n1", "template": "discharge", "tokens": ["Seen", "by", "Dr", "Ann", "Lee", "."],
 *  "after": [" ", " ", " ", " ", "", "\n"], "tags": ["O", "O", "O", "B-NAME", "I-NAME", "O"]}
 * }</pre>
 * {@code id} and {@code tokens} are required; {@code after} (whitespace after each token) defaults to one space
 * after every token but the last; {@code tags} (BIO) is required for training and evaluation; {@code template}
 * is optional. Instead of {@code tokens}, a line may give {@code "text"}: the note is then split by
 * {@link NoteTokenizer} (unlabelled notes for {@code predict}). Every problem is reported as {@code file:line}.
 */
public final class NoteFile {
  private NoteFile() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * Reads every note of {@code file}.
   *
   * @param requireTags every note must have tags (training, evaluation)
   */
  public static List<Note> read(Path file, boolean requireTags) throws IOException {
    List<Note> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (NumberedLines lines = new NumberedLines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) continue;
        long n = lines.line();
        Note note = parse(file, n, line, requireTags);
        if (!ids.add(note.id())) throw DataFormatException.value(file, n, "a new note id", note.id());
        out.add(note);
      }
    }
    if (out.isEmpty()) throw new DataFormatException(file + ": no notes (the file is empty)");
    return out;
  }

  /** Whether the first note of {@code file} has tags. */
  public static boolean firstHasTags(Path file) throws IOException {
    try (NumberedLines lines = new NumberedLines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) continue;
        return parse(file, lines.line(), line, false).labelled();
      }
    }
    return false;
  }

  private static Note parse(Path file, long n, String line, boolean requireTags) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw DataFormatException.at(file, n, "a JSON object", "invalid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) throw DataFormatException.at(file, n, "a JSON object", kind(root));
    JsonNode id = root.get("id");
    if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
      throw DataFormatException.at(file, n, "\"id\" (text)", id == null ? "none" : kind(id));
    }
    List<String> tokens, after;
    if (root.has("tokens")) {
      tokens = strings(file, n, root, "tokens");
      for (int t = 0; t < tokens.size(); t++) {
        if (tokens.get(t).isEmpty() || tokens.get(t).chars().anyMatch(Character::isWhitespace)) {
          throw DataFormatException.value(file, n, "tokens[" + t + "] to be non-empty without whitespace", tokens.get(t));
        }
      }
      if (root.has("after")) {
        after = strings(file, n, root, "after");
        for (int t = 0; t < after.size(); t++) {
          if (!after.get(t).isBlank() && !after.get(t).isEmpty()) {
            throw DataFormatException.value(file, n, "after[" + t + "] to be whitespace", after.get(t));
          }
        }
      } else {
        after = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) after.add(t + 1 < tokens.size() ? " " : "");
      }
    } else if (root.has("text")) {
      JsonNode text = root.get("text");
      if (!text.isTextual()) throw DataFormatException.at(file, n, "\"text\" to be text", kind(text));
      NoteTokenizer.Tokens tk = NoteTokenizer.tokenize(text.textValue());
      tokens = tk.tokens();
      after = tk.after();
      if (root.has("tags")) {
        throw DataFormatException.at(file, n, "\"tags\" go with \"tokens\" (tags of a \"text\" would depend on "
            + "the tokeniser); give \"tokens\" and \"tags\"");
      }
    } else {
      throw DataFormatException.at(file, n, "\"tokens\" (or \"text\" for an unlabelled note)", "neither");
    }
    if (tokens.isEmpty()) throw DataFormatException.at(file, n, "at least one token", "none");
    if (after.size() != tokens.size()) {
      throw DataFormatException.at(file, n, tokens.size() + " \"after\" entries (one per token)",
          Integer.toString(after.size()));
    }
    List<String> tags = List.of();
    if (root.has("tags")) {
      tags = strings(file, n, root, "tags");
      if (tags.size() != tokens.size()) {
        throw DataFormatException.at(file, n, tokens.size() + " tags (one per token)", Integer.toString(tags.size()));
      }
      for (int t = 0; t < tags.size(); t++) {
        if (!BioSpans.valid(tags.get(t))) {
          throw DataFormatException.value(file, n, "tags[" + t + "] to be O, B-TYPE or I-TYPE", tags.get(t));
        }
      }
    } else if (requireTags) {
      throw DataFormatException.at(file, n, "\"tags\" (BIO, one per token) to train or evaluate", "none");
    }
    JsonNode template = root.get("template");
    if (template != null && !template.isTextual() && !template.isNull()) {
      throw DataFormatException.at(file, n, "\"template\" to be text", kind(template));
    }
    String idText = id.isTextual() ? id.textValue() : id.asText();
    return new Note(idText, template == null || template.isNull() ? null : template.textValue(), tokens, after, tags,
        file.getFileName() + ":" + n);
  }

  private static List<String> strings(Path file, long n, JsonNode root, String field) throws IOException {
    JsonNode a = root.get(field);
    if (!a.isArray()) throw DataFormatException.at(file, n, "\"" + field + "\" to be an array of text", kind(a));
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isTextual()) {
        throw DataFormatException.at(file, n, "\"" + field + "\"[" + i + "] to be text", kind(a.get(i)));
      }
      out.add(a.get(i).textValue());
    }
    return out;
  }

  private static String kind(JsonNode v) {
    if (v == null || v.isNull()) return "null";
    if (v.isTextual()) return "text";
    if (v.isNumber()) return "a number";
    if (v.isArray()) return "an array";
    if (v.isObject()) return "an object";
    return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /** One note as its JSON line (without the newline). */
  public static String line(Note note) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", note.id());
    if (note.template() != null) o.put("template", note.template());
    ArrayNode tokens = o.putArray("tokens");
    note.tokens().forEach(tokens::add);
    ArrayNode after = o.putArray("after");
    note.after().forEach(after::add);
    if (note.labelled()) {
      ArrayNode tags = o.putArray("tags");
      note.tags().forEach(tags::add);
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code notes} to {@code file} atomically (a temporary file beside it, then a move). */
  public static void write(Path file, List<Note> notes) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Note note : notes) sb.append(line(note)).append('\n');
    AtomicFiles.writeString(file, sb.toString());
  }
}
