package org.recurrent.data.ehr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.CsvReader;
import org.recurrent.data.DataFormatException;

/**
 * Maps codes to coarser groups before vocabularies are fitted (Doctor AI predicts 3-digit ICD-9 categories, not full
 * codes): {@code icd9_3digit} or the groups of a user CSV, see {@link CodeGroupingOptions}. The readers apply it
 * as they read ({@link EhrReaderOptions#grouping}), so only grouped codes are stored; {@link #apply} regroups data
 * already read. Codes with no group are kept, mapped to {@value CodeVocabulary#UNKNOWN} or dropped, as
 * {@link CodeGroupingOptions#unmapped} says, and counted in the report's notes. One instance counts one read: not for
 * concurrent use.
 */
public final class CodeGrouping {
  private final CodeGroupingOptions options;
  private final Map<String, String> anyType; // code -> group, rows without a type
  private final Map<String, Map<String, String>> byType; // type -> code -> group
  private final Map<String, long[]> seen = new LinkedHashMap<>(); // type -> {occurrences, unmapped}
  private final Map<String, Set<String>> unmappedCodes = new HashMap<>();

  private CodeGrouping(CodeGroupingOptions options, Map<String, String> anyType, Map<String, Map<String, String>> byType) {
    this.options = options;
    this.anyType = anyType;
    this.byType = byType;
  }

  /** The grouping {@code options} describe; a relative {@code file} is resolved against {@code base}. */
  public static CodeGrouping of(CodeGroupingOptions options, Path base) throws IOException {
    if (options.kind() == CodeGroupingOptions.Kind.ICD9_3DIGIT) return new CodeGrouping(options, Map.of(), Map.of());
    Path file = base == null ? Path.of(options.file()) : base.resolve(options.file());
    Map<String, String> any = new HashMap<>();
    Map<String, Map<String, String>> typed = new HashMap<>();
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      boolean hasType = csv.header().stream().anyMatch(h -> h.trim().equalsIgnoreCase("type"));
      int type = hasType ? Tables.column(csv, "type", "") : -1;
      int code = Tables.column(csv, "code", "a code,group or type,code,group header");
      int group = Tables.column(csv, "group", "a code,group or type,code,group header");
      for (CsvReader.Row r = csv.next(); r != null; r = csv.next()) {
        String t = type < 0 ? "" : r.get(type);
        String c = r.get(code);
        String g = r.get(group);
        if (c.isEmpty() || g.isEmpty()) {
          throw DataFormatException.at(file, r.line(), "a code and its group", "an empty " + (c.isEmpty() ? "code" : "group"));
        }
        Map<String, String> target = t.isEmpty() ? any : typed.computeIfAbsent(t, k -> new HashMap<>());
        String before = target.putIfAbsent(c, g);
        if (before != null && !before.equals(g)) {
          throw DataFormatException.at(file, r.line(), "one group for code \"" + c + "\"" + (t.isEmpty() ? "" : " of type " + t),
              "\"" + before + "\" and \"" + g + "\"");
        }
      }
    }
    return new CodeGrouping(options, any, typed);
  }

  /** The group of {@code code} of {@code type}; null when it has none and {@code unmapped} is DROP. */
  public String group(String type, String code) {
    if (!options.groups(type)) return code;
    long[] counts = seen.computeIfAbsent(type, k -> new long[2]);
    counts[0]++;
    String g = lookup(type, code);
    if (g != null) return g;
    counts[1]++;
    Set<String> distinct = unmappedCodes.computeIfAbsent(type, k -> new HashSet<>());
    if (distinct.size() < 10_000) distinct.add(code); // enough to name a few and count most
    return switch (options.unmapped()) {
      case KEEP -> code;
      case UNKNOWN -> CodeVocabulary.UNKNOWN;
      case DROP -> null;
    };
  }

  private String lookup(String type, String code) {
    if (options.kind() == CodeGroupingOptions.Kind.ICD9_3DIGIT) return icd9Category(code);
    Map<String, String> typed = byType.get(type);
    String g = typed == null ? null : typed.get(code);
    return g != null ? g : anyType.get(code);
  }

  /**
   * The 3-character category of an ICD-9-CM diagnosis code, with or without the dot: {@code 4280}, {@code 428.0},
   * {@code 428} -> {@code 428}; V codes {@code V01}-{@code V91} -> 3 characters ({@code V1582} -> {@code V15}); E codes
   * {@code E000}-{@code E999} -> 4 characters ({@code E8798} -> {@code E879}); null for anything else.
   */
  public static String icd9Category(String code) {
    String c = code.trim().toUpperCase(java.util.Locale.ROOT);
    int dot = c.indexOf('.');
    String head = dot < 0 ? c : c.substring(0, dot);
    String tail = dot < 0 ? "" : c.substring(dot + 1);
    if (!allDigits(tail) || (dot >= 0 && tail.isEmpty())) return null;
    if (c.startsWith("E")) {
      // E + 3 digits category, then at most 1 more digit
      String digits = head.substring(1);
      if (!allDigits(digits)) return null;
      if (dot < 0 ? digits.length() < 3 || digits.length() > 4 : digits.length() != 3 || tail.length() > 1) return null;
      return "E" + digits.substring(0, 3);
    }
    String digits = c.startsWith("V") ? head.substring(1) : head;
    if (!allDigits(digits)) return null;
    int extra = c.startsWith("V") ? 2 : 3; // category digits
    int rest = dot < 0 ? digits.length() - extra : tail.length();
    if ((dot < 0 ? digits.length() < extra : digits.length() != extra) || rest > 2) return null;
    if (c.startsWith("V")) {
      int n = Integer.parseInt(digits.substring(0, 2));
      if (n < 1 || n > 91) return null;
      return "V" + digits.substring(0, 2);
    }
    return digits.substring(0, 3);
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    return true;
  }

  /** {@code data} with every code grouped (a fresh count; the report's code counts and notes updated). */
  public EhrData apply(EhrData data) {
    CodeGrouping g = new CodeGrouping(options, anyType, byType);
    Map<String, Long> codesRead = new LinkedHashMap<>();
    long visitsWithoutCodes = data.report().visitsWithoutCodes();
    long patientsWithoutVisits = data.report().patientsWithoutVisits();
    List<PatientHistory> out = new ArrayList<>();
    for (PatientHistory h : data.patients()) {
      List<Visit> visits = new ArrayList<>();
      for (Visit v : h.visits()) {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        v.codes().forEach((type, list) -> {
          List<String> grouped = new ArrayList<>();
          for (String c : list) {
            String x = g.group(type, c);
            if (x != null) grouped.add(x);
          }
          codes.put(type, grouped);
          codesRead.merge(type, (long) grouped.size(), Long::sum);
        });
        Visit w = new Visit(v.id(), v.start(), codes);
        if (w.hasCodes()) visits.add(w); else visitsWithoutCodes++;
      }
      if (visits.isEmpty()) patientsWithoutVisits++; else out.add(new PatientHistory(h.patient(), visits));
    }
    IngestReport r = data.report();
    List<String> notes = new ArrayList<>(r.notes());
    notes.addAll(g.notes());
    return new EhrData(out, new IngestReport(r.rowsRead(), r.rowsWithUnknownPatient(), r.rowsWithUnknownVisit(),
        visitsWithoutCodes, patientsWithoutVisits, codesRead, r.rowsWithoutCode(), r.rowsOfExcludedPatients(),
        r.rowsOfUnreadTypes(), notes));
  }

  /** One sentence per grouped type: how many occurrences were grouped, and what became of those without a group. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    String kind = options.kind().name().toLowerCase(java.util.Locale.ROOT);
    seen.forEach((type, counts) -> {
      String s = "grouping " + kind + ": " + (counts[0] - counts[1]) + " of " + counts[0] + " " + type
          + " code occurrences grouped";
      if (counts[1] > 0) {
        List<String> examples = unmappedCodes.get(type).stream().sorted().limit(5).toList();
        s += "; " + counts[1] + " had no group (" + unmappedCodes.get(type).size()
            + (unmappedCodes.get(type).size() >= 10_000 ? "+" : "") + " distinct, e.g. " + String.join(", ", examples)
            + ") and were " + switch (options.unmapped()) {
              case KEEP -> "kept as read";
              case UNKNOWN -> "mapped to " + CodeVocabulary.UNKNOWN;
              case DROP -> "dropped";
            };
      }
      notes.add(s);
    });
    return notes;
  }
}
