package org.recurrent.data.deid;

import java.util.List;
import java.util.Objects;

/**
 * One note as tokens: {@code text = tokens[0] + after[0] + tokens[1] + after[1] + ...}, so the note can be
 * written back exactly (with spans replaced for redaction). {@code tags} are BIO tags ({@code O},
 * {@code B-NAME}, {@code I-NAME}, ...), one per token, or empty for an unlabelled note.
 *
 * @param id       the note's identifier
 * @param template the template family it came from (generated notes; null for one's own notes)
 * @param tokens   T tokens, none empty
 * @param after    T whitespace strings, what follows each token
 * @param tags     T BIO tags, or empty
 * @param source   {@code file:line} or {@code generator}, for messages
 */
public record Note(String id, String template, List<String> tokens, List<String> after, List<String> tags,
                   String source) {
  public Note {
    Objects.requireNonNull(id, "id");
    tokens = List.copyOf(tokens);
    after = List.copyOf(after);
    tags = List.copyOf(tags);
    if (tokens.isEmpty()) throw new IllegalArgumentException(source + ": note '" + id + "' has no tokens");
    if (after.size() != tokens.size()) {
      throw new IllegalArgumentException(source + ": note '" + id + "' has " + tokens.size() + " tokens but "
          + after.size() + " whitespace entries");
    }
    if (!tags.isEmpty() && tags.size() != tokens.size()) {
      throw new IllegalArgumentException(source + ": note '" + id + "' has " + tokens.size() + " tokens but "
          + tags.size() + " tags");
    }
  }

  public boolean labelled() {
    return !tags.isEmpty();
  }

  /** The note's text, tokens joined by their whitespace. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < tokens.size(); t++) sb.append(tokens.get(t)).append(after.get(t));
    return sb.toString();
  }
}
