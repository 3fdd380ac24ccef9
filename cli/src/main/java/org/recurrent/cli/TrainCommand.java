package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.recurrent.cli.dashboard.DashboardServer;
import org.recurrent.config.ConfigOverrides;
import org.recurrent.models.ModelDirectory;
import org.recurrent.train.TimeBudget;
import org.recurrent.train.Progress;
import org.recurrent.run.SeedRuns;
import org.recurrent.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recurrent train CONFIG}: trains a model as a config file describes and writes a model directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model as CONFIG (YAML or JSON) describes; write the model directory (weights, config, vocabulary/scaler, "
    + "provenance, metrics.json, events.jsonl, checkpoints). Prints the final metrics as JSON on stdout. "
    + "See docs/user-guide.md for the config fields.")
final class TrainCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "Training config file (.yaml, .yml or .json).")
  Path config;

  @Option(names = {"-o", "--output"}, description = "Model directory to write (default: the config's output, "
      + "else runs/<config name>).")
  Path output;

  @Option(names = "--resume", description = "Continue the run in the output directory from its last checkpoint.")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace a model already in the output directory.")
  boolean overwrite;

  @Option(names = "--epochs", description = "Override training.epochs.")
  Integer epochs;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "Override a config field, e.g. --set model.hidden_size=256 --set training.optimizer.lr=0.003; "
      + "repeatable, applied in order before the config is checked. VALUE is read as YAML: 7, 0.5, true, null, gru, "
      + "[1, 2]. Recorded in provenance.json.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--time-budget", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop at the first batch boundary after this much training time (90s, 10m, 2h, 1h30m or PT10M), "
      + "with a checkpoint; the run's evaluation and outputs are written as after early stopping "
      + "(stop_reason time_budget), and --resume continues it.")
  Duration timeBudget;

  @Option(names = "--quiet", description = "No progress output on stderr (--progress none).")
  boolean quiet;

  static final String PROGRESS_ENV = "RECURRENT_PROGRESS";

  @Option(names = "--progress", defaultValue = "${env:" + PROGRESS_ENV + ":-auto}", paramLabel = "auto|bar|plain|none",
      description = "Progress on stderr: bar (one redrawn status line), plain (a line every 10 s and per epoch), none, "
      + "or auto: the bar when stderr is a terminal (whatever stdout is), else plain. "
      + "The environment variable " + PROGRESS_ENV + " sets the default.")
  String progressMode;

  @Mixin ThreadsOption threads;

  @Option(names = "--seeds", paramLabel = "N|S1,S2,...",
      description = "Train the config once per seed, each into OUTPUT/seed-S/ (a complete model directory), then write "
      + "OUTPUT/seeds.json: every test and validation metric as its values, mean, sample standard deviation, min and "
      + "max over the seeds, beside the baselines. N counts from the config's seed (3: seeds 42, 43, 44 for seed 42); "
      + "or list them (1,2,3). Prints the summary on stderr and seeds.json on stdout. A seed already complete is not "
      + "trained again (--overwrite retrains); --resume continues an interrupted one. See docs/seeds.md.")
  String seeds;

  @Option(names = "--dashboard", description = "Serve a live page of the run on 127.0.0.1 (read-only; its address is "
      + "printed on stderr; it stops with the run). See docs/dashboard.md.")
  boolean dashboard;

  @Option(names = "--port", paramLabel = "N", description = "The dashboard's port (with --dashboard; default: 0, "
      + "any free port).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    String mode = progressKind(progressMode, quiet, Progress.stderrIsTerminal());
    threads.apply();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = switch (mode) {
      case "bar" -> Progress.bar(System.err);
      case "plain" -> Progress.plain(System.err, 10);
      default -> Progress.quiet();
    };
    if (port != null && !dashboard) throw new IllegalArgumentException("--port is the dashboard's: give --dashboard too");
    TrainingRun.Options options = new TrainingRun.Options(output, resume, overwrite, epochs, progress,
        ConfigOverrides.parse(sets), timeBudget, InstantSource.system());
    if (seeds != null) return trainSeeds(options, progress, out);
    DashboardServer page = dashboard ? DashboardServer.live(TrainingRun.outputDirectory(config, options),
        port == null ? 0 : port) : null;
    TrainingRun.Outcome o;
    try {
      if (page != null) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("dashboard: " + page.url() + " (loopback only, read-only; stops with the run, then: recurrent "
            + "dashboard --run DIR)");
        err.flush();
      }
      o = TrainingRun.run(config, options);
    } finally {
      if (page != null) page.finish();
    }
    for (var png : RocChart.draw(o.modelDir())) progress.line("ROC curves drawn in " + png);
    out.println(ModelDirectory.JSON.writeValueAsString(o.metrics()));
    out.flush();
    return 0;
  }

  /** --seeds: one run per seed and their summary ({@link SeedRuns}). */
  private int trainSeeds(TrainingRun.Options options, Progress progress, PrintWriter out) throws Exception {
    if (dashboard) {
      throw new IllegalArgumentException("--dashboard with --seeds: the page follows one run; watch a seed with "
          + "recurrent dashboard --run DIR/seed-S");
    }
    SeedRuns.Outcome o = SeedRuns.run(config, options, seeds, run -> {
      for (var png : RocChart.draw(run.modelDir())) progress.line("ROC curves drawn in " + png);
    });
    PrintWriter err = spec.commandLine().getErr();
    err.print(o.summary().text());
    err.flush();
    out.println(ModelDirectory.JSON.writeValueAsString(o.summary().json()));
    out.flush();
    return 0;
  }

  /** bar, plain or none: what --progress (and --quiet) ask for, auto deciding by whether stderr is a terminal. */
  static String progressKind(String mode, boolean quiet, boolean stderrIsTerminal) {
    if (quiet) return "none";
    return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> stderrIsTerminal ? "bar" : "plain";
      case "bar", "plain", "none" -> mode.trim().toLowerCase(java.util.Locale.ROOT);
      default -> throw new IllegalArgumentException("--progress (or " + PROGRESS_ENV + ") must be auto, bar, plain or "
          + "none, got '" + mode + "'");
    };
  }

  /** --time-budget's values: {@link TimeBudget#parse}. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return TimeBudget.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
