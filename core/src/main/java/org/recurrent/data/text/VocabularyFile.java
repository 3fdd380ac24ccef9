package org.recurrent.data.text;

import static org.recurrent.data.VersionedJson.describe;
import static org.recurrent.data.VersionedJson.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.VersionedJson;

/**
 * The JSON file of a {@link Vocabulary}:
 *
 * <pre>{@code
 * {
 *   "format": "recurrent-vocabulary",
 *   "version": 1,
 *   "level": "char" | "word",
 *   "lowercase": false,
 *   "specials": {"pad": 0, "unk": 1},     // role -> id; a role is absent if the vocabulary has no such token
 *   "tokens": ["<pad>", "<unk>", "e", ...] // every token, in id order
 * }
 * }</pre>
 *
 * Reading checks every field and reports the first problem as {@code file: expected X, found Y}.
 */
final class VocabularyFile {
  static final String FORMAT = "recurrent-vocabulary";
  static final int VERSION = 1;

  private VocabularyFile() {}

  static void write(Vocabulary vocabulary, Path file) throws IOException {
    ObjectNode root = VersionedJson.object(FORMAT, VERSION);
    root.put("level", vocabulary.tokenizer().level().jsonName());
    root.put("lowercase", vocabulary.tokenizer().lowercase());
    ObjectNode specials = root.putObject("specials");
    vocabulary.padId().ifPresent(id -> specials.put("pad", id));
    vocabulary.unkId().ifPresent(id -> specials.put("unk", id));
    ArrayNode tokens = root.putArray("tokens");
    vocabulary.tokens().forEach(tokens::add);
    VersionedJson.write(file, root);
  }

  static Vocabulary read(Path file) throws IOException {
    JsonNode root = VersionedJson.read(file, FORMAT, VERSION);
    JsonNode levelNode = field(file, root, "level");
    Tokenizer.Level level = levelNode.isTextual() ? Tokenizer.Level.fromJsonName(levelNode.textValue()) : null;
    if (level == null) {
      throw new DataFormatException(file + ": expected level \"char\" or \"word\", found " + describe(levelNode));
    }
    JsonNode lowercase = field(file, root, "lowercase");
    if (!lowercase.isBoolean()) {
      throw new DataFormatException(file + ": expected lowercase true or false, found " + describe(lowercase));
    }
    List<String> tokens = tokens(file, field(file, root, "tokens"));
    Map<String, Integer> specials = specials(file, field(file, root, "specials"), tokens);
    return new Vocabulary(new Tokenizer(level, lowercase.booleanValue()), tokens,
        specials.getOrDefault("pad", -1), specials.getOrDefault("unk", -1));
  }

  private static List<String> tokens(Path file, JsonNode node) throws DataFormatException {
    if (!node.isArray()) throw new DataFormatException(file + ": expected \"tokens\" to be an array, found " + describe(node));
    List<String> tokens = new ArrayList<>(node.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode t = node.get(i);
      if (!t.isTextual()) {
        throw new DataFormatException(file + ": expected tokens[" + i + "] to be a string, found " + describe(t));
      }
      Integer previous = seen.putIfAbsent(t.textValue(), i);
      if (previous != null) {
        throw new DataFormatException(file + ": token \"" + t.textValue() + "\" appears twice in \"tokens\" (ids "
            + previous + " and " + i + ")");
      }
      tokens.add(t.textValue());
    }
    return tokens;
  }

  /** Role ("pad", "unk") → id, each id checked to hold its special token. */
  private static Map<String, Integer> specials(Path file, JsonNode node, List<String> tokens)
      throws DataFormatException {
    if (!node.isObject()) {
      throw new DataFormatException(file + ": expected \"specials\" to be an object, found " + describe(node));
    }
    Map<String, Integer> specials = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String expectedToken = switch (e.getKey()) {
        case "pad" -> Vocabulary.PAD;
        case "unk" -> Vocabulary.UNK;
        default -> throw new DataFormatException(file + ": expected special \"pad\" or \"unk\", found \""
            + e.getKey() + "\"");
      };
      JsonNode id = e.getValue();
      if (!id.isInt() || id.intValue() < 0 || id.intValue() >= tokens.size()
          || !tokens.get(id.intValue()).equals(expectedToken)) {
        String found = id.isInt() && id.intValue() >= 0 && id.intValue() < tokens.size()
            ? describe(id) + " which holds \"" + tokens.get(id.intValue()) + "\""
            : describe(id);
        throw new DataFormatException(file + ": expected specials." + e.getKey() + " to be the id of \""
            + expectedToken + "\" in \"tokens\", found " + found);
      }
      specials.put(e.getKey(), id.intValue());
    }
    return specials;
  }
}
