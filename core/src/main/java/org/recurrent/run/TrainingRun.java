package org.recurrent.run;

import org.recurrent.config.ConfigFiles;
import org.recurrent.config.ModelSection;
import org.recurrent.config.TrainConfig;
import org.recurrent.config.TrainingSection;
import org.recurrent.eval.Evaluator;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.ModelData;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.tasks.Baselines;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskMetrics;
import org.recurrent.train.Checkpoint;
import org.recurrent.train.ForwardPass;
import org.recurrent.train.Progress;
import org.recurrent.train.ScheduleDriver;
import org.recurrent.train.Trainer;
import org.recurrent.train.TrainerOptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TokenStreamBatches;
import org.recurrent.models.ModelConfig;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.models.SequenceModel;
import org.recurrent.optim.Optimizer;
import org.recurrent.tensor.Tensor;

/**
 * {@code recurrent train CONFIG}: reads the config and the data, builds the model, runs the {@link Trainer} and
 * writes the model directory. Everything that can be wrong with the inputs (config, data files, warm-start
 * model) is checked before anything is written, so a bad input leaves an existing model directory as it was.
 */
public final class TrainingRun {
  public static final String VOCABULARY = "vocab.json";
  public static final String FEATURE_SCALER = "feature_scaler.json";
  public static final String SERIES_SCALER = "scaler.json";
  static final int DEFAULT_LM_TBPTT = 64;

  private TrainingRun() {}

  /**
   * @param output    model directory (null: the config's {@code output}, else {@code runs/<config name>})
   * @param resume    continue the run in {@code output} from its last checkpoint
   * @param overwrite replace a model already in {@code output}
   * @param epochs    override training.epochs (null: as configured)
   */
  public record Options(Path output, boolean resume, boolean overwrite, Integer epochs, Progress progress) {}

  /** Where the model went and the final metrics (also in its metrics.json). */
  public record Outcome(Path modelDir, Map<String, Object> metrics, Trainer.Result result) {}

  public static Outcome run(Path configFile, Options options) throws IOException {
    Instant started = Instant.now();
    TrainConfig config = ConfigFiles.readTrainConfig(configFile);
    Path baseDir = configFile.toAbsolutePath().getParent();
    String name = config.name() != null ? config.name() : stripExtension(configFile.getFileName().toString());
    Path out = options.output() != null ? options.output()
        : config.output() != null ? DataPreparation.resolve(baseDir, config.output()) : Path.of("runs", name);
    checkOutput(out, options);

    Task task = config.parsedTask();
    PreparedData data = DataPreparation.prepare(config, baseDir);
    TrainingSection t = config.training();
    int epochs = options.epochs() != null ? options.epochs() : t.epochs();
    long seed = config.seed();

    ModelConfig modelConfig = modelConfig(config.model(), task, data);
    SequenceModel model = new SequenceModel(modelConfig, new Random(seed));
    String warmStart = null;
    if (config.initFrom() != null) warmStart = warmStart(model, DataPreparation.resolve(baseDir, config.initFrom()));

    BatchSource train = trainSource(data, t, task, seed);
    BatchSource validation = evalSource(data, data.validation(), data.corpusValidation(), t, task);
    int tbptt = t.tbptt() != null ? t.tbptt() : 0;
    Optimizer optimizer = t.optimizer().build(model.parameters());
    long totalSteps = (long) epochs * stepsPerEpoch(train, tbptt, data);
    ScheduleDriver schedule = t.schedule().build(optimizer, totalSteps, t.higherIsBetter());
    TrainerOptions trainerOptions = new TrainerOptions(epochs, t.clipGradNorm(), t.clipGradValue(),
        task == Task.LANGUAGE_MODEL ? 0 : tbptt, t.patience(), t.monitor(), t.higherIsBetter(),
        t.checkpointEveryBatches(), seed, options.resume());
    UnaryOperator<float[]> unscale = unscale(data);

    clearPreviousRun(out, options);
    Files.createDirectories(out);
    Progress progress = options.progress();
    progress.line("training " + name + ": " + task.configName() + ", " + modelConfig.cell() + " " + model.parameterCount()
        + " parameters, " + (data.corpusTrain() != null ? data.corpusTrain().length + " training tokens"
        : data.train().size() + " training / " + data.validation().size() + " validation / " + data.test().size()
        + " test records") + " -> " + out);
    if (warmStart != null) progress.line(warmStart);
    Trainer.Result result;
    try (EventLog events = EventLog.append(out.resolve(ModelDirectory.EVENTS))) {
      Trainer trainer = Trainer.builder(ForwardPass.of(model, task, p -> TaskMetrics.compute(p, unscale)), optimizer,
          trainerOptions).name(name).schedule(schedule).listener(events).progress(progress)
          .checkpoints(out.resolve(ModelDirectory.CHECKPOINTS)).build();
      result = trainer.fit(train, validation);
      Path best = out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.BEST);
      if (validation != null && Files.exists(best)) {
        ModelDirectory.loadInto(model, Checkpoint.read(best).model(), best);
      }
      Map<String, Object> metrics = finalMetrics(model, task, data, t, unscale, result);
      events.log("final", flatten(metrics));
      writeModel(out, config, name, modelConfig, model, data, metrics, result, started, configFile);
      progress.line("model written to " + out + "; metrics in " + out.resolve(ModelDirectory.METRICS));
      return new Outcome(out, metrics, result);
    }
  }

  private static void checkOutput(Path out, Options options) throws IOException {
    boolean holdsModel = Files.exists(out.resolve(ModelDirectory.CONFIG)) || Files.exists(out.resolve(ModelDirectory.WEIGHTS))
        || Files.exists(out.resolve(ModelDirectory.CHECKPOINTS));
    if (holdsModel && !options.resume() && !options.overwrite()) {
      throw new IllegalArgumentException("output directory " + out + " already holds a model or a run; use --resume "
          + "to continue that run, --overwrite to replace it, or --output for another directory");
    }
    if (options.resume() && !Files.exists(out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.LAST))) {
      throw new IllegalArgumentException("nothing to resume: " + out.resolve(ModelDirectory.CHECKPOINTS)
          .resolve(Trainer.LAST) + " does not exist");
    }
  }

  /** --overwrite: the old run's files go only once the new inputs have all been read and checked. */
  private static void clearPreviousRun(Path out, Options options) throws IOException {
    if (!options.overwrite() || options.resume()) return;
    Files.deleteIfExists(out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.LAST));
    Files.deleteIfExists(out.resolve(ModelDirectory.CHECKPOINTS).resolve(Trainer.BEST));
    Files.deleteIfExists(out.resolve(ModelDirectory.EVENTS));
  }

  static ModelConfig modelConfig(ModelSection m, Task task, PreparedData data) {
    boolean perStep = m.output() != null ? m.output().equalsIgnoreCase("per_step")
        : task == Task.TAGGING || task == Task.LANGUAGE_MODEL || data.targetKind().perStep();
    int vocab = data.tokens() ? data.vocabulary().size() : 0;
    int pad = data.tokens() && data.vocabulary().padId().isPresent() ? data.vocabulary().padId().getAsInt() : -1;
    return new ModelConfig(m.cell(), data.features(), vocab, data.tokens() ? m.embeddingDim() : 0, pad, m.hiddenSize(),
        m.numLayers(), m.bidirectional(), m.dropout().floatValue(), perStep ? "per_step" : "sequence", m.pooling(),
        data.outputSize());
  }

  /** Copies every tensor whose name and shape match from a model directory; says what was kept. */
  private static String warmStart(SequenceModel model, Path dir) throws IOException {
    ModelDirectory.Loaded source = ModelDirectory.read(dir);
    Map<String, Tensor> own = model.stateDict();
    Map<String, Tensor> loaded = new LinkedHashMap<>();
    List<String> skipped = new java.util.ArrayList<>();
    source.model().stateDict().forEach((k, v) -> {
      Tensor mine = own.get(k);
      if (mine != null && mine.sameShape(v)) loaded.put(k, v);
      else skipped.add(k);
    });
    if (loaded.isEmpty()) {
      throw new IllegalArgumentException("init_from " + dir + ": no tensor matches this model by name and shape");
    }
    model.loadStateDict(loaded, false);
    return "warm start from " + dir + ": " + loaded.size() + " tensors loaded" + (skipped.isEmpty() ? ""
        : ", " + skipped.size() + " left at their fresh values (different shape or name): " + skipped);
  }

  private static BatchSource trainSource(PreparedData data, TrainingSection t, Task task, long seed) {
    if (task == Task.LANGUAGE_MODEL) {
      return new TokenStreamBatches(data.corpusTrain(), t.batchSize(), t.tbptt() != null && t.tbptt() > 0 ? t.tbptt()
          : DEFAULT_LM_TBPTT);
    }
    return new Batcher(data.train(), t.batchSize(), data.tokens(), data.targetKind().perStep(), data.targetWidth(), true,
        t.bucketByLength(), seed);
  }

  private static BatchSource evalSource(PreparedData data, List<SequenceExample> records, int[] corpus,
                                        TrainingSection t, Task task) {
    if (task == Task.LANGUAGE_MODEL) {
      if (corpus == null || corpus.length < 2) return null;
      int streams = Math.max(1, Math.min(t.batchSize(), (corpus.length - 1) / 2));
      return new TokenStreamBatches(corpus, streams, t.tbptt() != null && t.tbptt() > 0 ? t.tbptt() : DEFAULT_LM_TBPTT);
    }
    if (records.isEmpty()) return null;
    return new Batcher(records, Math.max(t.batchSize(), 64), data.tokens(), data.targetKind().perStep(),
        data.targetWidth(), false, true, 0);
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

  /** Forecasts are scored in the data's units: each output k belongs to target column k mod targets. */
  private static UnaryOperator<float[]> unscale(PreparedData data) {
    if (data.forecast() == null) return null;
    return ModelData.unscaler(data.forecast().scaler(), data.targetColumns());
  }


  private static Map<String, Object> finalMetrics(SequenceModel model, Task task, PreparedData data, TrainingSection t,
                                                  UnaryOperator<float[]> unscale, Trainer.Result result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task.configName());
    m.put("stop_reason", result.stopReason());
    m.put("epochs", result.epochsRun());
    m.put("best_epoch", result.bestEpoch() + 1);
    if (!result.history().isEmpty()) m.put("train_loss", result.history().get(result.history().size() - 1).get("train_loss"));
    Evaluator evaluator = new Evaluator(task);
    for (String part : List.of("validation", "test")) {
      List<SequenceExample> records = part.equals("validation") ? data.validation() : data.test();
      int[] corpus = part.equals("validation") ? data.corpusValidation() : data.corpusTest();
      BatchSource source = evalSource(data, records, corpus, t, task);
      if (source == null) continue;
      Predictions p = evaluator.predict(model, source);
      Map<String, Object> scores = new LinkedHashMap<>();
      scores.put("records", task == Task.LANGUAGE_MODEL ? corpus.length : records.size());
      scores.put("loss", p.meanLoss());
      scores.putAll(TaskMetrics.compute(p, unscale));
      var windows = data.forecast() == null ? null
          : part.equals("validation") ? data.forecast().validation() : data.forecast().test();
      scores.put("baseline", baseline(task, data, records, corpus, windows));
      m.put(part, scores);
    }
    return m;
  }

  private static Map<String, Double> baseline(Task task, PreparedData data, List<SequenceExample> records, int[] corpus,
                                              List<org.recurrent.data.timeseries.ForecastWindow> windows) {
    return switch (task) {
      case CLASSIFICATION, TAGGING -> prefixed("majority_class_", Baselines.majorityClass(data.train(), records,
          data.classes().size(), task == Task.TAGGING));
      case REGRESSION -> data.forecast() != null
          ? prefixed("last_value_", Baselines.lastValue(windows, data.targetColumns().length))
          : prefixed("train_mean_", Baselines.trainMean(data.train(), records, data.targetWidth()));
      case LANGUAGE_MODEL -> prefixed("unigram_", Baselines.unigram(data.corpusTrain(), corpus, data.vocabulary().size()));
      case MULTILABEL -> prefixed("label_frequency_", Baselines.labelFrequency(data.train(), records,
          data.classes().size()));
    };
  }



  private static Map<String, Double> prefixed(String prefix, Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(prefix + k, v));
    return out;
  }

  private static void writeModel(Path out, TrainConfig config, String name, ModelConfig modelConfig, SequenceModel model,
                                 PreparedData data, Map<String, Object> metrics, Trainer.Result result,
                                 Instant started, Path configFile) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    if (data.vocabulary() != null) {
      data.vocabulary().save(out.resolve(VOCABULARY));
      files.put("vocabulary", VOCABULARY);
    }
    if (data.featureScaler() != null) {
      data.featureScaler().save(out.resolve(FEATURE_SCALER));
      files.put("feature_scaler", FEATURE_SCALER);
    }
    if (data.forecast() != null) {
      data.forecast().scaler().save(out.resolve(SERIES_SCALER));
      files.put("series_scaler", SERIES_SCALER);
    }
    ObjectNode layout = ModelDirectory.JSON.createObjectNode();
    layout.put("format", config.data().format());
    layout.set("options", config.data().options() == null ? ModelDirectory.JSON.createObjectNode() : config.data().options());
    layout.put("feature_scaling", config.data().featureScaling());
    if (data.forecast() != null) layout.set("series_columns", ModelDirectory.JSON.valueToTree(data.seriesColumns()));
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, config.parsedTask().configName(),
        modelConfig, layout, data.featureNames(), data.classes(), data.targetNames(), files);
    ModelDirectory.write(out, manifest, model);
    ModelDirectory.writeJson(out.resolve(ModelDirectory.METRICS), JsonSafe.of(metrics));
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("name", name);
    provenance.put("environment", Provenance.environment());
    provenance.put("seed", config.seed());
    provenance.put("config_file", configFile.toAbsolutePath().toString());
    provenance.put("config", Files.readString(configFile, StandardCharsets.UTF_8));
    provenance.put("data_files", Provenance.files(data.files()));
    provenance.put("started", started.toString());
    provenance.put("finished", Instant.now().toString());
    provenance.put("seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    provenance.put("stop_reason", result.stopReason());
    provenance.put("epochs", result.epochsRun());
    provenance.put("best_epoch", result.bestEpoch() + 1);
    provenance.put("parameters", model.parameterCount());
    ModelDirectory.writeJson(out.resolve(ModelDirectory.PROVENANCE), JsonSafe.of(provenance));
  }

  private static Map<String, Object> flatten(Map<String, Object> metrics) {
    Map<String, Object> out = new LinkedHashMap<>();
    metrics.forEach((k, v) -> {
      if (v instanceof Map<?, ?> inner) inner.forEach((ik, iv) -> out.put(k + "_" + ik, iv));
      else out.put(k, v);
    });
    return JsonSafe.of(out);
  }

  private static String stripExtension(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

}
