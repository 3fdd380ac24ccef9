package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.TargetKind;
import org.recurrent.metrics.MultiLabelMetrics;
import org.recurrent.metrics.SetMetrics;

/**
 * {@code medication} (medication recommendation, as in GAMENet and SafeDrug): at every visit, the SET of
 * medications prescribed at it from the diagnoses recorded at it and, by the data's {@code history} option, the
 * patient's earlier visits (records from {@link org.recurrent.pipeline.MedicationRecords}; docs/medication.md).
 * Per step M logits, one per medication label:
 * <pre>{@code
 * loss       BCE(z_1..z_M, y_1..y_M)        averaged over real steps and labels
 * readout    sigmoid(z)
 * decision   P_t = {m : sigmoid(z_tm) >= theta},  theta in {0.05, 0.10, ..., 0.95} maximising the mean Jaccard of
 *            the final model on the validation part (kept in baselines.json as model_threshold)
 * metrics    jaccard, precision, recall, f1, mean_predicted at theta (SetMetrics, means over visits), and the same
 *            at 0.5 (jaccard@0.5, ...); recall@k for k = 5, 10, 20
 * baselines  most_frequent_*:  every visit gets the k medications prescribed at most training visits, k in 1..30
 *                              chosen by validation Jaccard
 *            per_diagnosis_*:  P(m | d) = training visits with diagnosis d and medication m / visits with d;
 *                              a visit gets the union over its diagnoses of {m : P(m | d) >= c}, c in
 *                              {0.05, ..., 0.95} chosen by validation Jaccard
 *            previous_visit_*: the medications of the patient's previous visit in the record (at the first, the
 *                              most frequent k); only when records hold several visits
 * }</pre>
 * Cut-offs are chosen on the validation part (without one, on the training part) and scored on every part.
 */
public final class MedicationTask extends RecordTask implements SigmoidTask {
  public static final String NAME = "medication";
  /** The records' input holding each step's diagnosis ids alone (the per-diagnosis baseline reads it). */
  public static final String DIAGNOSES = "diagnoses";
  static final String MODEL_THRESHOLD = "model_threshold";
  static final String MOST_FREQUENT = "most_frequent";
  static final String PER_DIAGNOSIS = "per_diagnosis";
  static final String PREVIOUS_VISIT = "previous_visit";
  private static final int[] TOP_K = {5, 10, 20};
  private static final int MAX_K = 30;
  private static final double DEFAULT_THRESHOLD = 0.5;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (kind != TargetKind.PER_STEP_MULTILABEL || !format.equals("ehr")) {
      throw Requirements.unmet(this, "visit sequences from data.format: ehr (the medications of every visit)", kind,
          format);
    }
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return true;
  }

  /** Metrics that need no choice: the sets at 0.5 and recall@k. */
  @Override
  public Map<String, Double> metrics(Predictions p, OutputLabels labels) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!p.labelled() || p.size() == 0) return out;
    Rows rows = Rows.of(p);
    SetMetrics.Scores half = SetMetrics.of(rows.truth, SetMetrics.atThreshold(rows.scores, DEFAULT_THRESHOLD));
    if (half.rows() == 0) return out;
    half.asMap("").forEach((k, v) -> out.put(k + "@0.5", v));
    int K = rows.scores[0].length;
    for (int k : TOP_K) if (k <= K) out.put("recall@" + k, MultiLabelMetrics.recallAtK(rows.truth, rows.scores, k));
    return out;
  }

  @Override
  public FittedBaselines tuneDecision(FittedBaselines fitted, java.util.function.Supplier<Predictions> validation,
                                      OutputLabels labels) {
    Predictions p = validation.get();
    if (!p.labelled() || p.size() == 0) return fitted;
    Rows rows = Rows.of(p);
    double best = DEFAULT_THRESHOLD, bestJaccard = -1;
    for (double c : grid()) {
      double j = SetMetrics.of(rows.truth, SetMetrics.atThreshold(rows.scores, c)).jaccard();
      if (j > bestJaccard) {
        bestJaccard = j;
        best = c;
      }
    }
    List<FittedBaselines.Baseline> list = new ArrayList<>(fitted.baselines().stream()
        .filter(b -> !b.name().equals(MODEL_THRESHOLD)).toList());
    list.add(FittedBaselines.Baseline.of(MODEL_THRESHOLD, best));
    return new FittedBaselines(fitted.task(), fitted.fittedOn(), list);
  }

  /** The sets at the threshold chosen on validation; none when the model directory has no threshold. */
  @Override
  public Map<String, Double> decisionMetrics(Predictions p, OutputLabels labels, FittedBaselines fitted) {
    Map<String, Double> out = new LinkedHashMap<>();
    double[] threshold = fitted == null ? null : fitted.values(MODEL_THRESHOLD).orElse(null);
    if (threshold == null || !p.labelled() || p.size() == 0) return out;
    Rows rows = Rows.of(p);
    SetMetrics.Scores s = SetMetrics.of(rows.truth, SetMetrics.atThreshold(rows.scores, threshold[0]));
    if (s.rows() == 0) return out;
    out.putAll(s.asMap(""));
    out.put("threshold", threshold[0]);
    return out;
  }

  /** The cut-offs tried: 0.05, 0.10, ..., 0.95. */
  static double[] grid() {
    double[] g = new double[19];
    for (int i = 0; i < g.length; i++) g[i] = (i + 1) * 5 / 100.0;        // exact decimals in metrics.json
    return g;
  }

  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    return fitBaselines(train, train, labels);
  }

  /** Frequencies and P(m | d) counted on {@code train}; their cut-offs chosen on {@code validation}. */
  @Override
  public FittedBaselines fitBaselines(DataPart train, DataPart validation, OutputLabels labels) {
    int M = labels.outputSize();
    DataPart tuning = validation == null || validation.isEmpty() ? train : validation;
    List<Step> steps = Step.of(train.records(), M);
    double[] frequency = new double[M];
    Map<Integer, Integer> visitsWith = new HashMap<>();
    Map<Integer, double[]> joint = new HashMap<>();
    for (Step s : steps) {
      for (int m = 0; m < M; m++) if (s.truth[m]) frequency[m]++;
      for (int d : s.diagnoses) {
        visitsWith.merge(d, 1, Integer::sum);
        double[] row = joint.computeIfAbsent(d, k -> new double[M]);
        for (int m = 0; m < M; m++) if (s.truth[m]) row[m]++;
      }
    }
    Map<Integer, float[]> conditional = new HashMap<>();
    joint.forEach((d, row) -> {
      float[] p = new float[M];
      for (int m = 0; m < M; m++) p[m] = (float) (row[m] / visitsWith.get(d));
      conditional.put(d, p);
    });
    float[] f = new float[M];
    for (int m = 0; m < M; m++) f[m] = (float) frequency[m];
    List<Step> tune = Step.of(tuning.records(), M);
    boolean[][] tuneTruth = truths(tune);
    int bestK = 1;
    double bestJaccard = -1;
    for (int k = 1; k <= Math.min(MAX_K, M); k++) {
      double j = SetMetrics.of(tuneTruth, repeat(SetMetrics.topK(new float[][] {f}, k)[0], tune.size())).jaccard();
      if (j > bestJaccard) {
        bestJaccard = j;
        bestK = k;
      }
    }
    float[][] perDiagnosis = perDiagnosisScores(tune, conditional, M);
    double bestCut = DEFAULT_THRESHOLD;
    bestJaccard = -1;
    for (double c : grid()) {
      double j = SetMetrics.of(tuneTruth, SetMetrics.atThreshold(perDiagnosis, c)).jaccard();
      if (j > bestJaccard) {
        bestJaccard = j;
        bestCut = c;
      }
    }
    double[] mostFrequent = new double[M + 1];
    mostFrequent[0] = bestK;
    System.arraycopy(frequency, 0, mostFrequent, 1, M);
    // per_diagnosis values: the cut-off, then (d, m, P(m | d)) for every P > 0
    List<Double> values = new ArrayList<>();
    values.add(bestCut);
    conditional.keySet().stream().sorted().forEach(d -> {
      float[] p = conditional.get(d);
      for (int m = 0; m < M; m++) {
        if (p[m] > 0) {
          values.add((double) d);
          values.add((double) m);
          values.add((double) p[m]);
        }
      }
    });
    List<FittedBaselines.Baseline> list = new ArrayList<>();
    list.add(FittedBaselines.Baseline.of(MOST_FREQUENT, mostFrequent));
    list.add(new FittedBaselines.Baseline(PER_DIAGNOSIS, values));
    list.add(FittedBaselines.Baseline.of(PREVIOUS_VISIT));
    return new FittedBaselines(name(), train.size(), list);
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    int M = labels.outputSize();
    double[] mostFrequent = fitted.values(MOST_FREQUENT).orElse(null);
    double[] perDiagnosis = fitted.values(PER_DIAGNOSIS).orElse(null);
    if (eval.isEmpty() || mostFrequent == null || perDiagnosis == null) return Map.of();
    if (mostFrequent.length != M + 1) {
      throw new IllegalArgumentException("the most-frequent baseline has " + (mostFrequent.length - 1)
          + " medication labels, the model " + M);
    }
    List<Step> steps = Step.of(eval.records(), M);
    boolean[][] truth = truths(steps);
    float[] f = new float[M];
    for (int m = 0; m < M; m++) f[m] = (float) mostFrequent[m + 1];
    int k = (int) mostFrequent[0];
    boolean[] frequentSet = SetMetrics.topK(new float[][] {f}, k)[0];
    Map<String, Double> out = new LinkedHashMap<>();
    SetMetrics.Scores frequent = SetMetrics.of(truth, repeat(frequentSet, steps.size()));
    if (frequent.rows() == 0) return out;
    out.putAll(frequent.asMap(MOST_FREQUENT + "_"));
    out.put(MOST_FREQUENT + "_k", (double) k);

    Map<Integer, float[]> conditional = new HashMap<>();
    if ((perDiagnosis.length - 1) % 3 != 0) {
      throw new IllegalArgumentException("the per-diagnosis baseline holds " + perDiagnosis.length + " values; expected "
          + "the cut-off and then (diagnosis, medication, probability) triples");
    }
    for (int i = 1; i < perDiagnosis.length; i += 3) {
      int d = (int) perDiagnosis[i], m = (int) perDiagnosis[i + 1];
      if (m < 0 || m >= M) {
        throw new IllegalArgumentException("the per-diagnosis baseline names medication label " + m + "; the model has "
            + M);
      }
      conditional.computeIfAbsent(d, x -> new float[M])[m] = (float) perDiagnosis[i + 2];
    }
    double cut = perDiagnosis[0];
    out.putAll(SetMetrics.of(truth, SetMetrics.atThreshold(perDiagnosisScores(steps, conditional, M), cut))
        .asMap(PER_DIAGNOSIS + "_"));
    out.put(PER_DIAGNOSIS + "_cutoff", cut);

    if (fitted.values(PREVIOUS_VISIT).isPresent() && eval.records().stream().anyMatch(e -> e.length() > 1)) {
      boolean[][] previous = new boolean[steps.size()][];
      for (int i = 0; i < steps.size(); i++) previous[i] = steps.get(i).step == 0 ? frequentSet : steps.get(i - 1).truth;
      out.putAll(SetMetrics.of(truth, previous).asMap(PREVIOUS_VISIT + "_"));
    }
    return out;
  }

  /** score(m) = max over the step's diagnoses d of P(m | d); 0 for a step without a known diagnosis. */
  private static float[][] perDiagnosisScores(List<Step> steps, Map<Integer, float[]> conditional, int M) {
    float[][] out = new float[steps.size()][M];
    for (int i = 0; i < steps.size(); i++) {
      for (int d : steps.get(i).diagnoses) {
        float[] p = conditional.get(d);
        if (p == null) continue;
        for (int m = 0; m < M; m++) out[i][m] = Math.max(out[i][m], p[m]);
      }
    }
    return out;
  }

  private static boolean[][] truths(List<Step> steps) {
    boolean[][] out = new boolean[steps.size()][];
    for (int i = 0; i < out.length; i++) out[i] = steps.get(i).truth;
    return out;
  }

  private static boolean[][] repeat(boolean[] row, int n) {
    boolean[][] out = new boolean[n][];
    Arrays.fill(out, row);
    return out;
  }

  /** One visit of a record, in record order: its step, distinct diagnosis ids and true medication set. */
  private record Step(int step, int[] diagnoses, boolean[] truth) {
    static List<Step> of(List<SequenceExample> records, int M) {
      List<Step> out = new ArrayList<>();
      for (SequenceExample e : records) {
        if (!(e.input(DIAGNOSES) instanceof StepInput.Bags dx)) {
          throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has no '" + DIAGNOSES + "' input; "
              + "task medication reads records made by data.format ehr");
        }
        if (e.y().length != e.length() * M) {
          throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has " + e.y().length / e.length()
              + " medication labels per visit, the model " + M);
        }
        for (int t = 0; t < e.length(); t++) {
          int from = dx.offsets()[t], to = t + 1 < e.length() ? dx.offsets()[t + 1] : dx.ids().length;
          Set<Integer> ids = new LinkedHashSet<>();
          for (int i = from; i < to; i++) ids.add(dx.ids()[i]);
          boolean[] truth = new boolean[M];
          for (int m = 0; m < M; m++) truth[m] = e.y()[t * M + m] > 0.5f;
          out.add(new Step(t, ids.stream().mapToInt(Integer::intValue).toArray(), truth));
        }
      }
      return out;
    }
  }

  /** A part's predictions as indicator rows and score rows. */
  private record Rows(boolean[][] truth, float[][] scores) {
    static Rows of(Predictions p) {
      int n = p.size();
      boolean[][] truth = new boolean[n][];
      float[][] scores = new float[n][];
      for (int i = 0; i < n; i++) {
        float[] y = p.truth(i);
        truth[i] = new boolean[y.length];
        for (int k = 0; k < y.length; k++) truth[i][k] = y[k] > 0.5f;
        scores[i] = p.output(i);
      }
      return new Rows(truth, scores);
    }
  }

  @Override
  public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    describe(p, row, labels, into, null);
  }

  /** The medications at the model's threshold (0.5 without one), and the ten most probable with probabilities. */
  @Override
  public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into, FittedBaselines fitted) {
    float[] out = p.output(row);
    double threshold = fitted == null ? DEFAULT_THRESHOLD
        : fitted.values(MODEL_THRESHOLD).map(v -> v[0]).orElse(DEFAULT_THRESHOLD);
    Integer[] order = new Integer[out.length];
    for (int k = 0; k < out.length; k++) order[k] = k;
    Arrays.sort(order, (a, b) -> out[a] != out[b] ? Float.compare(out[b], out[a]) : Integer.compare(a, b));
    List<String> chosen = new ArrayList<>();
    for (int k : order) if (out[k] >= threshold) chosen.add(labels.name(k));
    into.put("medications", String.join(" ", chosen));
    into.put("threshold", threshold);
    for (int j = 0; j < Math.min(10, out.length); j++) into.put("p_" + labels.name(order[j]), (double) out[order[j]]);
  }

  @Override
  public boolean higherIsBetter(String metric) {
    return !metric.equals("loss") && !metric.startsWith("mean_predicted");
  }
}
