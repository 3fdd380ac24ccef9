package org.recurrent.run;

import org.recurrent.config.ConfigOverrides;
import org.recurrent.config.TrainConfig;
import org.recurrent.config.TrainingSection;
import org.recurrent.eval.Evaluator;
import org.recurrent.optim.ScheduleDriver;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.rnn.Workspace;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TunedBaselines;
import org.recurrent.metrics.RocCurve;
import org.recurrent.train.Checkpoint;
import org.recurrent.train.EventLog;
import org.recurrent.train.ForwardPass;
import org.recurrent.train.Progress;
import org.recurrent.train.TimeBudget;
import org.recurrent.train.Trainer;
import org.recurrent.train.TrainerOptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.recurrent.data.BatchSource;
import org.recurrent.io.AtomicFiles;
import org.recurrent.data.Batcher;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.Model;
import org.recurrent.models.ModelKind;
import org.recurrent.models.ModelRegistry;
import org.recurrent.models.ModelSpec;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.tasks.DataPart;
import org.recurrent.tasks.FittedBaselines;
import org.recurrent.eval.Scoring;
import org.recurrent.pipeline.PreparedData.Part;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.optim.Optimizer;

/**
 * {@code recurrent train CONFIG}: reads the config and the data, builds the model, runs the {@link Trainer} and
 * writes the model directory. Everything that can be wrong with the inputs (config, data files, warm-start
 * model: {@link WarmStart}) is checked before anything is written, so a bad input leaves an existing model
 * directory as it was.
 */
public final class TrainingRun {
  public static final String VOCABULARY = "vocab.json";
  public static final String CODES = "codes.json";
  /** ehr: what the reader read and each part's cohort table ({@link org.recurrent.data.ehr.EhrSummary}). */
  public static final String COHORT = "cohort.json";
  /** Binary tasks with curves (hf-onset): the ROC curves of the model and its baselines per part. */
  public static final String ROC = "roc.json";
  public static final String FEATURE_SCALER = "feature_scaler.json";
  public static final String SERIES_SCALER = "scaler.json";
  public static final String BASELINES = "baselines.json";

  private TrainingRun() {}

  /**
   * @param output    model directory (null: the config's {@code output}, else {@code runs/<config name>})
   * @param resume    continue the run in {@code output} from its last checkpoint
   * @param overwrite replace a model already in {@code output}
   * @param epochs    override training.epochs (null: as configured)
   * @param progress  where progress lines go
   * @param overrides {@code --set} overrides of config fields, applied before the config is checked
   * @param timeBudget stop at the first batch boundary past this much training time (null: no budget)
   * @param clock     the clock the time budget reads
   */
  public record Options(Path output, boolean resume, boolean overwrite, Integer epochs, Progress progress,
                        ConfigOverrides overrides, Duration timeBudget, InstantSource clock) {
    public Options {
      if (overrides == null) overrides = ConfigOverrides.none();
      if (clock == null) clock = InstantSource.system();
    }

    /** No overrides, no time budget. */
    public Options(Path output, boolean resume, boolean overwrite, Integer epochs, Progress progress) {
      this(output, resume, overwrite, epochs, progress, ConfigOverrides.none(), null, InstantSource.system());
    }
  }

  /**
   * What a run produced.
   *
   * @param modelDir   where the model went
   * @param metrics    the final metrics, as in its {@code metrics.json}
   * @param provenance how it came to be, as in its {@code provenance.json}
   * @param result     what the trainer ended with (its per-epoch rows)
   */
  public record Outcome(Path modelDir, RunMetrics metrics, Provenance provenance, Trainer.Result result) {}

  /**
   * The model as training starts it, before any warm start: every initial weight drawn from {@code new Random(seed)}
   * and nothing else. {@code recurrent diagnose} calls this to measure a model "at initialisation" again, exactly.
   */
  public static Model initialModel(ModelKind<?, ?> kind, ModelSpec spec, long seed) {
    return kind.buildFrom(spec, new Random(seed));
  }

  public static Outcome run(Path configFile, Options options) throws IOException {
    Instant started = Instant.now();
    TrainConfig config = options.overrides().readTrainConfig(configFile);
    Path baseDir = configFile.toAbsolutePath().getParent();
    String name = runName(config, configFile);
    Path out = outputDirectory(configFile, config, options);
    checkOutput(out, options);
    if (options.resume()) checkSameOverrides(out, options.overrides());

    Task task = config.parsedTask();
    PreparedData data = DataPreparation.prepare(config, baseDir);
    task.checkTargets(data.targetKind(), config.data().format());
    TrainingSection t = config.training();
    int epochs = options.epochs() != null ? options.epochs() : t.epochs();
    long seed = config.seed();

    ModelKind<?, ?> kind = ModelRegistry.standard().get(config.model().kind());
    ModelSpec spec = kind.specFrom(config.model(), data.signature(task.perStepOutput(data.targetKind())));
    Model model = initialModel(kind, spec, seed);
    String warmStart = null;
    if (config.initFrom() != null) {
      warmStart = WarmStart.load(model, DataPreparation.resolve(baseDir, config.initFrom()), data);
    }

    int tbptt = t.tbptt();
    int streamSteps = tbptt > 0 ? tbptt : TrainingSection.DEFAULT_LM_TBPTT;   // a token stream needs a chunk length
    BatchPlan evalPlan = evaluationPlan(t, streamSteps);
    OutputLabels labels = data.labels();
    BatchPlan trainPlan = BatchPlan.of(t.batchSize()).shuffled(seed).streams(streamSteps);
    BatchSource train = task.batches(data.part(Part.TRAIN), t.bucketByLength() ? trainPlan.bucketed() : trainPlan);
    BatchSource validation = task.batches(data.part(Part.VALIDATION), evalPlan);
    Optimizer optimizer = t.optimizer().build(model.parameters());
    long totalSteps = (long) epochs * stepsPerEpoch(train, tbptt, data);
    ScheduleDriver schedule = t.schedule().build(optimizer, totalSteps, task.higherIsBetter(t.monitor()));
    TrainerOptions trainerOptions = new TrainerOptions(epochs, t.clipGradNorm(), t.clipGradValue(), tbptt, t.patience(),
        t.monitor(), task.higherIsBetter(t.monitor()), t.checkpointEveryBatches(), seed, options.resume());

    ForwardPass pass = ForwardPass.of(model, task, p -> task.metrics(p, labels));
    Trainer.checkMonitor(pass, validation, t.monitor());          // before the output folder is touched
    clearPreviousRun(out, options);
    Files.createDirectories(out);
    AtomicFiles.removeStaleTemps(out);                         // a killed run's half-written files
    AtomicFiles.removeStaleTemps(out.resolve(ModelDirectory.CHECKPOINTS));
    Progress progress = options.progress();
    progress.line("training " + name + ": " + task.name() + ", " + describe(model) + " " + model.parameterCount()
        + " parameters, " + (data.corpusTrain() != null ? data.corpusTrain().length + " training tokens"
        : data.train().size() + " training / " + data.validation().size() + " validation / " + data.test().size()
        + " test records") + " -> " + out);
    if (warmStart != null) progress.line(warmStart);
    if (data.codes() != null) progress.line(codeReport(data));
    if (data.ehr() != null) data.ehr().describe().lines().forEach(progress::line);
    Trainer.Result result;
    OptionalDouble trainLoss;
    try (EventLog events = EventLog.append(out.resolve(ModelDirectory.EVENTS))) {
      Trainer.Builder builder = Trainer.builder(pass, optimizer,
          trainerOptions).name(name).schedule(schedule).listener(events).progress(progress)
          .checkpoints(out.resolve(ModelDirectory.CHECKPOINTS));
      if (options.timeBudget() != null) builder.listener(new TimeBudget(options.timeBudget(), options.clock()));
      if (data.corpusTrain() != null && data.vocabulary() != null && data.corpusTrain().length > 0) {
        builder.listener(new EpochSamples(model, data.vocabulary(), data.corpusTrain(), seed, events));
      } else if (validation != null && validation.batchesPerEpoch() > 0) {
        builder.listener(new EpochPredictions(model, task, validation, labels, events));
      }
      Trainer trainer = builder.build();
      result = trainer.fit(train, validation);
      Workspace.release();   // the training passes are over: the evaluation and baselines below need none of it
      trainLoss = trainer.lastEpochLoss();
      if (result.stopReason().equals(TimeBudget.REASON)) {
        progress.line("time budget of " + TimeBudget.format(options.timeBudget()) + " used up after " + result.epochsRun()
            + " complete epochs; writing the model as it stands (continue with --resume -o " + out + ")");
      }
      Path best = out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.BEST);
      if (validation != null && Files.exists(best)) {
        ModelDirectory.loadInto(model, Checkpoint.read(best).model(), best);
      }
      progress.line("fitting the task's baselines on the training part");
      FittedBaselines baselines = task.fitBaselines(data.part(Part.TRAIN), data.part(Part.VALIDATION), labels);
      DataPart tuningPart = data.part(Part.VALIDATION);
      if (!tuningPart.isEmpty()) {
        baselines = task.tuneDecision(baselines, () -> new Evaluator(task).evaluate(model, tuningPart, evalPlan, labels)
            .predictions(), labels);
      }
      Map<String, Map<String, RocCurve>> curves = new LinkedHashMap<>();
      RunMetrics metrics = finalMetrics(model, task, data, evalPlan, labels, baselines, result, trainLoss, curves);
      if (!curves.isEmpty()) writeCurves(out.resolve(ROC), curves);
      events.log(RunMetrics.EVENT, metrics.eventFields());
      writeModel(out, config, model, data, evalPlan, baselines);
      metrics.write(out.resolve(ModelDirectory.METRICS));
      Provenance provenance = provenance(config, options.overrides(), name, model, data, result, started, configFile);
      provenance.write(out.resolve(ModelDirectory.PROVENANCE));
      progress.line("model written to " + out + "; metrics in " + out.resolve(ModelDirectory.METRICS));
      return new Outcome(out, metrics, provenance, result);
    }
  }

  /**
   * The model directory a run of {@code configFile} with these options writes: {@code --output}, else the
   * config's {@code output}, else {@code runs/<name>}. Reads the config (an unreadable one fails as {@link #run}
   * would); for what watches a run before it starts (the dashboard).
   */
  public static Path outputDirectory(Path configFile, Options options) throws IOException {
    return outputDirectory(configFile, options.overrides().readTrainConfig(configFile), options);
  }

  private static Path outputDirectory(Path configFile, TrainConfig config, Options options) {
    if (options.output() != null) return options.output();
    return config.output() != null ? DataPreparation.resolve(configFile.toAbsolutePath().getParent(), config.output())
        : Path.of("runs", runName(config, configFile));
  }

  static String runName(TrainConfig config, Path configFile) {
    return config.name() != null ? config.name() : stripExtension(configFile.getFileName().toString());
  }

  /** Every name a run writes in its directory: none may be a symbolic link (outputs are never written through one). */
  private static final List<String> OUTPUTS = List.of(ModelDirectory.EVENTS, ModelDirectory.METRICS,
      ModelDirectory.PROVENANCE, ModelDirectory.CONFIG, ModelDirectory.WEIGHTS, VOCABULARY, CODES, FEATURE_SCALER,
      SERIES_SCALER, COHORT, ROC, BASELINES, ModelDirectory.CHECKPOINTS);

  private static void checkOutput(Path out, Options options) throws IOException {
    for (String name : OUTPUTS) AtomicFiles.refuseLink(out.resolve(name));
    for (String name : List.of(Trainer.LAST, Trainer.BEST)) {
      AtomicFiles.refuseLink(out.resolve(ModelDirectory.CHECKPOINTS).resolve(name));
    }
    boolean holdsModel = Files.exists(out.resolve(ModelDirectory.CONFIG)) || Files.exists(out.resolve(ModelDirectory.WEIGHTS))
        || Files.exists(out.resolve(ModelDirectory.CHECKPOINTS));
    if (holdsModel && !options.resume() && !options.overwrite()) {
      throw new IllegalArgumentException("output directory " + out + " already holds a model or a run; use --resume "
          + "to continue that run, --overwrite to replace it, or --output for another directory");
    }
    // A run killed before its first checkpoint has only its events: resuming it starts it again from the beginning.
    if (options.resume() && !Files.exists(out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.LAST))
        && !Files.exists(out.resolve(ModelDirectory.EVENTS))) {
      throw new IllegalArgumentException("nothing to resume: " + out.resolve(ModelDirectory.CHECKPOINTS)
          .resolve(Trainer.LAST) + " does not exist");
    }
  }

  /**
   * A resumed run must be the run it continues: the {@code --set} overrides its provenance recorded (when it
   * wrote one) are the ones given now.
   */
  private static void checkSameOverrides(Path out, ConfigOverrides overrides) throws IOException {
    Path file = out.resolve(ModelDirectory.PROVENANCE);
    if (!Files.exists(file)) return;
    List<String> before = Provenance.read(file).overrides();
    if (!before.equals(overrides.asStrings())) {
      throw new IllegalArgumentException("the run in " + out + " was trained with " + describeSets(before)
          + "; resume it with the same --set options (given: " + describeSets(overrides.asStrings()) + ")");
    }
  }

  private static String describeSets(List<String> sets) {
    return sets.isEmpty() ? "no --set" : sets.stream().map(s -> "--set " + s).collect(java.util.stream.Collectors
        .joining(" "));
  }

  /** --overwrite: the old run's files go only once the new inputs have all been read and checked. */
  private static void clearPreviousRun(Path out, Options options) throws IOException {
    if (!options.overwrite() || options.resume()) return;
    Files.deleteIfExists(out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.LAST));
    Files.deleteIfExists(out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.BEST));
    Files.deleteIfExists(out.resolve(ModelDirectory.EVENTS));
  }

  /** Evaluation batches: at least 64 records (or streams) at a time; streams cut as in training. */
  static BatchPlan evaluationPlan(TrainingSection t, int streamSteps) {
    return BatchPlan.evaluation(Math.max(t.batchSize(), Scoring.DEFAULT_EVAL_BATCH), streamSteps);
  }

  /** How many codes were kept and how often the other parts met codes the training part never had. */
  private static String codeReport(PreparedData data) {
    var c = data.codes();
    return "codes: " + (c.size() - 1) + " kept (seen at least " + c.minFrequency() + " times in the training part), "
        + "unknown code occurrences: train " + CodeVocabulary.unknownCount(data.train()) + ", validation "
        + CodeVocabulary.unknownCount(data.validation()) + ", test " + CodeVocabulary.unknownCount(data.test());
  }

  private static String describe(Model model) {
    return model instanceof SequenceModel s ? s.config().cell().configName() : model.kind();
  }

  private static long stepsPerEpoch(BatchSource train, int tbptt, PreparedData data) {
    if (!(train instanceof Batcher b) || tbptt <= 0 || !data.targetKind().perStep()) return train.batchesPerEpoch();
    long steps = 0;
    for (int[] members : b.plan(0)) {
      int T = 0;
      for (int i : members) T = Math.max(T, b.examples().get(i).length());
      steps += (T + tbptt - 1) / tbptt;
    }
    return steps;
  }

  /** The final model's scores on validation and test data, beside the task's baselines fitted on training data. */
  private static RunMetrics finalMetrics(Model model, Task task, PreparedData data, BatchPlan plan, OutputLabels labels,
                                         FittedBaselines baselines, Trainer.Result result, OptionalDouble trainLoss,
                                         Map<String, Map<String, RocCurve>> curves) {
    Evaluator evaluator = new Evaluator(task);
    DataPart train = data.part(Part.TRAIN);
    DataPart tuning = data.part(Part.VALIDATION);
    Map<String, RunMetrics.PartScores> parts = new LinkedHashMap<>();
    for (Part p : List.of(Part.VALIDATION, Part.TEST)) {
      DataPart part = data.part(p);
      if (part.isEmpty()) continue;
      Evaluator.Evaluation evaluation = evaluator.evaluate(model, part, plan, labels);
      Map<String, Double> scores = new LinkedHashMap<>(evaluation.metrics());
      scores.putAll(task.decisionMetrics(evaluation.predictions(), labels, baselines));
      Map<String, Double> baseline = new LinkedHashMap<>(task.scoreBaselines(baselines, part, labels));
      // baselines tuned on the validation part are scored on the test part only: on validation they would be
      // judged on the data that chose their hyper-parameters
      if (p == Part.TEST) {
        TunedBaselines tuned = task.tunedBaselines(train, tuning, part, labels);
        baseline.putAll(tuned.metrics());
        Map<String, RocCurve> roc = task.rocCurves(evaluation.predictions(), part, tuned);
        if (!roc.isEmpty()) curves.put(p.label(), roc);
      }
      parts.put(p.label(), new RunMetrics.PartScores(part.size(), scores, baseline));
    }
    return new RunMetrics(task.name(), result.stopReason(), result.epochsRun(), result.bestEpoch() + 1, trainLoss,
        parts);
  }

  /** {@code roc.json}: per part, per curve (the model, each baseline), the points and their area. */
  private static void writeCurves(Path file, Map<String, Map<String, RocCurve>> curves) throws IOException {
    ObjectNode root = ModelDirectory.JSON.createObjectNode();
    root.put("format", "recurrent-roc");
    root.put("version", 1);
    curves.forEach((part, byName) -> {
      ObjectNode p = root.putObject(part);
      byName.forEach((name, c) -> {
        ObjectNode n = p.putObject(name);
        n.put("auc", c.area());
        n.set("fpr", ModelDirectory.JSON.valueToTree(c.fpr()));
        n.set("tpr", ModelDirectory.JSON.valueToTree(c.tpr()));
      });
    });
    AtomicFiles.writeString(file, ModelDirectory.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /** The model directory but for its metrics and provenance: config.json, the weights and the side files. */
  private static void writeModel(Path out, TrainConfig config, Model model, PreparedData data, BatchPlan evalPlan,
                                 FittedBaselines baselines) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    if (data.vocabulary() != null) {
      data.vocabulary().save(out.resolve(VOCABULARY));
      files.put("vocabulary", VOCABULARY);
    }
    if (data.codes() != null) {
      data.codes().save(out.resolve(CODES));
      files.put("codes", CODES);
    }
    if (data.ehr() != null) {
      AtomicFiles.writeString(out.resolve(COHORT), ModelDirectory.JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(data.ehr()) + "\n");
      files.put("cohort", COHORT);
    }
    if (data.featureScaler() != null) {
      data.featureScaler().save(out.resolve(FEATURE_SCALER));
      files.put("feature_scaler", FEATURE_SCALER);
    }
    if (data.forecast() != null) {
      data.forecast().scaler().save(out.resolve(SERIES_SCALER));
      files.put("series_scaler", SERIES_SCALER);
    }
    baselines.save(out.resolve(BASELINES));
    files.put(FittedBaselines.ROLE, BASELINES);
    ObjectNode layout = ModelDirectory.JSON.createObjectNode();
    layout.put("format", config.data().format());
    layout.set("options", config.data().options() == null ? ModelDirectory.JSON.createObjectNode() : config.data().options());
    layout.put("feature_scaling", config.data().featureScaling());
    if (data.forecast() != null) layout.set("series_columns", ModelDirectory.JSON.valueToTree(data.seriesColumns()));
    layout.put(Scoring.EVAL_BATCH_SIZE, evalPlan.batchSize());
    layout.put(Scoring.BPTT, evalPlan.steps());
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, config.parsedTask().name(),
        ModelManifest.describe(model), layout, data.featureNames(), data.classes(), data.targetNames(), files);
    ModelDirectory.write(out, manifest, model);
  }

  private static Provenance provenance(TrainConfig config, ConfigOverrides overrides, String name, Model model,
                                       PreparedData data, Trainer.Result result, Instant started, Path configFile)
      throws IOException {
    List<Provenance.DataFile> files = Provenance.dataFiles(data.files());
    Instant finished = Instant.now();
    return new Provenance(name, Provenance.Environment.current(), config.seed(), configFile.toAbsolutePath().toString(),
        Files.readString(configFile, StandardCharsets.UTF_8), overrides.asStrings(), files, started, finished,
        Duration.between(started, finished).toMillis() / 1000.0, result.stopReason(), result.epochsRun(),
        result.bestEpoch() + 1, model.parameterCount());
  }

  private static String stripExtension(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

}
