package org.recurrent.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The seeds of {@code recurrent train --seeds}: a count N (the config's seed and the N - 1 after it, so the first
 * run is the config's own) or a comma-separated list ({@code 1,2,3}). At least two, since one run has no standard
 * deviation; at most {@value #MAX} (a typing slip such as {@code --seeds 300} would otherwise train for days).
 *
 * @param seeds the seeds in the order they are trained, no two alike
 */
public record SeedList(List<Long> seeds) {
  public static final int MAX = 100;

  public SeedList {
    seeds = List.copyOf(seeds);
    if (seeds.size() < 2 || seeds.size() > MAX) {
      throw new IllegalArgumentException("--seeds needs 2 to " + MAX + " seeds, got " + seeds.size() + " (one run: "
          + "train --set seed=S)");
    }
    Set<Long> seen = new LinkedHashSet<>();
    for (Long s : seeds) {
      if (!seen.add(s)) throw new IllegalArgumentException("--seeds lists seed " + s + " twice: " + seeds);
    }
  }

  /**
   * Reads {@code --seeds}' value.
   *
   * @param spec  {@code N} or {@code S1,S2,...}
   * @param first the config's seed: where a count starts
   */
  public static SeedList parse(String spec, long first) {
    String s = spec.trim();
    if (!s.contains(",")) {
      int n;
      try {
        n = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--seeds expects a count (3) or a list of seeds (1,2,3), got '" + spec + "'");
      }
      if (n < 2 || n > MAX) {
        throw new IllegalArgumentException("--seeds " + s + ": expected a count from 2 to " + MAX + " (one run: train "
            + "--set seed=S)");
      }
      List<Long> seeds = new ArrayList<>();
      for (int i = 0; i < n; i++) seeds.add(Math.addExact(first, i));
      return new SeedList(seeds);
    }
    List<Long> seeds = new ArrayList<>();
    for (String item : s.split(",", -1)) {
      try {
        seeds.add(Long.parseLong(item.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--seeds " + spec + ": '" + item.trim() + "' is not a seed (an integer); "
            + "expected a list such as 1,2,3");
      }
    }
    return new SeedList(seeds);
  }

  /** The name of seed {@code s}'s model directory inside the seeds directory: {@code seed-S}. */
  public static String directoryName(long seed) {
    return org.recurrent.models.ModelDirectory.SEED_DIRECTORY_PREFIX + seed;
  }
}
