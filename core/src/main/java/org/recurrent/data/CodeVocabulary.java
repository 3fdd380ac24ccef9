package org.recurrent.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The codes of bag inputs (an EHR visit's diagnoses, say), fitted on the training records only: id 0 is
 * {@value #UNKNOWN}, then every code seen at least {@code minFrequency} times in training, most frequent first
 * (ties by code). Codes of other records that are not kept map to {@value #UNKNOWN}, and are counted, never
 * dropped silently. Saved as {@code codes.json} beside a model.
 */
public final class CodeVocabulary {
  public static final String UNKNOWN = "<unk>";
  static final String FORMAT = "recurrent-codes";
  static final int VERSION = 1;

  private final List<String> codes;
  private final Map<String, Integer> ids = new HashMap<>();
  private final int minFrequency;

  private CodeVocabulary(List<String> codes, int minFrequency) {
    this.codes = List.copyOf(codes);
    this.minFrequency = minFrequency;
    for (int i = 0; i < this.codes.size(); i++) ids.put(this.codes.get(i), i);
  }

  /** Counts every code of the primary bag input over {@code train} and keeps those seen {@code minFrequency} times. */
  public static CodeVocabulary fit(List<SequenceExample> train, CodeIndex index, int minFrequency) {
    return fit(train, index, minFrequency, Map.of());
  }

  /**
   * As {@link #fit(List, CodeIndex, int)}, with a threshold of its own for the codes of some types: a typed code
   * {@code type:code} (EHR visits) is kept when seen {@code byType.get(type)} times, others {@code minFrequency}.
   */
  public static CodeVocabulary fit(List<SequenceExample> train, CodeIndex index, int minFrequency,
                                   Map<String, Integer> byType) {
    if (minFrequency < 1) throw new IllegalArgumentException("code min_frequency must be >= 1, got " + minFrequency);
    byType.forEach((type, n) -> {
      if (n == null || n < 1) throw new IllegalArgumentException("code min_frequency of " + type + " must be >= 1, got " + n);
    });
    Map<String, Integer> counts = new HashMap<>();
    for (SequenceExample e : train) {
      for (int id : bags(e).ids()) counts.merge(index.code(id), 1, Integer::sum);
    }
    List<String> kept = new ArrayList<>(counts.keySet().stream()
        .filter(c -> counts.get(c) >= threshold(c, minFrequency, byType)).toList());
    kept.sort(Comparator.comparing((String c) -> -counts.get(c)).thenComparing(c -> c));
    List<String> codes = new ArrayList<>();
    codes.add(UNKNOWN);
    codes.addAll(kept);
    return new CodeVocabulary(codes, minFrequency);
  }

  private static int threshold(String code, int minFrequency, Map<String, Integer> byType) {
    int colon = code.indexOf(':');
    return colon < 0 ? minFrequency : byType.getOrDefault(code.substring(0, colon), minFrequency);
  }

  /** V, with {@value #UNKNOWN}. */
  public int size() {
    return codes.size();
  }

  public int minFrequency() {
    return minFrequency;
  }

  public List<String> codes() {
    return codes;
  }

  /** The id of a code, 0 ({@value #UNKNOWN}) when it was not kept. */
  public int id(String code) {
    return ids.getOrDefault(code, 0);
  }

  /** {@code e} with its bag ids (provisional, from {@code index}) replaced by this vocabulary's. */
  public SequenceExample remap(SequenceExample e, CodeIndex index) {
    StepInput.Bags b = bags(e);
    int[] mapped = new int[b.ids().length];
    for (int i = 0; i < mapped.length; i++) mapped[i] = id(index.code(b.ids()[i]));
    return e.withInput(SequenceExample.PRIMARY, new StepInput.Bags(mapped, b.offsets(), b.weights()));
  }

  /** Occurrences of {@value #UNKNOWN} in already remapped records. */
  public static long unknownCount(List<SequenceExample> remapped) {
    long n = 0;
    for (SequenceExample e : remapped) for (int id : bags(e).ids()) if (id == 0) n++;
    return n;
  }

  private static StepInput.Bags bags(SequenceExample e) {
    if (e.primary() instanceof StepInput.Bags b) return b;
    throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' holds no bags of codes");
  }

  public void save(Path file) throws IOException {
    ObjectNode root = VersionedJson.object(FORMAT, VERSION);
    root.put("min_frequency", minFrequency);
    ArrayNode list = root.putArray("codes");
    codes.forEach(list::add);
    VersionedJson.write(file, root);
  }

  public static CodeVocabulary load(Path file) throws IOException {
    JsonNode root = VersionedJson.read(file, FORMAT, VERSION);
    JsonNode list = root.get("codes");
    if (list == null || !list.isArray() || list.isEmpty() || !UNKNOWN.equals(list.get(0).asText())) {
      throw new DataFormatException(file + ": expected \"codes\": [\"" + UNKNOWN + "\", ...], found "
          + (list == null ? "no codes field" : list.getNodeType().name().toLowerCase()));
    }
    List<String> codes = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (JsonNode c : list) {
      if (!c.isTextual() || !seen.add(c.asText())) {
        throw new DataFormatException(file + ": expected distinct code strings in \"codes\", found " + c);
      }
      codes.add(c.asText());
    }
    return new CodeVocabulary(codes, root.path("min_frequency").asInt(1));
  }
}
