package org.recurrent.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.config.ConfigOverrides;
import org.recurrent.config.TrainConfig;
import org.recurrent.io.AtomicFiles;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.Progress;
import org.recurrent.train.Trainer;

/**
 * {@code recurrent train CONFIG -o DIR --seeds N}: the config trained once per seed, everything else identical,
 * each run a complete model directory {@code DIR/seed-S} (exactly what {@code train CONFIG --set seed=S -o DIR/seed-S}
 * writes: the seed is one more {@code --set}, after the user's), then {@code DIR/seeds.json} ({@link SeedSummary}).
 *
 * <p>Resumable: a seed whose directory is complete (its provenance.json, written last, is there) is read, not
 * trained again, after checking that it was trained from the same config text and {@code --set} options; so a
 * killed {@code --seeds} command run again continues with the seed it was on. That seed's half-written
 * directory is continued from its last checkpoint with {@code --resume}, or started again with {@code --overwrite},
 * which retrains every seed (the ordinary rules of {@link TrainingRun}, per seed). Every complete seed is checked
 * before any training starts, so a mismatch fails at once and changes nothing.
 */
public final class SeedRuns {
  private SeedRuns() {}

  /** Told of each seed's run as it finishes (the command draws its charts there). */
  @FunctionalInterface
  public interface Finished {
    void trained(TrainingRun.Outcome outcome) throws IOException;
  }

  /**
   * What a seeds run produced.
   *
   * @param dir     the seeds directory
   * @param summary what seeds.json holds
   * @param trained the seeds trained by this call (the others were complete already)
   */
  public record Outcome(Path dir, SeedSummary summary, List<Long> trained) {}

  /**
   * Trains {@code configFile} once per seed of {@code seeds} (a count counts from the config's seed:
   * {@link SeedList#parse}).
   *
   * @param options as for one run; its output is the seeds directory; {@code epochs} and {@code timeBudget} must be
   *                null (a seed cut short by a budget would be averaged as if complete; give the epochs as
   *                {@code --set training.epochs=N}, which provenance records and a resumed seed is checked against)
   */
  public static Outcome run(Path configFile, TrainingRun.Options options, String seeds, Finished finished)
      throws IOException {
    if (options.epochs() != null) {
      throw new IllegalArgumentException("--epochs with --seeds: give --set training.epochs=" + options.epochs()
          + " instead (recorded in each seed's provenance, so a resumed --seeds run is checked against it)");
    }
    if (options.timeBudget() != null) {
      throw new IllegalArgumentException("--time-budget with --seeds: a seed stopped by the budget would be averaged "
          + "as if it had trained to the end; limit the epochs (--set training.epochs=N) instead");
    }
    if (options.resume() && options.overwrite()) {
      throw new IllegalArgumentException("--resume and --overwrite with --seeds: --resume continues an interrupted "
          + "seed, --overwrite retrains every seed; give one");
    }
    List<String> sets = options.overrides().asStrings();
    for (String s : sets) {
      if (s.equals("seed") || s.startsWith("seed=")) {
        throw new IllegalArgumentException("--set " + s + " with --seeds: --seeds sets each run's seed; drop the --set");
      }
    }
    TrainConfig config = options.overrides().readTrainConfig(configFile);         // a bad config fails here, first
    SeedList list = SeedList.parse(seeds, config.seed());
    Path dir = TrainingRun.outputDirectory(configFile, options);
    refuseSingleModel(dir);
    AtomicFiles.refuseLink(dir.resolve(SeedSummary.FILE));
    String configText = Files.readString(configFile, StandardCharsets.UTF_8);

    // first every complete seed is checked, so a mismatch stops the command before it trains anything
    List<Boolean> complete = new ArrayList<>();
    for (long seed : list.seeds()) {
      Path sub = dir.resolve(SeedList.directoryName(seed));
      boolean done = !options.overwrite() && Files.isRegularFile(sub.resolve(ModelDirectory.PROVENANCE));
      if (done) checkSameRun(sub, configText, overrides(sets, seed));
      complete.add(done);
    }

    Progress progress = options.progress();
    List<SeedSummary.Run> runs = new ArrayList<>();
    List<RunMetrics> metrics = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    List<Long> trained = new ArrayList<>();
    int n = list.seeds().size();
    for (int i = 0; i < n; i++) {
      long seed = list.seeds().get(i);
      Path sub = dir.resolve(SeedList.directoryName(seed));
      String which = "seed " + seed + " (" + (i + 1) + " of " + n + ")";
      RunMetrics m;
      Provenance p;
      if (complete.get(i)) {
        progress.line(which + ": complete in " + sub + ", not trained again (--overwrite retrains it)");
        m = RunMetrics.read(sub.resolve(ModelDirectory.METRICS));
        p = Provenance.read(sub.resolve(ModelDirectory.PROVENANCE));
      } else {
        boolean resume = options.resume() && hasRun(sub);
        progress.line(which + ": " + (resume ? "resuming" : "training") + " -> " + sub);
        ConfigOverrides own = ConfigOverrides.parse(overrides(sets, seed));
        TrainingRun.Outcome o;
        try {
          o = TrainingRun.run(configFile, new TrainingRun.Options(sub, resume, options.overwrite(), null, progress,
              own, null, options.clock()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(which + ": " + e.getMessage(), e);
        }
        if (finished != null) finished.trained(o);
        m = o.metrics();
        p = o.provenance();
        trained.add(seed);
      }
      runs.add(new SeedSummary.Run(seed, sub.getFileName().toString(), m.stopReason(), m.epochs(), m.bestEpoch(),
          p.seconds()));
      metrics.add(m);
      dirs.add(sub);
    }
    SeedSummary summary = SeedSummary.of(TrainingRun.runName(config, configFile), runs, metrics, dirs);
    summary.write(dir);
    progress.line("summary of " + n + " seeds written to " + dir.resolve(SeedSummary.FILE));
    return new Outcome(dir, summary, trained);
  }

  /** The user's {@code --set} options, then {@code seed=S}: what a plain run of that seed is given. */
  static List<String> overrides(List<String> sets, long seed) {
    List<String> out = new ArrayList<>(sets);
    out.add("seed=" + seed);
    return out;
  }

  /** A seeds directory holds models in its seed-S subdirectories, never one at its top. */
  private static void refuseSingleModel(Path dir) {
    for (String name : List.of(ModelDirectory.CONFIG, ModelDirectory.WEIGHTS, ModelDirectory.CHECKPOINTS)) {
      if (Files.exists(dir.resolve(name))) {
        throw new IllegalArgumentException("output directory " + dir + " holds a single model (its " + name + "); "
            + "--seeds writes " + dir + "/seed-S/ and seeds.json: give another --output");
      }
    }
  }

  /** A complete seed must be a run of this config with these --set options, or its numbers mean something else. */
  private static void checkSameRun(Path sub, String configText, List<String> expected) throws IOException {
    Provenance p = Provenance.read(sub.resolve(ModelDirectory.PROVENANCE));
    if (!p.config().equals(configText)) {
      throw new IllegalArgumentException(sub + " was trained from another version of the config file (its "
          + "provenance.json holds that text); --overwrite retrains every seed, or give another --output");
    }
    if (!p.overrides().equals(expected)) {
      throw new IllegalArgumentException(sub + " was trained with " + describe(p.overrides()) + ", this command "
          + "gives " + describe(expected) + "; --overwrite retrains every seed, or give another --output");
    }
    if (!Files.isRegularFile(sub.resolve(ModelDirectory.METRICS))) {
      throw new IllegalArgumentException(sub + " has a provenance.json but no metrics.json; --overwrite retrains it");
    }
  }

  private static boolean hasRun(Path sub) {
    return Files.exists(sub.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.LAST))
        || Files.exists(sub.resolve(ModelDirectory.EVENTS));
  }

  private static String describe(List<String> sets) {
    return sets.isEmpty() ? "no --set" : sets.stream().map(s -> "--set " + s).collect(
        java.util.stream.Collectors.joining(" "));
  }
}
