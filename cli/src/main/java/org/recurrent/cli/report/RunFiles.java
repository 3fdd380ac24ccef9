package org.recurrent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.recurrent.io.JsonFiles;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.Provenance;
import org.recurrent.run.RecordedPredictions;
import org.recurrent.run.RunMetrics;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.EventLog;
import org.recurrent.train.Progress;
import org.recurrent.train.TrainingEvent;

/**
 * What a report reads from one model directory, each file with the project's checked readers
 * ({@link ModelDirectory#read}, {@link ModelDirectory#fileInside} for every other file, so no link leads out of the
 * directory; {@link JsonFiles}, which never quotes a file's content).
 *
 * @param dir         the model directory
 * @param name        the run's name (provenance.json's, else the directory's)
 * @param loaded      config.json and the model with its weights
 * @param events      the typed lines of events.jsonl (empty without the file)
 * @param metrics     metrics.json, or null
 * @param provenance  provenance.json, or null
 * @param roc         roc.json, or null
 * @param predictions the held-out part's predictions recomputed, or why not ({@link RecordedPredictions})
 */
public record RunFiles(Path dir, String name, ModelDirectory.Loaded loaded, List<TrainingEvent> events,
                       RunMetrics metrics, Provenance provenance, JsonNode roc, RecordedPredictions.Outcome predictions) {

  /** Side files of later features that sections read when present (formats in docs/reports.md). */
  public static final String ATTENTION = "attention.json", GRADIENT_FLOW = "gradient_flow.json";

  /**
   * Reads {@code dir}.
   *
   * @param recompute recompute the held-out predictions (false for runs that are only compared)
   * @throws IllegalArgumentException when {@code dir} is no directory
   * @throws IOException naming the file, when one is not what it should be
   */
  public static RunFiles read(Path dir, boolean recompute, Progress progress) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("run directory not found: " + dir + " (give the model directory that "
          + "'recurrent train' wrote, e.g. runs/<name>)");
    }
    ModelDirectory.Loaded loaded = ModelDirectory.read(dir);
    Path eventsFile = ModelDirectory.fileInside(dir, ModelDirectory.EVENTS);
    List<TrainingEvent> events = Files.exists(eventsFile) ? EventLog.read(eventsFile) : List.of();
    Path metricsFile = ModelDirectory.fileInside(dir, ModelDirectory.METRICS);
    RunMetrics metrics = Files.exists(metricsFile) ? RunMetrics.read(metricsFile) : null;
    Path provenanceFile = ModelDirectory.fileInside(dir, ModelDirectory.PROVENANCE);
    Provenance provenance = Files.exists(provenanceFile) ? Provenance.read(provenanceFile) : null;
    Path rocFile = ModelDirectory.fileInside(dir, TrainingRun.ROC);
    JsonNode roc = Files.exists(rocFile) ? JsonFiles.read(rocFile, ModelDirectory.JSON) : null;
    RecordedPredictions.Outcome predictions = recompute ? RecordedPredictions.of(loaded, provenance, metrics, progress)
        : new RecordedPredictions.Unavailable("not asked for (--no-predictions, or a run given with --compare)");
    String name = provenance != null && provenance.name() != null ? provenance.name()
        : dir.toAbsolutePath().normalize().getFileName().toString();
    return new RunFiles(dir, name, loaded, events, metrics, provenance, roc, predictions);
  }

  /** This run under another name. */
  public RunFiles named(String other) {
    return new RunFiles(dir, other, loaded, events, metrics, provenance, roc, predictions);
  }

  /**
   * The runs with names that tell them apart in a legend: a name that several runs share gets each run's
   * directory added ({@code temperature-forecast (/tmp/a)}), as runs of one config with other {@code --set}s do.
   */
  public static List<RunFiles> distinctNames(List<RunFiles> runs) {
    java.util.Map<String, Long> counts = runs.stream().collect(java.util.stream.Collectors.groupingBy(RunFiles::name,
        java.util.stream.Collectors.counting()));
    return runs.stream().map(r -> counts.get(r.name()) > 1 ? r.named(r.name() + " (" + r.dir() + ")") : r).toList();
  }

  /** The recomputed predictions, when there are. */
  public Optional<RecordedPredictions.Available> available() {
    return predictions instanceof RecordedPredictions.Available a ? Optional.of(a) : Optional.empty();
  }

  /** The predictions of class outputs with one class index per row (classification, tagging, hf-onset). */
  public Optional<RecordedPredictions.Available> classPredictions() {
    return available().filter(a -> a.predictions().size() > 0 && a.predictions().labelled()
        && !a.labels().classes().isEmpty() && a.predictions().truth(0).length == 1 && a.labels().outputSize() > 1);
  }

  /** The predictions of several independent labels per row, multi-hot truth (multilabel). */
  public Optional<RecordedPredictions.Available> labelPredictions() {
    return available().filter(a -> a.predictions().size() > 0 && a.predictions().labelled()
        && !a.labels().classes().isEmpty() && a.predictions().truth(0).length == a.labels().outputSize()
        && a.labels().outputSize() > 1);
  }

  /** The predictions of values (regression, forecast). */
  public Optional<RecordedPredictions.Available> valuePredictions() {
    return available().filter(a -> a.predictions().size() > 0 && a.predictions().labelled()
        && a.labels().classes().isEmpty());
  }

  /** A side file of the directory, checked to stay inside it; empty when absent. */
  public Optional<Path> file(String name) throws IOException {
    Path p = ModelDirectory.fileInside(dir, name);
    return Files.exists(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * The training batches by step. A run killed and resumed repeats the batches after its last checkpoint; the
   * later line of a step is the one the final model descends from, so it is the one kept.
   */
  public List<TrainingEvent.BatchDone> batches() {
    java.util.TreeMap<Long, TrainingEvent.BatchDone> byStep = new java.util.TreeMap<>();
    for (TrainingEvent e : events) if (e instanceof TrainingEvent.BatchDone b) byStep.put(b.step(), b);
    return List.copyOf(byStep.values());
  }

  /** The evaluated epochs by number, the later line of a repeated epoch kept (as for {@link #batches()}). */
  public List<TrainingEvent.EpochDone> epochs() {
    java.util.TreeMap<Integer, TrainingEvent.EpochDone> byEpoch = new java.util.TreeMap<>();
    for (TrainingEvent e : events) if (e instanceof TrainingEvent.EpochDone d) byEpoch.put(d.epoch(), d);
    return List.copyOf(byEpoch.values());
  }

  /** The part whose final scores the report shows: test, else validation; null without metrics. */
  public RunMetrics.PartScores heldOut() {
    if (metrics == null) return null;
    RunMetrics.PartScores test = metrics.parts().get("test");
    return test != null ? test : metrics.parts().get("validation");
  }

  public String heldOutName() {
    return metrics != null && metrics.parts().containsKey("test") ? "test" : "validation";
  }
}
