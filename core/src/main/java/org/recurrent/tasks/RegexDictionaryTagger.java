package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recurrent.data.deid.BioSpans;
import org.recurrent.data.deid.Note;

/**
 * The practitioner's de-identification baseline: regular expressions for the PHI with a format (phone numbers,
 * record numbers, dates, ages, tried in that order over the note's text), then a dictionary fitted on the training
 * notes for the rest (names, places, any other type): a word (with at least one letter, lower-cased) is listed
 * under type X when more than half of its training occurrences are tagged X. Adjacent dictionary words of one type
 * form one span, also across a single {@code ,} or {@code .} ("Smith, John", "J. Smith"); a match covers the tokens
 * that lie wholly inside it.
 *
 * <p>The dictionary is kept as numbers (for {@code baselines.json}): for each word a 52-bit FNV-1a hash of its
 * lower-case form (exact as a double) and the index of its type's {@code B-} tag in the task's tag list.
 */
public final class RegexDictionaryTagger {
  /** The types the regular expressions find; the dictionary holds the others. */
  static final List<String> PATTERN_TYPES = List.of("PHONE", "ID", "DATE", "AGE");

  private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
      + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  private static final int CI = Pattern.CASE_INSENSITIVE;
  private static final List<Map.Entry<String, Pattern>> PATTERNS = List.of(
      Map.entry("PHONE", Pattern.compile("\\(\\d{3}\\)\\s?\\d{3}-\\d{4}\\b")),
      Map.entry("PHONE", Pattern.compile("\\b\\d{3}[-.]\\d{3}[-.]\\d{4}\\b")),
      Map.entry("PHONE", Pattern.compile("\\+\\d{1,3}[\\s-]\\d{2,4}[\\s-]\\d{3,4}[\\s-]\\d{3,4}\\b")),
      Map.entry("PHONE", Pattern.compile("\\b0\\d{4}\\s?\\d{6}\\b")),
      Map.entry("ID", Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b")),
      Map.entry("ID", Pattern.compile("\\b[A-Z]{1,3}\\d{5,9}\\b")),
      Map.entry("ID", Pattern.compile("\\b\\d{6,10}\\b")),
      Map.entry("DATE", Pattern.compile("\\b\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b")),
      Map.entry("DATE", Pattern.compile("\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b")),
      Map.entry("DATE", Pattern.compile("\\b" + MONTH + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b", CI)),
      Map.entry("DATE", Pattern.compile("\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b\\.?(?:,?\\s+\\d{4}\\b)?", CI)),
      Map.entry("AGE", Pattern.compile("\\b\\d{1,3}(?=\\s*-\\s*years?-old|\\s*-?\\s*years?[\\s-]old|\\s*(?:yo|y/o|yrs?)\\b"
          + "|\\s+years?\\s+of\\s+age)", CI)),
      Map.entry("AGE", Pattern.compile("(?<=\\bage[d:]?\\s)\\d{1,3}\\b", CI)));

  private final Map<Long, String> dictionary;

  private RegexDictionaryTagger(Map<Long, String> dictionary) {
    this.dictionary = Map.copyOf(dictionary);
  }

  /** The dictionary fitted on {@code train}'s tags. */
  public static RegexDictionaryTagger fit(List<Note> train) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();   // word -> type (or O) -> occurrences
    for (Note n : train) {
      for (int t = 0; t < n.tokens().size(); t++) {
        String word = n.tokens().get(t).toLowerCase(Locale.ROOT);
        if (word.chars().noneMatch(Character::isLetter)) continue;
        String type = BioSpans.type(n.tags().get(t));
        counts.computeIfAbsent(word, w -> new HashMap<>()).merge(type == null ? BioSpans.OUTSIDE : type, 1, Integer::sum);
      }
    }
    Map<Long, String> dictionary = new HashMap<>();
    counts.forEach((word, byType) -> {
      int all = byType.values().stream().mapToInt(Integer::intValue).sum();
      byType.forEach((type, c) -> {
        if (!type.equals(BioSpans.OUTSIDE) && !PATTERN_TYPES.contains(type) && 2 * c > all) dictionary.put(hash(word), type);
      });
    });
    return new RegexDictionaryTagger(dictionary);
  }

  /** Words in the dictionary. */
  public int size() {
    return dictionary.size();
  }

  /** The dictionary as {@code [hash, tagIndex, hash, tagIndex, ...]}, with {@code classes} the task's tag list. */
  public double[] values(List<String> classes) {
    double[] out = new double[2 * dictionary.size()];
    int i = 0;
    for (var e : new java.util.TreeMap<>(dictionary).entrySet()) {
      out[i++] = e.getKey();
      out[i++] = classes.indexOf("B-" + e.getValue());
    }
    return out;
  }

  /** The tagger of a dictionary kept by {@link #values}. */
  public static RegexDictionaryTagger of(double[] values, List<String> classes) {
    Map<Long, String> dictionary = new HashMap<>();
    for (int i = 0; i + 1 < values.length; i += 2) {
      int k = (int) values[i + 1];
      if (k < 0 || k >= classes.size() || BioSpans.type(classes.get(k)) == null) {
        throw new IllegalArgumentException("dictionary entry " + i / 2 + " names tag " + k + ", not a B- tag of " + classes);
      }
      dictionary.put((long) values[i], BioSpans.type(classes.get(k)));
    }
    return new RegexDictionaryTagger(dictionary);
  }

  /** BIO tags of one note. */
  public List<String> tag(Note note) {
    int T = note.tokens().size();
    int[] start = new int[T], end = new int[T];
    StringBuilder text = new StringBuilder();
    for (int t = 0; t < T; t++) {
      start[t] = text.length();
      text.append(note.tokens().get(t));
      end[t] = text.length();
      text.append(note.after().get(t));
    }
    String[] types = new String[T];
    List<BioSpans.Span> spans = new ArrayList<>();
    for (var p : PATTERNS) {
      Matcher m = p.getValue().matcher(text);
      while (m.find()) {
        int first = -1, last = -1;
        for (int t = 0; t < T; t++) {
          if (start[t] >= m.start() && end[t] <= m.end()) {
            if (first < 0) first = t;
            last = t;
          }
        }
        if (first < 0 || anyTagged(types, first, last)) continue;
        for (int t = first; t <= last; t++) types[t] = p.getKey();
        spans.add(new BioSpans.Span(p.getKey(), first, last + 1));
      }
    }
    for (int t = 0; t < T; t++) {
      if (types[t] != null) continue;
      String type = dictionary.get(hash(note.tokens().get(t).toLowerCase(Locale.ROOT)));
      if (type == null) continue;
      int e = t + 1;
      while (e < T && types[e] == null) {
        String next = dictionary.get(hash(note.tokens().get(e).toLowerCase(Locale.ROOT)));
        if (type.equals(next)) {
          e++;
        } else if (e + 1 < T && isJoiner(note.tokens().get(e)) && types[e + 1] == null
            && type.equals(dictionary.get(hash(note.tokens().get(e + 1).toLowerCase(Locale.ROOT))))) {
          e += 2;
        } else {
          break;
        }
      }
      for (int k = t; k < e; k++) types[k] = type;
      spans.add(new BioSpans.Span(type, t, e));
      t = e - 1;
    }
    return BioSpans.tags(T, spans);
  }

  private static boolean isJoiner(String token) {
    return token.equals(",") || token.equals(".");
  }

  private static boolean anyTagged(String[] types, int first, int last) {
    for (int t = first; t <= last; t++) if (types[t] != null) return true;
    return false;
  }

  /** FNV-1a over the UTF-16 units, cut to 52 bits so that it is exact as a double. */
  static long hash(String word) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < word.length(); i++) {
      h ^= word.charAt(i);
      h *= 0x100000001b3L;
    }
    return h & ((1L << 52) - 1);
  }
}
