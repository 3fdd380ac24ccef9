package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.loss.BCEWithLogitsLoss;
import org.recurrent.loss.MSELoss;
import org.recurrent.metrics.MultiLabelMetrics;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * {@code next-visit} (Doctor AI, Choi et al. 2016): at every visit, the diagnosis labels of the NEXT visit
 * (multi-label) and the time until it (regression), many-to-many over a patient's visits (data format
 * {@code ehr}). The per-step target row holds L label indicators and one time value,
 * {@code y = (y_1..y_L, tau)} with {@code tau = log(1 + days to the next visit)} (Doctor AI's log duration); the
 * model outputs K = L + 1 logits per step.
 * <pre>{@code
 * loss     L * BCE(z_1..z_L, y_1..y_L) + MSE(z_{L+1}, tau)     BCE averaged over rows and labels, so the first
 *          term is the per-visit sum of Doctor AI's label cross-entropies; the time term its squared error
 * readout  (sigmoid(z_1..z_L), z_{L+1})
 * metrics  recall@k for k = 5, 10, 20, 30 up to L (Doctor AI's top-k recall, MultiLabelMetrics), over real steps;
 *          time_mae_days = mean |days(z_{L+1}) - days(tau)|, days(v) = exp(v) - 1
 * baselines most_frequent_*:  every step ranks the labels by their frequency in the training targets;
 *          time: the training targets' mean tau
 *          same_as_current_*: the labels of the current visit first (they are the previous step's targets;
 *          at a patient's first visit, none), then by training frequency
 * }</pre>
 */
public final class NextVisitTask extends RecordTask {
  public static final String TIME_TARGET = "log_days_to_next_visit";
  private static final int[] TOP_K = {5, 10, 20, 30};
  private static final BCEWithLogitsLoss BCE = new BCEWithLogitsLoss();
  private static final MSELoss MSE = new MSELoss();

  @Override
  public String name() {
    return "next-visit";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (kind != TargetKind.PER_STEP_REGRESSION || !format.equals("ehr")) {
      throw Requirements.unmet(this, "visit sequences from data.format: ehr (next visit's labels and time per visit)",
          kind, format);
    }
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return true;
  }

  @Override
  public Tensor loss(Tensor logits, Batch batch, float[] mask) {
    int K = logits.size(logits.dim() - 1), L = K - 1;
    if (L < 1) throw new IllegalArgumentException("next-visit needs at least one label and the time, got K = " + K);
    Tensor flat = Ops.reshape(logits, batch.steps() * batch.size(), K);
    int rows = flat.size(0);
    float[] y = batch.targets();
    if (y.length != rows * K) {
      throw new IllegalArgumentException("the data have " + y.length / rows + " target values per step but the model "
          + "outputs " + K);
    }
    float[] labels = new float[rows * L], time = new float[rows];
    for (int n = 0; n < rows; n++) {
      System.arraycopy(y, n * K, labels, n * L, L);
      time[n] = y[n * K + L];
    }
    float[] m = mask != null ? mask : batch.stepMask();
    Tensor codes = BCE.forward(Ops.slice(flat, 1, 0, L), Tensor.of(labels, rows, L), m);
    Tensor gap = MSE.forward(Ops.slice(flat, 1, L, K), Tensor.of(time, rows, 1), m);
    return Ops.add(Ops.scale(codes, L), gap);
  }

  @Override
  public Tensor readout(Tensor logits) {
    int d = logits.dim() - 1, K = logits.size(d);
    return Ops.concat(List.of(Ops.sigmoid(Ops.slice(logits, d, 0, K - 1)), Ops.slice(logits, d, K - 1, K)), d);
  }

  @Override
  public Map<String, Double> metrics(Predictions p, OutputLabels labels) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!p.labelled() || p.size() == 0) return out;
    int n = p.size(), K = p.output(0).length;
    float[][] scores = new float[n][];
    double[] predictedTime = new double[n], trueTime = new double[n];
    List<float[]> truth = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] o = p.output(i);
      scores[i] = java.util.Arrays.copyOf(o, K - 1);
      predictedTime[i] = o[K - 1];
      truth.add(p.truth(i));
      trueTime[i] = p.truth(i)[K - 1];
    }
    putScores(out, "", truth, scores, predictedTime, trueTime);
    return out;
  }

  static final String LABEL_FREQUENCY = "label_frequency";
  static final String MEAN_TIME = "mean_time";

  /** How often each label is a training target, and the training targets' mean tau. */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    int K = labels.outputSize(), L = K - 1;
    double[] frequency = new double[L];
    double meanTime = 0;
    long rows = 0;
    for (SequenceExample e : train.records()) {
      for (int from = 0; from + K <= e.y().length; from += K) {
        for (int k = 0; k < L; k++) frequency[k] += e.y()[from + k];
        meanTime += e.y()[from + L];
        rows++;
      }
    }
    meanTime /= Math.max(1, rows);
    return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of(LABEL_FREQUENCY, frequency),
        FittedBaselines.Baseline.of(MEAN_TIME, meanTime)));
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    int K = labels.outputSize(), L = K - 1;
    double[] counts = fitted.values(LABEL_FREQUENCY).orElse(null);
    double[] mean = fitted.values(MEAN_TIME).orElse(null);
    if (eval.isEmpty() || counts == null || mean == null) return Map.of();
    if (counts.length != L) {
      throw new IllegalArgumentException("the label-frequency baseline has " + counts.length + " labels, the model " + L);
    }
    float[] frequency = new float[L];
    for (int k = 0; k < L; k++) frequency[k] = (float) counts[k];
    double meanTime = mean[0];
    // frequencies scaled into (0, 1) so that 1 + frequency ranks the current visit's labels above all others
    float max = 0;
    for (float f : frequency) max = Math.max(max, f);
    float[] prior = new float[L];
    for (int k = 0; k < L; k++) prior[k] = max == 0 ? 0 : frequency[k] / (max * 1.001f);
    List<float[]> truth = new ArrayList<>();
    List<float[]> same = new ArrayList<>();
    for (SequenceExample e : eval.records()) {
      for (int from = 0; from + K <= e.y().length; from += K) {
        truth.add(java.util.Arrays.copyOfRange(e.y(), from, from + K));
        float[] s = prior.clone();
        if (from >= K) for (int k = 0; k < L; k++) if (e.y()[from - K + k] > 0.5f) s[k] += 1;
        same.add(s);
      }
    }
    int n = truth.size();
    float[][] frequent = new float[n][];
    double[] constant = new double[n], trueTime = new double[n];
    for (int i = 0; i < n; i++) {
      frequent[i] = prior;
      constant[i] = meanTime;
      trueTime[i] = truth.get(i)[L];
    }
    Map<String, Double> out = new LinkedHashMap<>();
    putScores(out, "most_frequent_", truth, frequent, constant, trueTime);
    Map<String, Double> current = new LinkedHashMap<>();
    putScores(current, "same_as_current_", truth, same.toArray(new float[0][]), null, trueTime);
    out.putAll(current);
    return out;
  }

  /** recall@k over the rows that have a true label; the time error in days when {@code predictedTime} is given. */
  private static void putScores(Map<String, Double> out, String prefix, List<float[]> truth, float[][] scores,
                                double[] predictedTime, double[] trueTime) {
    int n = truth.size(), L = scores.length == 0 ? 0 : scores[0].length;
    int[][] hot = new int[n][L];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < L; k++) {
        hot[i][k] = truth.get(i)[k] > 0.5f ? 1 : 0;
        any |= hot[i][k] == 1;
      }
    }
    if (any) {
      for (int k : TOP_K) {
        if (k <= L) out.put(prefix + "recall@" + k, MultiLabelMetrics.recallAtK(hot, scores, k));
      }
    }
    if (predictedTime != null) {
      double err = 0;
      for (int i = 0; i < n; i++) err += Math.abs(days(predictedTime[i]) - days(trueTime[i]));
      out.put(prefix + "time_mae_days", n == 0 ? Double.NaN : err / n);
    }
  }

  /** The inverse of the time target's transform. */
  static double days(double tau) {
    return Math.expm1(tau);
  }

  @Override
  public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    float[] out = p.output(row);
    int L = out.length - 1;
    Integer[] order = new Integer[L];
    for (int k = 0; k < L; k++) order[k] = k;
    java.util.Arrays.sort(order, (a, b) -> Float.compare(out[b], out[a]));
    List<String> top = new ArrayList<>();
    for (int j = 0; j < Math.min(10, L); j++) top.add(labels.name(order[j]));
    into.put("top_10_next_labels", String.join(" ", top));
    for (int j = 0; j < Math.min(10, L); j++) into.put("p_" + labels.name(order[j]), (double) out[order[j]]);
    into.put("days_to_next_visit", days(out[L]));
  }

  @Override
  public boolean higherIsBetter(String metric) {
    return !metric.equals("loss") && !metric.endsWith("time_mae_days");
  }
}
