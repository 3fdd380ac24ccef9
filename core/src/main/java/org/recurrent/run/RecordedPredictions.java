package org.recurrent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.recurrent.config.ConfigOverrides;
import org.recurrent.config.TrainConfig;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.eval.Evaluator;
import org.recurrent.eval.Scoring;
import org.recurrent.models.ModelDirectory;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.pipeline.PreparedData.Part;
import org.recurrent.tasks.DataPart;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskRegistry;
import org.recurrent.train.Progress;

/**
 * A finished run's predictions on its own held-out part (test, else validation), recomputed from the model
 * directory: the recorded config (provenance.json's {@code config} with its {@code overrides}) prepares the data
 * again, exactly as training did, and the saved model is scored by {@link Evaluator}, the one evaluation path.
 *
 * <p>Why recompute rather than have training write its predictions: every model directory, old ones included, can
 * be reported on; the model directory stays small (a language model's predictions are one distribution per token);
 * and the report checks the directory while it reads it, since the recomputed loss must equal {@code metrics.json}'s.
 * The cost is reading the data again, which is what {@code recurrent eval} does too.
 *
 * <p>A model directory is untrusted input ({@code docs/security.md}), and its recorded config names the files to
 * read. So before reading anything every file in provenance.json's {@code data_files} must exist with its recorded
 * size and SHA-256 (a directory can only make this read a file whose exact content its author already knew), and
 * the files the preparation read must be exactly those. When they are not, nothing is recomputed and the reason
 * says why ({@link Unavailable}); the rest of a report does not need the data.
 */
public final class RecordedPredictions {
  private RecordedPredictions() {}

  /** The predictions, or why there are none. */
  public sealed interface Outcome permits Available, Unavailable {}

  /**
   * What the model said on the part.
   *
   * @param part        the part scored ({@code test}, else {@code validation})
   * @param data        its records (or corpus, or forecast windows)
   * @param predictions the model's outputs read out by the task, row by row (empty for a language model)
   * @param metrics     the part's loss and task metrics, recomputed
   * @param recorded    the same part's loss in metrics.json, NaN when it has none
   * @param labels      what the outputs mean
   * @param task        the run's task
   * @param vocabulary  the token vocabulary (text inputs, language models), else null
   */
  public record Available(String part, DataPart data, Predictions predictions, Map<String, Double> metrics,
                          double recorded, OutputLabels labels, Task task, Vocabulary vocabulary) implements Outcome {
    /** Whether the recomputed loss is the loss training recorded (to float rounding). */
    public boolean matchesRecorded() {
      double loss = metrics.getOrDefault("loss", Double.NaN);
      return Math.abs(loss - recorded) <= 1e-6 * Math.max(1, Math.abs(recorded));
    }
  }

  /** Why the predictions could not be recomputed (data files moved or changed, no provenance). */
  public record Unavailable(String reason) implements Outcome {}

  /**
   * Recomputes the held-out predictions of {@code loaded}'s run.
   *
   * @param provenance the run's provenance.json (null: none, then nothing can be recomputed)
   * @param metrics    the run's metrics.json (null: none; the recomputed loss is then not checked)
   * @param progress   where the one line saying what is being read and scored goes
   */
  public static Outcome of(ModelDirectory.Loaded loaded, Provenance provenance, RunMetrics metrics, Progress progress)
      throws IOException {
    Objects.requireNonNull(progress, "progress");
    if (provenance == null) {
      return new Unavailable(loaded.dir().resolve(ModelDirectory.PROVENANCE) + " is missing: the recorded config and data "
          + "files are not known");
    }
    for (Provenance.DataFile f : provenance.dataFiles()) {
      String changed = changed(f);
      if (changed != null) return new Unavailable(changed);
    }
    TrainConfig config = config(loaded.dir(), provenance);
    Path baseDir = Path.of(provenance.configFile()).toAbsolutePath().getParent();
    progress.line("report: reading the run's data again (" + describe(provenance.dataFiles()) + ") to score its held-out part");
    PreparedData data = DataPreparation.prepare(config, baseDir);
    List<String> read = data.files().stream().map(p -> p.toAbsolutePath().toString()).toList();
    List<String> recordedFiles = provenance.dataFiles().stream().map(Provenance.DataFile::path).toList();
    if (!read.equals(recordedFiles)) {
      return new Unavailable("the recorded config reads " + read + ", not the data files provenance.json lists "
          + recordedFiles);
    }
    if (!data.classes().equals(loaded.manifest().classes())) {
      return new Unavailable("the data read again have the classes " + data.classes() + ", the model "
          + loaded.manifest().classes());
    }
    Task task = TaskRegistry.standard().get(loaded.manifest().task());
    Part which = !data.part(Part.TEST).isEmpty() ? Part.TEST : Part.VALIDATION;
    DataPart part = data.part(which);
    if (part.isEmpty()) return new Unavailable("the run has neither test nor validation data");
    progress.line("report: scoring the " + which.label() + " part (" + part.size() + (part.corpus() != null
        ? " tokens" : " records") + ")");
    Evaluator.Evaluation e = new Evaluator(task).evaluate(loaded.model(), part, Scoring.evaluationPlan(loaded.manifest()),
        data.labels());
    double recorded = Double.NaN;
    if (metrics != null && metrics.parts().containsKey(which.label())) {
      recorded = metrics.parts().get(which.label()).metrics().getOrDefault("loss", Double.NaN);
    }
    return new Available(which.label(), part, e.predictions(), e.metrics(), recorded, data.labels(), task,
        data.vocabulary());
  }

  /** Why a recorded data file cannot be read as it was, or null when it can. */
  private static String changed(Provenance.DataFile f) throws IOException {
    Path p = Path.of(f.path());
    if (!Files.isRegularFile(p)) return "the run's data file " + p + " is no longer there";
    if (Files.size(p) != f.bytes() || !Provenance.sha256(p).equals(f.sha256())) {
      return "the run's data file " + p + " changed since training (its SHA-256 is not the one provenance.json records)";
    }
    return null;
  }

  /**
   * The run's config: provenance.json's config text with its overrides, read as training read it (YAML or JSON by
   * the config file's name).
   *
   * @throws IOException naming provenance.json, when the text does not read as a config
   */
  public static TrainConfig config(Path dir, Provenance provenance) throws IOException {
    String name = Path.of(provenance.configFile()).getFileName().toString();
    Path temp = Files.createTempDirectory("recurrent-report");
    Path file = temp.resolve(name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? "config.json" : "config.yaml");
    try {
      Files.writeString(file, provenance.config());
      return ConfigOverrides.parse(provenance.overrides()).readTrainConfig(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(dir.resolve(ModelDirectory.PROVENANCE) + ": its recorded config does not read: "
          + e.getMessage().replace(file.toString(), "config"), e);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(temp);
    }
  }

  private static String describe(List<Provenance.DataFile> files) {
    if (files.isEmpty()) return "generated, no files";
    long bytes = 0;
    List<String> names = new ArrayList<>();
    for (Provenance.DataFile f : files) {
      bytes += f.bytes();
      names.add(Path.of(f.path()).getFileName().toString());
    }
    return String.join(", ", names) + ", " + (bytes >> 10) + " KiB";
  }
}
