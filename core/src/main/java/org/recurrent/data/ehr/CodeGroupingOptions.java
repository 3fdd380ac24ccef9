package org.recurrent.data.ehr;

import java.util.List;

/**
 * How to map codes to groups as they are read (see {@link CodeGrouping}). Every field but {@code kind} may be left
 * out (null) in a YAML or JSON config and takes the default below.
 *
 * @param kind     {@code ICD9_3DIGIT}: ICD-9-CM diagnosis codes to their 3-character category ({@code 4280} or
 *                 {@code 428.0} -> {@code 428}, {@code V1582} -> {@code V15}, {@code E8798} -> {@code E879});
 *                 {@code CSV}: the user's {@code file} of {@code code,group} or {@code type,code,group} rows
 * @param file     the CSV file (header row required; kind {@code CSV} only); a relative path is resolved against
 *                 the data folder (or the long-format file's folder)
 * @param types    the code types grouped (default: {@code [diagnosis]} for ICD9_3DIGIT, every type for CSV); codes
 *                 of other types are kept as read
 * @param unmapped what becomes of a code of a grouped type that has no group (not in the CSV, or not an ICD-9
 *                 code): {@code KEEP} it as read (default), map it to {@code UNKNOWN}
 *                 ({@value org.recurrent.data.CodeVocabulary#UNKNOWN}) or {@code DROP} it; always counted in the
 *                 report's notes
 */
public record CodeGroupingOptions(Kind kind, String file, List<String> types, Unmapped unmapped) {

  public enum Kind { ICD9_3DIGIT, CSV }

  public enum Unmapped { KEEP, UNKNOWN, DROP }

  public CodeGroupingOptions {
    if (kind == null) throw new IllegalArgumentException("grouping.kind is required: icd9_3digit or csv");
    if (kind == Kind.CSV && (file == null || file.isBlank())) {
      throw new IllegalArgumentException("grouping.file is required for grouping.kind: csv (a code,group CSV)");
    }
    if (kind != Kind.CSV && file != null) {
      throw new IllegalArgumentException("grouping.file applies to grouping.kind: csv, not " + kind.name().toLowerCase());
    }
    if (types == null && kind == Kind.ICD9_3DIGIT) types = List.of(Visit.DIAGNOSIS);
    if (types != null) {
      types = List.copyOf(types);
      if (types.isEmpty()) throw new IllegalArgumentException("grouping.types is empty; leave it out for the default");
    }
    if (unmapped == null) unmapped = Unmapped.KEEP;
  }

  /** ICD-9-CM diagnosis codes to 3-character categories, other codes kept. */
  public static CodeGroupingOptions icd9() {
    return new CodeGroupingOptions(Kind.ICD9_3DIGIT, null, null, null);
  }

  /** The groups of a {@code code,group} (or {@code type,code,group}) CSV, codes not in it kept. */
  public static CodeGroupingOptions csv(String file) {
    return new CodeGroupingOptions(Kind.CSV, file, null, null);
  }

  public CodeGroupingOptions withUnmapped(Unmapped u) {
    return new CodeGroupingOptions(kind, file, types, u);
  }

  /** Whether codes of {@code type} are grouped ({@code types} null means every type). */
  boolean groups(String type) {
    return types == null || types.contains(type);
  }
}
