package org.recurrent.data.ehr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The one entry point for reading EHR data: the reader of {@link EhrReaderOptions#source} over a folder or a file. */
public final class EhrReaders {
  private EhrReaders() {}

  /**
   * Reads {@code path}: a folder of tables for {@code synthea} and {@code mimic3}, the events file for {@code long}.
   */
  public static EhrData read(Path path, EhrReaderOptions options) throws IOException {
    return read(path, options, id -> true);
  }

  /**
   * As {@link #read(Path, EhrReaderOptions)}, keeping only the patients {@code keep} accepts (and that are in
   * {@code options.patients()}, when set): a cohort or a split by id streams the big tables without storing the rest.
   */
  public static EhrData read(Path path, EhrReaderOptions options, Predicate<String> keep) throws IOException {
    return switch (options.source()) {
      case SYNTHEA -> new SyntheaReader(options).read(path, keep);
      case MIMIC3 -> new MimicReader(options).read(path, keep);
      case LONG -> new LongEventReader(options).read(path, keep);
    };
  }

  static EhrData readTables(Path folder, TableLayout layout, EhrReaderOptions o, Predicate<String> keep)
      throws IOException {
    VisitTable table = new VisitTable(filter(o, keep), grouping(o, folder), o.typesOrAll());
    layout.read(folder, table, o.typesOrAll(), o.types() != null);
    noteMissingPatients(o, table, "the " + layout.patients().name() + " table");
    return table.build();
  }

  /** {@code keep} and, when set, membership in {@code o.patients()}. */
  static Predicate<String> filter(EhrReaderOptions o, Predicate<String> keep) {
    if (o.patients() == null) return keep;
    Set<String> ids = new HashSet<>(o.patients());
    return id -> ids.contains(id) && keep.test(id);
  }

  static CodeGrouping grouping(EhrReaderOptions o, Path base) throws IOException {
    if (o.grouping() == null) return null;
    return CodeGrouping.of(o.grouping(), base);
  }

  /** A note naming requested patients the data does not have (a typo in a cohort list should not pass unseen). */
  static void noteMissingPatients(EhrReaderOptions o, VisitTable table, String where) {
    if (o.patients() == null) return;
    List<String> missing = new ArrayList<>();
    for (String id : new java.util.LinkedHashSet<>(o.patients())) if (table.patient(id) == IdIndex.ABSENT) missing.add(id);
    if (missing.isEmpty()) return;
    table.note(missing.size() + " of the " + o.patients().size() + " requested patients are not in " + where + ": "
        + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + (missing.size() > 5 ? ", ..." : ""));
  }
}
