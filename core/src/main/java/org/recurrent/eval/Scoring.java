package org.recurrent.eval;

import org.recurrent.pipeline.ModelData;
import org.recurrent.run.JsonSafe;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskMetrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TokenStreamBatches;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.metrics.BinaryMetrics;
import org.recurrent.metrics.Bootstrap;
import org.recurrent.metrics.ConfidenceInterval;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.models.SequenceModel;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;

/**
 * What {@code recurrent eval} and {@code recurrent predict} do with a trained model directory: score labelled
 * data with the task's metrics (binary ROC-AUC and PR-AUC with percentile-bootstrap 95% intervals), or write one
 * prediction per record (per time step for many-to-many models; generated text for a language model) as CSV or
 * JSON Lines.
 */
public final class Scoring {
  private static final int EVAL_BATCH = 128;
  private static final int LM_STEPS = 64;

  private Scoring() {}

  public static Map<String, Object> evaluate(Path modelDir, Path data, int bootstrapReplicates, long seed)
      throws IOException {
    ModelDirectory.Loaded loaded = ModelDirectory.read(modelDir);
    ModelManifest m = loaded.manifest();
    Task task = Task.parse(m.task());
    ModelData reader = new ModelData(loaded);
    ModelData.Records records = reader.read(data, "yes");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", modelDir.toString());
    out.put("data", data.toString());
    Predictions p;
    if (task == Task.LANGUAGE_MODEL) {
      int streams = Math.max(1, Math.min(32, (records.corpus().length - 1) / 2));
      p = new Evaluator(task).predict(loaded.model(), new TokenStreamBatches(records.corpus(), streams, LM_STEPS));
      out.put("tokens", records.corpus().length);
    } else {
      if (records.examples().isEmpty()) throw new IllegalArgumentException(data + ": no records to evaluate");
      p = new Evaluator(task).predict(loaded.model(), batches(m, records.examples()));
      out.put("records", records.examples().size());
    }
    out.put("loss", p.meanLoss());
    out.putAll(TaskMetrics.compute(p, unscale(reader, m)));
    if (bootstrapReplicates > 0 && task == Task.CLASSIFICATION && m.classes().size() == 2) {
      int n = p.size();
      int[] truth = new int[n];
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        truth[i] = (int) p.truth(i)[0];
        scores[i] = p.output(i)[1];
      }
      if (out.containsKey("roc_auc")) {
        out.put("roc_auc_ci95", interval(Bootstrap.confidenceInterval(BinaryMetrics::rocAuc, truth, scores,
            bootstrapReplicates, 0.95, seed)));
        out.put("pr_auc_ci95", interval(Bootstrap.confidenceInterval(BinaryMetrics::averagePrecision, truth, scores,
            bootstrapReplicates, 0.95, seed)));
      }
    }
    return JsonSafe.of(out);
  }

  private static List<Double> interval(ConfidenceInterval ci) {
    return List.of(ci.lower(), ci.upper());
  }

  static BatchSource batches(ModelManifest m, List<SequenceExample> records) {
    boolean labelled = records.get(0).y().length > 0;
    int width = !labelled ? 0 : m.model().perStep() ? records.get(0).y().length / records.get(0).length()
        : records.get(0).y().length;
    return new Batcher(records, EVAL_BATCH, m.model().tokenInput(), m.model().perStep(), width, false, true, 0);
  }

  private static UnaryOperator<float[]> unscale(ModelData reader, ModelManifest m) throws IOException {
    if (!reader.format().equals("timeseries_csv")) return null;
    return ModelData.unscaler(reader.seriesScaler(), reader.targetColumns());
  }

  /** Options of {@code predict}. */
  public record PredictOptions(String labels, int generate, double temperature, long seed) {}

  /** Writes predictions for {@code input} to {@code output} (.csv or .jsonl) or to {@code sink}; returns the count. */
  public static int predict(Path modelDir, Path input, Path output, Writer sink, PredictOptions o) throws IOException {
    ModelDirectory.Loaded loaded = ModelDirectory.read(modelDir);
    ModelManifest m = loaded.manifest();
    Task task = Task.parse(m.task());
    ModelData reader = new ModelData(loaded);
    boolean csv = output != null && output.toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    List<Map<String, Object>> rows = new ArrayList<>();
    if (task == Task.LANGUAGE_MODEL) {
      generate(loaded.model(), reader.vocabulary(), input, o, rows);
    } else {
      ModelData.Records records = reader.read(input, o.labels());
      if (records.examples().isEmpty()) throw new IllegalArgumentException(input + ": no records to predict");
      Predictions p = new Evaluator(task).predict(loaded.model(), batches(m, records.examples()));
      UnaryOperator<float[]> unscale = unscale(reader, m);
      for (int i = 0; i < p.size(); i++) {
        SequenceExample e = records.examples().get(p.record(i));
        rows.add(row(m, task, e, p, i, unscale));
      }
      // back into input order (batches were bucketed by length)
      rows.sort(java.util.Comparator.comparingInt((Map<String, Object> r) -> (Integer) r.get("_record"))
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
      write(rows, sink, false);
      sink.flush();
    }
    return rows.size();
  }

  private static Map<String, Object> row(ModelManifest m, Task task, SequenceExample e, Predictions p, int i,
                                         UnaryOperator<float[]> unscale) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("_record", p.record(i));
    r.put("id", e.id());
    if (p.step(i) >= 0) r.put("step", p.step(i));
    float[] out = p.output(i);
    switch (task) {
      case CLASSIFICATION, TAGGING -> {
        r.put("label", m.classes().get(p.predictedClass(i)));
        for (int k = 0; k < out.length; k++) r.put("p_" + m.classes().get(k), (double) out[k]);
        if (p.truth(i).length > 0) r.put("true_label", m.classes().get((int) p.truth(i)[0]));
      }
      case MULTILABEL -> {
        List<String> predicted = new ArrayList<>();
        for (int k = 0; k < out.length; k++) if (out[k] >= 0.5f) predicted.add(m.classes().get(k));
        r.put("labels", String.join(" ", predicted));
        for (int k = 0; k < out.length; k++) r.put("p_" + m.classes().get(k), (double) out[k]);
      }
      case REGRESSION -> {
        float[] values = unscale == null ? out : unscale.apply(out);
        for (int k = 0; k < values.length; k++) {
          String name = k < m.targetNames().size() ? m.targetNames().get(k) : "y" + k;
          r.put(name, (double) values[k]);
        }
      }
      default -> throw new IllegalStateException(task.name());
    }
    return r;
  }

  /** A language model continues every non-blank line of the input by {@code generate} sampled tokens. */
  private static void generate(SequenceModel model, Vocabulary vocabulary, Path input, PredictOptions o,
                               List<Map<String, Object>> rows) throws IOException {
    if (!(o.temperature() > 0)) throw new IllegalArgumentException("--temperature must be > 0, got " + o.temperature());
    Random rng = new Random(o.seed());
    List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
    int n = 0;
    for (String prompt : lines) {
      n++;
      if (prompt.isBlank()) continue;
      int[] ids = vocabulary.encode(prompt);
      int[] next = sample(model, ids, o.generate(), o.temperature(), rng);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", Integer.toString(n));
      r.put("prompt", prompt);
      r.put("continuation", vocabulary.decode(next));
      rows.add(r);
    }
    if (rows.isEmpty()) throw new IllegalArgumentException(input + ": no prompts (every line is blank)");
  }

  static int[] sample(SequenceModel model, int[] prompt, int count, double temperature, Random rng) {
    int[] out = new int[count];
    try (var g = Autograd.noGrad()) {
      model.eval();
      SequenceModel.Output o = model.forward(prompt, prompt.length, 1, null, null);
      float[] last = Ops.select(o.logits(), 0, prompt.length - 1).data();
      RecurrentOutput state = o.state();
      for (int k = 0; k < count; k++) {
        int next = org.recurrent.models.Sampling.draw(last, temperature, rng);
        out[k] = next;
        o = model.forward(new int[] {next}, 1, 1, null, state);
        state = o.state();
        last = o.logits().data();
      }
    }
    return out;
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
    w.write(String.join(",", columns.stream().map(Scoring::quote).toList()));
    w.write('\n');
    for (Map<String, Object> r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) cells.add(quote(String.valueOf(r.getOrDefault(c, ""))));
      w.write(String.join(",", cells));
      w.write('\n');
    }
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

}
