package org.recurrent.data.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Token ↔ id in [0, V), with the {@link Tokenizer} that made the tokens, so {@link #encode} splits text the same
 * way the vocabulary was built.
 *
 * <p>Ids: the reserved specials first ({@code <pad>} = 0, then {@code <unk>}; either may be absent, see
 * {@link VocabularyOptions}), then the tokens by frequency descending, ties by token string ascending
 * ({@link String#compareTo}). The same text therefore always gives the same ids, whatever order a hash map
 * iterates in. Fit on the training split only, so validation and test words the model never saw become
 * {@code <unk>}.
 *
 * <p>Saved as JSON ({@link #save}, {@link #load}); see {@link VocabularyFile} for the format.
 */
public final class Vocabulary {
  public static final String PAD = "<pad>";
  public static final String UNK = "<unk>";

  private final Tokenizer tokenizer;
  private final List<String> tokens;
  private final Map<String, Integer> ids;
  private final int padId;
  private final int unkId;

  /**
   * A vocabulary from its id-ordered tokens.
   *
   * @param padId id of {@code <pad>}, or -1 if absent
   * @param unkId id of {@code <unk>}, or -1 if absent
   * @throws IllegalArgumentException if a token repeats or a special id does not hold its special token
   */
  Vocabulary(Tokenizer tokenizer, List<String> tokens, int padId, int unkId) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      Integer previous = ids.putIfAbsent(tokens.get(i), i);
      if (previous != null) {
        throw new IllegalArgumentException("token \"" + tokens.get(i) + "\" appears twice (ids " + previous + " and "
            + i + ")");
      }
    }
    checkSpecial(padId, PAD);
    checkSpecial(unkId, UNK);
    this.padId = padId;
    this.unkId = unkId;
  }

  private void checkSpecial(int id, String special) {
    if (id == -1) return;
    if (id < 0 || id >= tokens.size() || !tokens.get(id).equals(special)) {
      throw new IllegalArgumentException(special + " must be a token at its id " + id + ", vocabulary has "
          + tokens.size() + " tokens");
    }
  }

  /** Counts the tokens of {@code texts} and keeps them as {@code options} say. */
  public static Vocabulary fit(Tokenizer tokenizer, Iterable<String> texts, VocabularyOptions options) {
    Map<String, Long> counts = new HashMap<>();
    for (String text : texts) tokenizer.forEachToken(text, t -> counts.merge(t, 1L, Long::sum));
    return fromCounts(tokenizer, counts, options);
  }

  /** {@link #fit} with {@link VocabularyOptions#defaults()}. */
  public static Vocabulary fit(Tokenizer tokenizer, Iterable<String> texts) {
    return fit(tokenizer, texts, VocabularyOptions.defaults());
  }

  /**
   * A vocabulary from token counts. Tokens spelled like a special ({@code <pad>}, {@code <unk>}) are not added
   * twice: the special keeps its reserved id.
   */
  public static Vocabulary fromCounts(Tokenizer tokenizer, Map<String, Long> counts, VocabularyOptions options) {
    List<String> tokens = new ArrayList<>();
    if (options.pad()) tokens.add(PAD);
    if (options.unk()) tokens.add(UNK);
    int padId = options.pad() ? 0 : -1;
    int unkId = options.unk() ? tokens.size() - 1 : -1;
    counts.entrySet().stream()
        .filter(e -> e.getValue() >= options.minFrequency())
        .filter(e -> !(options.pad() && e.getKey().equals(PAD)) && !(options.unk() && e.getKey().equals(UNK)))
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(Math.max(0L, (long) options.maxSize() - tokens.size()))
        .forEach(e -> tokens.add(e.getKey()));
    return new Vocabulary(tokenizer, tokens, padId, unkId);
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** V, the number of ids, specials included. */
  public int size() {
    return tokens.size();
  }

  /** The tokens in id order. */
  public List<String> tokens() {
    return tokens;
  }

  /** The id of {@code token}, or the unknown id if it is not in the vocabulary. */
  public int id(String token) {
    Integer id = ids.get(token);
    if (id != null) return id;
    if (unkId >= 0) return unkId;
    throw new IllegalArgumentException("token \"" + token + "\" is not in the vocabulary of " + size()
        + " tokens, which has no " + UNK + " token; fit it on this text or with VocabularyOptions.unk = true");
  }

  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  public String token(int id) {
    if (id < 0 || id >= tokens.size()) {
      throw new IllegalArgumentException("id " + id + " is outside the vocabulary [0, " + size() + ")");
    }
    return tokens.get(id);
  }

  public OptionalInt padId() {
    return padId >= 0 ? OptionalInt.of(padId) : OptionalInt.empty();
  }

  public OptionalInt unkId() {
    return unkId >= 0 ? OptionalInt.of(unkId) : OptionalInt.empty();
  }

  /** The ids of the tokens of {@code text}; unknown tokens become {@code <unk>} (an error if there is none). */
  public int[] encode(String text) {
    IntStream.Builder out = IntStream.builder();
    tokenizer.forEachToken(text, token -> out.add(id(token)));
    return out.build().toArray();
  }

  /**
   * The tokens of {@code ids} joined back into text: with nothing between them for characters, with one space
   * for words. Specials are written as their token strings.
   */
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    String joiner = tokenizer.level() == Tokenizer.Level.CHARACTER ? "" : " ";
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) sb.append(joiner);
      sb.append(token(ids[i]));
    }
    return sb.toString();
  }

  /** Writes the vocabulary as JSON, atomically: a reader never sees a half-written file. */
  public void save(Path file) throws IOException {
    VocabularyFile.write(this, file);
  }

  /** Reads a vocabulary written by {@link #save}, checking format, version and every field. */
  public static Vocabulary load(Path file) throws IOException {
    return VocabularyFile.read(file);
  }

  @Override
  public String toString() {
    return "Vocabulary(" + tokenizer.level().jsonName() + ", V=" + size() + ")";
  }
}
