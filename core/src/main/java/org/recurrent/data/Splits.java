package org.recurrent.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Deterministic train / validation / test splits: by ratio after a seeded shuffle, by ratio in file order (for time
 * series, where the future must not leak into training), or by a split column that names each record's part, such
 * as a published standard split. The same inputs always give the same split.
 *
 * <p>Ratio splits cut the n records at {@code round(n * train)} and {@code round(n * (train + val))}; the test part
 * is the rest. Indices within each part are in ascending (file) order.
 */
public final class Splits {

  /** Accepted split names, and the part each means. */
  private static final Map<String, Integer> PARTS = Map.of("train", 0, "val", 1, "validation", 1, "test", 2);
  private static final String NAMES = "train, val (or validation), test";
  private static final int SHOWN = 5; // ids listed in a message

  private Splits() {}

  /** A random split: the indices shuffled with {@code new Random(seed)} (Fisher–Yates), then cut by ratio. */
  public static Split byRatio(int n, double train, double val, long seed) {
    checkRatios(n, train, val);
    int[] order = IntStream.range(0, n).toArray();
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return cut(order, train, val);
  }

  /** The first {@code train} fraction for training, the next {@code val} for validation, the rest for testing. */
  public static Split chronological(int n, double train, double val) {
    checkRatios(n, train, val);
    return cut(IntStream.range(0, n).toArray(), train, val);
  }

  /**
   * Record id → split name from a CSV with a header, e.g. {@code Splits.fromCsv(splits, "id", "split_recording")}.
   * Split names must be {@code train}, {@code val} / {@code validation} or {@code test}; an id listed twice with
   * different splits is an error.
   */
  public static Map<String, String> fromCsv(Path file, String idColumn, String splitColumn) throws IOException {
    Map<String, String> splitOfId = new LinkedHashMap<>();
    Map<String, Long> lineOfId = new HashMap<>();
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      int idIndex = csv.column(idColumn);
      int splitIndex = csv.column(splitColumn);
      for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
        String id = row.get(idIndex);
        String split = row.get(splitIndex).strip();
        if (!PARTS.containsKey(split)) {
          throw DataFormatException.at(file, row.line(), "a split name (" + NAMES + ") in column \"" + splitColumn
              + "\"", "\"" + split + "\"");
        }
        String before = splitOfId.putIfAbsent(id, split);
        if (before != null && !before.equals(split)) {
          throw DataFormatException.at(file, row.line(), "id \"" + id + "\" is in split \"" + split + "\" here but in \""
              + before + "\" at line " + lineOfId.get(id));
        }
        lineOfId.putIfAbsent(id, row.line());
      }
    }
    if (splitOfId.isEmpty()) throw WideCsvReader.noRecords(file);
    return splitOfId;
  }

  /**
   * The split that puts each record of {@code dataset} where {@code splitOfId} says (by {@link SequenceExample#id()}).
   * Every record must be in the map; ids in the map but not in the dataset are ignored.
   */
  public static Split byId(SequenceDataset dataset, Map<String, String> splitOfId) {
    List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < dataset.size(); i++) {
      String id = dataset.examples().get(i).id();
      String split = splitOfId.get(id);
      if (split == null) {
        missing.add(id);
        continue;
      }
      Integer part = PARTS.get(split);
      if (part == null) {
        throw new IllegalArgumentException("record \"" + id + "\" has split \"" + split + "\"; expected " + NAMES);
      }
      parts.get(part).add(i);
    }
    if (!missing.isEmpty()) {
      List<String> shown = missing.subList(0, Math.min(SHOWN, missing.size())).stream().map(s -> "\"" + s + "\"").toList();
      throw new IllegalArgumentException(missing.size() + " of " + dataset.size() + " record ids have no split: "
          + String.join(", ", shown) + (missing.size() > SHOWN ? ", ..." : "") + "; is the split file for this data?");
    }
    return new Split(ints(parts.get(0)), ints(parts.get(1)), ints(parts.get(2)));
  }

  private static Split cut(int[] order, double train, double val) {
    int n = order.length;
    int endTrain = (int) Math.round(n * train);
    int endVal = Math.max(endTrain, (int) Math.min(n, Math.round(n * (train + val))));
    return new Split(sorted(order, 0, endTrain), sorted(order, endTrain, endVal), sorted(order, endVal, n));
  }

  private static int[] sorted(int[] order, int from, int to) {
    int[] part = Arrays.copyOfRange(order, from, to);
    Arrays.sort(part);
    return part;
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void checkRatios(int n, double train, double val) {
    if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
    if (!(train > 0 && train <= 1)) throw new IllegalArgumentException("train ratio must be in (0, 1], got " + train);
    if (!(val >= 0 && val <= 1)) throw new IllegalArgumentException("val ratio must be in [0, 1], got " + val);
    if (train + val > 1 + 1e-9) { // tolerance: 0.7 + 0.3 is not exactly 1 in floating point
      throw new IllegalArgumentException("train + val must be <= 1 (test is the rest), got " + train + " + " + val);
    }
  }
}
