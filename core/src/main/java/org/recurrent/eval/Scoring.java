package org.recurrent.eval;

import org.recurrent.io.JsonSafe;
import org.recurrent.pipeline.ModelData;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.recurrent.autograd.Autograd;
import org.recurrent.config.TrainingSection;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.data.NumberedLines;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TokenStreamBatches;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.metrics.BinaryMetrics;
import org.recurrent.metrics.Bootstrap;
import org.recurrent.metrics.ConfidenceInterval;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.models.Model;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.tasks.DataPart;
import org.recurrent.tasks.FittedBaselines;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tasks.TaskRegistry;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;

/**
 * What {@code recurrent eval} and {@code recurrent predict} do with a trained model directory: score labelled
 * data with the task's metrics (binary ROC-AUC and PR-AUC with percentile-bootstrap 95% intervals), or write one
 * prediction per record (per time step for many-to-many models; generated text for a language model) as CSV or
 * JSON Lines.
 */
public final class Scoring {
  private Scoring() {}

  public static Map<String, Object> evaluate(Path modelDir, Path data, int bootstrapReplicates, long seed)
      throws IOException {
    ModelDirectory.Loaded loaded = ModelDirectory.read(modelDir);
    ModelManifest m = loaded.manifest();
    Task task = TaskRegistry.standard().get(m.task());
    ModelData reader = new ModelData(loaded);
    ModelData.Records records = reader.read(data, "yes");
    DataPart part = records.part(data.getFileName().toString(), loaded.model());
    if (part.isEmpty()) throw new IllegalArgumentException(data + ": no records to evaluate");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", modelDir.toString());
    out.put("data", data.toString());
    out.put(part.corpus() != null ? "tokens" : "records", part.size());
    OutputLabels labels = labels(reader, m);
    Evaluator.Evaluation e = new Evaluator(task).evaluate(loaded.model(), part, evaluationPlan(m), labels);
    out.putAll(e.metrics());
    Path baselines = loaded.file(FittedBaselines.ROLE);
    if (baselines != null) {
      FittedBaselines fitted = FittedBaselines.read(baselines);
      out.putAll(task.decisionMetrics(e.predictions(), labels, fitted));
      out.put(BASELINE, task.scoreBaselines(fitted, part, labels));
    } else {
      out.put(BASELINE_UNAVAILABLE, modelDir + " has no baselines.json (a model directory written before train saved "
          + "its fitted baselines); train it again to compare with them");
    }
    Predictions p = e.predictions();
    if (bootstrapReplicates > 0 && m.classes().size() == 2 && p.size() > 0 && out.containsKey("roc_auc")) {
      int n = p.size();
      int[] truth = new int[n];
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        truth[i] = (int) p.truth(i)[0];
        scores[i] = p.output(i)[1];
      }
      out.put("roc_auc_ci95", interval(Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores,
          bootstrapReplicates, Bootstrap.DEFAULT_LEVEL, seed)));
      out.put("pr_auc_ci95", interval(Bootstrap.confidenceInterval(BinaryMetrics::averagePrecision, truth, scores,
          bootstrapReplicates, Bootstrap.DEFAULT_LEVEL, seed)));
    }
    return JsonSafe.of(out);
  }

  /**
   * How a model directory's data are batched for evaluation: as during training (config.json's
   * {@code data.eval_batch_size} and {@code data.bptt}), so that {@code eval} repeats the run's own numbers.
   */
  public static BatchPlan evaluationPlan(ModelManifest m) {
    int batch = m.data().path(EVAL_BATCH_SIZE).asInt(DEFAULT_EVAL_BATCH);
    int steps = m.data().path(BPTT).asInt(TrainingSection.DEFAULT_LM_TBPTT);
    return BatchPlan.evaluation(batch, steps);
  }

  /** Keys of eval's output: the baselines fitted at training time, scored on the same records, or why there are none. */
  public static final String BASELINE = "baseline", BASELINE_UNAVAILABLE = "baseline_unavailable";

  /** config.json data-layout keys written by a training run. */
  public static final String EVAL_BATCH_SIZE = "eval_batch_size";
  public static final String BPTT = "bptt";
  /** Records (or streams) per evaluation batch at least; also for a config.json without {@code eval_batch_size}. */
  public static final int DEFAULT_EVAL_BATCH = 64;

  private static OutputLabels labels(ModelData reader, ModelManifest m) throws IOException {
    var unscale = reader.format().equals("timeseries_csv") ? ModelData.unscaler(reader.seriesScaler(), reader.targetColumns())
        : null;
    int targets = unscale == null ? 0 : reader.targetColumns().length;
    return new OutputLabels(m.classes(), m.targetNames(), outputSize(m), unscale, targets);
  }

  private static int outputSize(ModelManifest m) {
    return m.model().path("output_size").asInt(Math.max(1, Math.max(m.classes().size(), m.targetNames().size())));
  }

  private static List<Double> interval(ConfidenceInterval ci) {
    return List.of(ci.lower(), ci.upper());
  }

  /**
   * Options of {@code predict}, checked before any work: {@code generate} tokens per prompt for a language model
   * (at most {@value #MAX_GENERATE}), a finite {@code temperature} > 0.
   */
  /**
   * @param explain add each record's integrated-gradients explanation (bag models with one answer per sequence;
   *                JSON Lines only), see {@link IntegratedGradients}
   */
  /**
   * @param redact  one row per record with its text written back, what the model found replaced by its type
   *                ({@link Task#redact}; task deid)
   */
  public record PredictOptions(String labels, int generate, double temperature, long seed, boolean explain,
                               boolean redact) {
    public PredictOptions(String labels, int generate, double temperature, long seed) {
      this(labels, generate, temperature, seed, false);
    }

    public PredictOptions(String labels, int generate, double temperature, long seed, boolean explain) {
      this(labels, generate, temperature, seed, explain, false);
    }

    public PredictOptions {
      if (!(temperature > 0 && Double.isFinite(temperature))) {
        throw new IllegalArgumentException("--temperature must be a finite number > 0, got " + temperature);
      }
      if (generate < 0 || generate > MAX_GENERATE) {   // 0: a model that does not generate
        throw new IllegalArgumentException("--generate must be in 0.." + MAX_GENERATE + ", got " + generate);
      }
    }
  }

  /** The most tokens {@code predict} generates per prompt. */
  public static final int MAX_GENERATE = 1_000_000;

  /**
   * Writes predictions for {@code input} to {@code output} or to {@code sink}, in the format {@code output}'s
   * extension names (.csv, else JSON Lines); returns the count.
   */
  public static int predict(Path modelDir, Path input, Path output, Writer sink, PredictOptions o) throws IOException {
    PredictionFormat format = output == null ? PredictionFormat.JSONL
        : PredictionFormat.byExtension(output).orElse(PredictionFormat.JSONL);
    return predict(modelDir, input, output, format, sink, o);
  }

  /** Writes predictions for {@code input} as {@code format} to {@code output} or, when it is null, to {@code sink}. */
  public static int predict(Path modelDir, Path input, Path output, PredictionFormat format, Writer sink,
                            PredictOptions o) throws IOException {
    ModelDirectory.Loaded loaded = ModelDirectory.read(modelDir);
    ModelManifest m = loaded.manifest();
    Task task = TaskRegistry.standard().get(m.task());
    ModelData reader = new ModelData(loaded);
    boolean csv = format == PredictionFormat.CSV;
    List<Map<String, Object>> rows = new ArrayList<>();
    if (!task.collectsPredictions()) {
      generate(loaded.model(), reader.vocabulary(), input, o, rows);
    } else {
      ModelData.Records records = reader.read(input, o.labels());
      if (records.examples().isEmpty()) throw new IllegalArgumentException(input + ": no records to predict");
      DataPart part = records.part(input.getFileName().toString(), loaded.model());
      Predictions p = new Evaluator(task).predict(loaded.model(), task.batches(part, evaluationPlan(m)));
      OutputLabels labels = labels(reader, m);
      Path baselinesFile = loaded.file(FittedBaselines.ROLE);
      FittedBaselines fitted = baselinesFile == null ? null : FittedBaselines.read(baselinesFile);
      if (o.redact()) {
        if (o.explain()) throw new IllegalArgumentException("--redact and --explain write different records; give one");
        rows.addAll(task.redact(p, records.examples(), labels));
        if (csv) rows.forEach(r -> r.remove("spans"));           // one text cell per note; the spans are JSON Lines'
      }
      for (int i = 0; i < p.size() && !o.redact(); i++) {
        SequenceExample e = records.examples().get(p.record(i));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("_record", p.record(i));
        r.put("id", e.id());
        if (p.step(i) >= 0) r.put("step", p.step(i));
        task.describe(p, i, labels, r, fitted);
        rows.add(r);
      }
      if (o.explain()) explain(loaded, reader, records, labels, rows, csv);
      // back into input order (batches were bucketed by length)
      if (!o.redact()) rows.sort(java.util.Comparator.comparingInt((Map<String, Object> r) -> (Integer) r.get("_record"))
          .thenComparingInt(r -> (Integer) r.getOrDefault("step", -1)));
      rows.forEach(r -> r.remove("_record"));
    }
    if (output != null) {
      Path parent = output.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = org.recurrent.io.AtomicFiles.tempBeside(output);
      try {
        try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          write(rows, w, csv);
        }
        Files.move(temp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } else {
      write(rows, sink, csv);
      sink.flush();
    }
    return rows.size();
  }

  /** The number of codes pushing up and down that an explanation lists. */
  static final int EXPLAINED_CODES = 5;

  /**
   * Adds {@code explanation} to every row: the class explained (class 1 of two, else the predicted one), its
   * probability with the codes and with every visit empty, each visit's share and the codes that pushed it most up
   * and down ({@code visit} counts from the oldest visit, 0).
   */
  private static void explain(ModelDirectory.Loaded loaded, ModelData reader, ModelData.Records records,
                              OutputLabels labels, List<Map<String, Object>> rows, boolean csv) throws IOException {
    if (csv) throw new IllegalArgumentException("--explain writes nested records: use JSON Lines (.jsonl or --format jsonl)");
    if (!(loaded.model() instanceof org.recurrent.models.SequenceModel model) || model.perStep()
        || model.signature().input() != org.recurrent.models.InputKind.BAGS) {
      throw new IllegalArgumentException("--explain explains models of bag inputs (codes per visit) with one answer per "
          + "sequence, such as hf-onset; this model is not one");
    }
    Path codesFile = loaded.file("codes");
    List<String> codes = codesFile == null ? List.of() : org.recurrent.data.CodeVocabulary.load(codesFile).codes();
    for (Map<String, Object> r : rows) {
      SequenceExample e = records.examples().get((Integer) r.get("_record"));
      int K = model.signature().outputSize();
      int cls = K == 2 ? 1 : predictedClass(r, labels, K);
      IntegratedGradients.Attribution a = IntegratedGradients.explain(model, e, cls, IntegratedGradients.DEFAULT_STEPS);
      int[] ids = ((org.recurrent.data.StepInput.Bags) e.primary()).ids();
      int[] offsets = ((org.recurrent.data.StepInput.Bags) e.primary()).offsets();
      Integer[] order = new Integer[ids.length];
      for (int i = 0; i < order.length; i++) order[i] = i;
      java.util.Arrays.sort(order, (x, y) -> Float.compare(a.attributions()[y], a.attributions()[x]));
      Map<String, Object> ex = new LinkedHashMap<>();
      ex.put("class", labels.name(cls));
      ex.put("probability", a.output());
      ex.put("probability_without_codes", a.baseline());
      ex.put("completeness_gap", a.completenessGap());
      List<Double> visits = new ArrayList<>();
      for (float v : a.visits()) visits.add((double) v);
      ex.put("visits", visits);
      ex.put("codes_up", codeList(order, a, ids, offsets, codes, true));
      ex.put("codes_down", codeList(order, a, ids, offsets, codes, false));
      r.put("explanation", ex);
    }
  }

  private static int predictedClass(Map<String, Object> row, OutputLabels labels, int K) {
    int best = 0;
    double top = -1;
    for (int k = 0; k < K; k++) {
      Object p = row.get("p_" + labels.name(k));
      if (p instanceof Double d && d > top) {
        top = d;
        best = k;
      }
    }
    return best;
  }

  private static List<Map<String, Object>> codeList(Integer[] order, IntegratedGradients.Attribution a, int[] ids,
                                                    int[] offsets, List<String> codes, boolean up) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int j = 0; j < order.length && out.size() < EXPLAINED_CODES; j++) {
      int i = order[up ? j : order.length - 1 - j];
      float v = a.attributions()[i];
      if (up ? v <= 0 : v >= 0) break;
      int visit = 0;
      while (visit + 1 < offsets.length && offsets[visit + 1] <= i) visit++;
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("visit", visit);
      c.put("code", ids[i] < codes.size() ? codes.get(ids[i]) : Integer.toString(ids[i]));
      c.put("attribution", (double) v);
      out.add(c);
    }
    return out;
  }

  /** A language model continues every non-blank line of the input by {@code generate} sampled tokens. */
  private static void generate(Model model, Vocabulary vocabulary, Path input, PredictOptions o,
                               List<Map<String, Object>> rows) throws IOException {
    Random rng = new Random(o.seed());
    try (NumberedLines lines = new NumberedLines(input)) {
      for (String prompt = lines.next(); prompt != null; prompt = lines.next()) {
      long n = lines.line();
      if (prompt.isBlank()) continue;
      int[] ids = vocabulary.encode(prompt);
      int[] next = sample(model, vocabulary, ids, o.generate(), o.temperature(), rng);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", Long.toString(n));
      r.put("prompt", prompt);
      r.put("continuation", vocabulary.decode(next));
      rows.add(r);
      }
    }
    if (rows.isEmpty()) throw new IllegalArgumentException(input + ": no prompts (every line is blank)");
  }

  /**
   * Continues {@code prompt} by {@code count} tokens drawn from a per-step token model (one-to-many): the
   * prompt runs once, then each drawn token is fed back from the carried state.
   */
  public static int[] sample(Model model, int[] prompt, int count, double temperature, Random rng) {
    return Generation.sample(model, prompt, count, temperature, 0, new int[0], rng, id -> {});
  }

  /**
   * As {@link #sample(Model, int[], int, double, Random)}, never drawing {@code vocabulary}'s {@code <unk>} and
   * {@code <pad>} (they are not text: an untrained character model would print the five characters "&lt;unk&gt;"),
   * as {@code recurrent generate} does; for every caller that shows the text to a person.
   */
  public static int[] sample(Model model, Vocabulary vocabulary, int[] prompt, int count, double temperature,
                             Random rng) {
    return Generation.sample(model, prompt, count, temperature, 0, Generation.specials(vocabulary), rng, id -> {});
  }

  private static void write(List<Map<String, Object>> rows, Writer w, boolean csv) throws IOException {
    if (!csv) {
      for (Map<String, Object> r : rows) {
        w.write(ModelDirectory.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        w.write('\n');
      }
      return;
    }
    if (rows.isEmpty()) return;
    List<String> columns = new ArrayList<>(rows.get(0).keySet());
    w.write(String.join(",", columns.stream().map(PredictionFormat::csvCell).toList()));
    w.write('\n');
    for (Map<String, Object> r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) cells.add(PredictionFormat.csvCell(String.valueOf(r.getOrDefault(c, ""))));
      w.write(String.join(",", cells));
      w.write('\n');
    }
  }


}
