package org.recurrent.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recurrent.io.JsonSafe;
import org.recurrent.metrics.Spread;
import org.recurrent.models.ModelDirectory;

/**
 * {@code seeds.json}: one config trained once per seed ({@link SeedRuns}), summarised per part and metric as the
 * {@link Spread} over the seeds (values, mean, sample standard deviation, min, max). The baselines are fitted on
 * the training part with no seed of the run in them (majority class, logistic regression, naive forecasts), so they
 * are written once. When one of a part's baselines differs between seeds (a {@code ratio} split without
 * {@code data.split.seed} takes the run's seed, so each seed then has other training and test records), the data
 * depend on the seed: that part's baselines are then all written with their spreads under
 * {@code seed_dependent_baselines} instead (none under {@code baselines}), and the summary says so. The JSON (documented in {@code docs/seeds.md}):
 * <pre>{@code
 * {"format": "recurrent-seeds", "version": 1, "name": "eeg-seizure", "task": "classification",
 *  "seeds": [42, 43, 44],
 *  "runs": [{"seed": 42, "dir": "seed-42", "stop_reason": "completed", "epochs": 5, "best_epoch": 4, "seconds": 31.2}, ...],
 *  "test": {"records": 1725,
 *           "metrics": {"accuracy": {"values": [...], "mean": 0.97, "sd": 0.004, "min": 0.96, "max": 0.98}, ...},
 *           "baselines": {"majority_class_accuracy": 0.79, ...},
 *           "seed_dependent_baselines": {}},
 *  "validation": {...}}
 * }</pre>
 * {@code records} is a list (one per seed) instead of a number when the parts' sizes differ between seeds.
 *
 * @param name  the runs' name (the config's)
 * @param task  their task
 * @param runs  one per seed, in training order
 * @param parts per part ({@code test}, then {@code validation}), the summary over the seeds
 */
public record SeedSummary(String name, String task, List<Run> runs, Map<String, PartSummary> parts) {
  public static final String FILE = "seeds.json";
  public static final String FORMAT = "recurrent-seeds";
  public static final int VERSION = 1;

  public SeedSummary {
    runs = List.copyOf(runs);
    parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  /**
   * One seed's run.
   *
   * @param seed       its seed
   * @param dir        its model directory, relative to the seeds directory ({@code seed-42})
   * @param stopReason as in its metrics.json
   * @param epochs     epochs complete
   * @param bestEpoch  the epoch whose weights were kept, from 1
   * @param seconds    its wall time (provenance.json)
   */
  public record Run(long seed, String dir, String stopReason, int epochs, int bestEpoch, double seconds) {}

  /**
   * One part over the seeds.
   *
   * @param records                each seed's record count (all alike unless the split depends on the seed)
   * @param metrics                the model's metrics (the loss included), by name, in metrics.json's order
   * @param baselines              the baselines, when each has the same value for every seed (else empty)
   * @param seedDependentBaselines the baselines with their spreads, when one of them differs between seeds (else
   *                               empty)
   */
  public record PartSummary(List<Integer> records, Map<String, Spread> metrics, Map<String, Double> baselines,
                            Map<String, Spread> seedDependentBaselines) {
    public PartSummary {
      records = List.copyOf(records);
      metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      baselines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
      seedDependentBaselines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seedDependentBaselines));
    }

    /** Whether every seed scored the same number of records. */
    public boolean sameRecords() {
      return records.stream().distinct().count() == 1;
    }
  }

  /**
   * The summary of runs of one config, one per seed.
   *
   * @param runs    the runs in training order
   * @param metrics each run's metrics.json, in the same order
   * @param where   each run's model directory, for messages
   * @throws IllegalArgumentException when the runs do not score the same parts and metrics (not runs of one config)
   */
  public static SeedSummary of(String name, List<Run> runs, List<RunMetrics> metrics, List<Path> where) {
    if (runs.size() != metrics.size() || runs.size() != where.size() || runs.isEmpty()) {
      throw new IllegalArgumentException("one metrics.json per run: " + runs.size() + " runs, " + metrics.size());
    }
    RunMetrics first = metrics.get(0);
    for (int i = 1; i < metrics.size(); i++) {
      RunMetrics m = metrics.get(i);
      if (!m.task().equals(first.task()) || !m.parts().keySet().equals(first.parts().keySet())) {
        throw new IllegalArgumentException(where.get(i).resolve(ModelDirectory.METRICS) + ": task " + m.task() + ", parts "
            + m.parts().keySet() + "; " + where.get(0).resolve(ModelDirectory.METRICS) + " has task " + first.task()
            + ", parts " + first.parts().keySet() + ": these are not runs of one config");
      }
    }
    Map<String, PartSummary> parts = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(List.of("test", "validation"));
    order.retainAll(first.parts().keySet());
    for (String part : order) {
      List<Integer> records = new ArrayList<>();
      List<Map<String, Double>> scores = new ArrayList<>(), baselines = new ArrayList<>();
      for (RunMetrics m : metrics) {
        RunMetrics.PartScores p = m.parts().get(part);
        records.add(p.records());
        scores.add(p.metrics());
        baselines.add(p.baseline());
      }
      Map<String, Spread> modelSpread = spreads(scores, part, "metric", where);
      // one baseline that varies means the data (or the baselines' fitting) depend on the seed: then a baseline
      // that happens to agree over these seeds is no more seed-free than the others, and all are listed as varying
      Map<String, Spread> baselineSpread = spreads(baselines, part, "baseline", where);
      boolean seedFree = baselineSpread.values().stream().allMatch(Spread::constant)
          && records.stream().distinct().count() == 1;
      Map<String, Double> constant = new LinkedHashMap<>();
      Map<String, Spread> varying = new LinkedHashMap<>();
      baselineSpread.forEach((k, s) -> {
        if (seedFree) constant.put(k, s.values()[0]);
        else varying.put(k, s);
      });
      parts.put(part, new PartSummary(records, modelSpread, constant, varying));
    }
    return new SeedSummary(name, first.task(), runs, parts);
  }

  /** Per name, the spread of its value over the runs; every run must have the same names. */
  private static Map<String, Spread> spreads(List<Map<String, Double>> perRun, String part, String what,
                                             List<Path> where) {
    Map<String, Spread> out = new LinkedHashMap<>();
    for (int i = 1; i < perRun.size(); i++) {
      if (!perRun.get(i).keySet().equals(perRun.get(0).keySet())) {
        throw new IllegalArgumentException(where.get(i).resolve(ModelDirectory.METRICS) + ": " + part + " " + what
            + "s " + perRun.get(i).keySet() + ", but " + where.get(0).resolve(ModelDirectory.METRICS) + " has "
            + perRun.get(0).keySet() + ": these are not runs of one config");
      }
    }
    for (String name : perRun.get(0).keySet()) {
      double[] v = new double[perRun.size()];
      for (int i = 0; i < v.length; i++) v[i] = perRun.get(i).get(name);
      out.put(name, Spread.of(v));
    }
    return out;
  }

  /** The seeds, in training order. */
  public List<Long> seeds() {
    return runs.stream().map(Run::seed).toList();
  }

  /** Whether some baseline differs between seeds, in some part. */
  public boolean baselinesDependOnSeed() {
    return parts.values().stream().anyMatch(p -> !p.seedDependentBaselines().isEmpty() || !p.sameRecords());
  }

  /** The JSON object of seeds.json, keys in order, non-finite numbers as {@link JsonSafe} writes them. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("version", VERSION);
    m.put("name", name);
    m.put("task", task);
    m.put("seeds", seeds());
    List<Map<String, Object>> rs = new ArrayList<>();
    for (Run r : runs) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("seed", r.seed());
      o.put("dir", r.dir());
      o.put("stop_reason", r.stopReason());
      o.put("epochs", r.epochs());
      o.put("best_epoch", r.bestEpoch());
      o.put("seconds", r.seconds());
      rs.add(o);
    }
    m.put("runs", rs);
    parts.forEach((part, p) -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("records", p.sameRecords() ? p.records().get(0) : p.records());
      o.put("metrics", spreadJson(p.metrics()));
      o.put("baselines", p.baselines());
      o.put("seed_dependent_baselines", spreadJson(p.seedDependentBaselines()));
      m.put(part, o);
    });
    return JsonSafe.of(m);
  }

  private static Map<String, Object> spreadJson(Map<String, Spread> spreads) {
    Map<String, Object> out = new LinkedHashMap<>();
    spreads.forEach((k, s) -> {
      Map<String, Object> o = new LinkedHashMap<>();
      List<Double> values = new ArrayList<>();
      for (double v : s.values()) values.add(v);
      o.put("values", values);
      o.put("mean", s.mean());
      o.put("sd", s.sd());
      o.put("min", s.min());
      o.put("max", s.max());
      out.put(k, o);
    });
    return out;
  }

  /** Writes seeds.json into {@code dir}, atomically. */
  public void write(Path dir) throws IOException {
    ModelDirectory.writeJson(dir.resolve(FILE), json());
  }

  /**
   * What {@code recurrent train --seeds} prints for people: the test part (else validation), each metric as mean ±
   * sd over the seeds with min and max, then the baselines, saying whether they depend on the seed.
   */
  public String text() {
    StringBuilder b = new StringBuilder();
    String part = parts.containsKey("test") ? "test" : parts.keySet().stream().findFirst().orElse(null);
    b.append(runs.size()).append(" seeds of ").append(name).append(" (").append(seeds().stream().map(String::valueOf)
        .collect(java.util.stream.Collectors.joining(", "))).append(")");
    if (part == null) return b.append(": no validation or test part was scored\n").toString();
    PartSummary p = parts.get(part);
    b.append(", ").append(part).append(" part, ").append(p.sameRecords() ? p.records().get(0) + " records"
        : "records " + p.records() + " (differ by seed)").append(":\n");
    int width = 0;
    for (String k : p.metrics().keySet()) width = Math.max(width, k.length());
    for (String k : p.baselines().keySet()) width = Math.max(width, k.length());
    for (String k : p.seedDependentBaselines().keySet()) width = Math.max(width, k.length());
    String row = "  %-" + width + "s  %s%n";
    b.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", "metric", "mean ± sd over " + runs.size()
        + " seeds (min … max)"));
    p.metrics().forEach((k, s) -> b.append(String.format(Locale.ROOT, row, k, describe(s))));
    if (!p.baselines().isEmpty()) {
      b.append("baselines (fitted on the training part; the same for every seed):\n");
      p.baselines().forEach((k, v) -> b.append(String.format(Locale.ROOT, row, k, number(v))));
    }
    if (!p.seedDependentBaselines().isEmpty() || !p.sameRecords()) {
      b.append("baselines, which differ between seeds: the data depend on the seed (a ratio split without "
          + "data.split.seed splits by the run's seed; set data.split.seed to score every seed on the same "
          + "records):\n");
      p.seedDependentBaselines().forEach((k, s) -> b.append(String.format(Locale.ROOT, row, k, describe(s))));
    }
    return b.toString();
  }

  private static String describe(Spread s) {
    return number(s.mean()) + " ± " + number(s.sd()) + "  (" + number(s.min()) + " … " + number(s.max()) + ")";
  }

  private static String number(double v) {
    return Double.isFinite(v) && Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }
}
